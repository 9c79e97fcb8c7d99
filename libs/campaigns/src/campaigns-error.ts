import { AppError, ErrorCode } from '@renown/core';

/** The one exception type of the campaigns library; the message names the problem and the way out. */
export class CampaignsError extends AppError {
  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(code, message, details);
  }

  static badInput(message: string, details: Record<string, unknown> = {}) {
    return new CampaignsError(ErrorCode.BAD_USER_INPUT, message, details);
  }

  static conflict(message: string, details: Record<string, unknown> = {}) {
    return new CampaignsError(ErrorCode.CONFLICT, message, details);
  }

  static notFound(what: string, id: string) {
    return new CampaignsError(ErrorCode.NOT_FOUND, `${what} ${id} was not found`, { what, id });
  }
}
