/** A message to send. Bodies are final (rendered); both HTML and plain text are required. */
export interface OutgoingMail {
  to: string;
  subject: string;
  html: string;
  text: string;
  /** What the message is, for logs and the /dev/mail page: 'accounts.verify-email', 'campaigns.invitation'... */
  kind: string;
  /** The brand it is sent for, when there is one (per-brand rates, reports). */
  brandId?: string | null;
  /** Defaults to MAIL_FROM. */
  from?: string;
  /** Extra headers, e.g. List-Unsubscribe and List-Unsubscribe-Post for campaign mail. */
  headers?: Record<string, string>;
  /**
   * Makes enqueueing idempotent: a second message with the same key is not queued (e.g. `invitation:<id>`),
   * so one invitation can never be mailed twice even if its transaction is retried.
   */
  dedupeKey?: string;
  /** Do not send before this time (per-brand sending rates spread bulk mail over send slots). */
  notBefore?: Date;
}

export type MailStatus = 'queued' | 'sent' | 'kept' | 'suppressed' | 'failed';

export interface MailOutboxRow {
  id: string;
  brand_id: string | null;
  kind: string;
  dedupe_key: string | null;
  from_address: string;
  to_address: string;
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
  status: MailStatus;
  attempts: number;
  last_error: string | null;
  provider_message_id: string | null;
  created_at: Date;
  updated_at: Date;
  sent_at: Date | null;
}

export const MAIL_SEND_QUEUE = 'mail.send';
export const MAIL_SWEEP_QUEUE = 'mail.sweep';
/** One first try plus the queue's retries; after that the row is marked failed. */
export const MAIL_MAX_ATTEMPTS = 6;
