import { AppError, ErrorCode } from '@renown/core';

/** Every error the scoring library throws (influence and topics); the message says what went wrong and what to do. */
export class ScoringError extends AppError {
  static notFound(what: string, details: Record<string, unknown> = {}) {
    return new ScoringError(ErrorCode.NOT_FOUND, `${what} was not found.`, details);
  }
  static badInput(message: string, details: Record<string, unknown> = {}) {
    return new ScoringError(ErrorCode.BAD_USER_INPUT, message, details);
  }
  static conflict(message: string, details: Record<string, unknown> = {}) {
    return new ScoringError(ErrorCode.CONFLICT, message, details);
  }
  static forbidden(message: string, details: Record<string, unknown> = {}) {
    return new ScoringError(ErrorCode.FORBIDDEN, message, details);
  }
  static rateLimited(message: string, retryAfterSeconds: number) {
    return new ScoringError(ErrorCode.RATE_LIMITED, message, { retryAfterSeconds });
  }
}
