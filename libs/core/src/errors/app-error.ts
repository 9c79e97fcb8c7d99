/**
 * The stable error codes clients can rely on, in GraphQL `extensions.code` and in REST bodies.
 */
export enum ErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  /** The API key is valid but of a kind that may not do this (an extension key outside its routes). */
  KEY_SCOPE = 'KEY_SCOPE',
  NOT_FOUND = 'NOT_FOUND',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  CONFLICT = 'CONFLICT',
  QUOTA_EXCEEDED = 'QUOTA_EXCEEDED',
  RATE_LIMITED = 'RATE_LIMITED',
  PAYMENT_REQUIRED = 'PAYMENT_REQUIRED',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

export const HTTP_STATUS: Record<ErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  KEY_SCOPE: 403,
  NOT_FOUND: 404,
  BAD_USER_INPUT: 400,
  CONFLICT: 409,
  QUOTA_EXCEEDED: 402,
  RATE_LIMITED: 429,
  PAYMENT_REQUIRED: 402,
  INTERNAL_SERVER_ERROR: 500,
};

/**
 * Base of every domain exception (AccountsError, IngestionError, ...). The message is meant for the user:
 * it names the problem and, where there is one, the way out. `details` carries machine-readable context.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }

  get httpStatus() {
    return HTTP_STATUS[this.code];
  }
}

export class NotFoundError extends AppError {
  constructor(what: string, id?: string) {
    super(ErrorCode.NOT_FOUND, id ? `${what} ${id} was not found` : `${what} was not found`, { what, id });
  }
}

export class BadInputError extends AppError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(ErrorCode.BAD_USER_INPUT, message, details);
  }
}
