import { AppError, ErrorCode } from '@renown/core';

/** Every error the accounts library throws; the message says what went wrong and what to do. */
export class AccountsError extends AppError {
  static unauthenticated(message = 'Log in first: send the renown_session cookie, or Authorization: Bearer <session token or API key>.') {
    return new AccountsError(ErrorCode.UNAUTHENTICATED, message);
  }
  static forbidden(message: string, details: Record<string, unknown> = {}) {
    return new AccountsError(ErrorCode.FORBIDDEN, message, details);
  }
  static notFound(what: string) {
    return new AccountsError(ErrorCode.NOT_FOUND, `${what} was not found in this brand.`);
  }
  static badInput(message: string, details: Record<string, unknown> = {}) {
    return new AccountsError(ErrorCode.BAD_USER_INPUT, message, details);
  }
  static conflict(message: string) {
    return new AccountsError(ErrorCode.CONFLICT, message);
  }
  static rateLimited(retryAfterSeconds: number) {
    return new AccountsError(
      ErrorCode.RATE_LIMITED,
      `Too many login attempts. Wait ${retryAfterSeconds} seconds and try again, or reset your password.`,
      { retryAfterSeconds },
    );
  }
}
