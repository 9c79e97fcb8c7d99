import { AppError, ErrorCode } from '@renown/core';

/** The one exception type of the discovery library; the message names the problem and the way out. */
export class DiscoveryError extends AppError {
  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(code, message, details);
  }

  static badInput(message: string, details: Record<string, unknown> = {}) {
    return new DiscoveryError(ErrorCode.BAD_USER_INPUT, message, details);
  }

  static notFound(what: string, id: string) {
    return new DiscoveryError(ErrorCode.NOT_FOUND, `${what} ${id} was not found`, { what, id });
  }

  static conflict(message: string, details: Record<string, unknown> = {}) {
    return new DiscoveryError(ErrorCode.CONFLICT, message, details);
  }
}
