import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** The header Renown signs alert webhooks with, in the style of Stripe's `Stripe-Signature`. */
export const SIGNATURE_HEADER = 'Renown-Signature';
export const EVENT_ID_HEADER = 'Renown-Event-Id';
export const WEBHOOK_SECRET_PREFIX = 'whsec_';
/** Receivers should refuse signatures older than this (replay protection); our own verifier does. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

export function newWebhookSecret(): { secret: string; hint: string } {
  const secret = WEBHOOK_SECRET_PREFIX + randomBytes(32).toString('base64url');
  return { secret, hint: `${secret.slice(0, 10)}…` };
}

/** HMAC-SHA256 (hex) over `${timestamp}.${body}`, keyed with the whole secret string. */
export function computeSignature(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
}

/** `t=<unix seconds>,v1=<hex signature>` */
export function signatureHeader(secret: string, body: string, timestamp: number): string {
  return `t=${timestamp},v1=${computeSignature(secret, timestamp, body)}`;
}

/**
 * Checks a `Renown-Signature` header against the raw body: the timestamp must be within the tolerance and
 * one of the `v1` signatures must match (several appear while a secret is being rotated, as with Stripe).
 */
export function verifySignatureHeader(secret: string, body: string, header: string | null | undefined, nowSeconds = Math.floor(Date.now() / 1000), toleranceSeconds = SIGNATURE_TOLERANCE_SECONDS): boolean {
  if (!header) return false;
  let timestamp: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't' && /^\d+$/.test(value)) timestamp = Number(value);
    if (key === 'v1') signatures.push(value);
  }
  if (timestamp === null || Math.abs(nowSeconds - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(computeSignature(secret, timestamp, body), 'hex');
  return signatures.some((s) => {
    const given = Buffer.from(s, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
