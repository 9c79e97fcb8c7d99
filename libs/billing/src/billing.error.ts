import { AppError, ErrorCode } from '@renown/core';

/** Every error billing raises; the message names the problem and the way out. */
export class BillingError extends AppError {}

/** An action would go past the plan's limit. `details` name the limit so the console can show it. */
export class QuotaExceededError extends BillingError {
  constructor(message: string, details: { metric: string; limit: number; used: number; requested: number; plan: string; upgrade: string }) {
    super(ErrorCode.QUOTA_EXCEEDED, message, details);
  }
}

/** The brand is read-only: its payment is past due beyond the grace period. */
export class ReadOnlyBrandError extends BillingError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(ErrorCode.PAYMENT_REQUIRED, message, details);
  }
}
