import { AccountsError } from '../accounts.error.js';

const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/;
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 200;

export function normaliseEmail(email: string): string {
  const clean = String(email ?? '').trim().toLowerCase();
  if (clean.length > 254 || !EMAIL.test(clean)) throw AccountsError.badInput('Enter a valid email address, like name@example.com.', { field: 'email' });
  return clean;
}

export function checkNewPassword(password: string): string {
  const p = String(password ?? '');
  if (p.length < MIN_PASSWORD_LENGTH || p.length > MAX_PASSWORD_LENGTH) {
    throw AccountsError.badInput(`Choose a password of ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters; a few words make a good one.`, {
      field: 'password',
    });
  }
  return p;
}

export function checkName(value: string | undefined | null, field: string, max = 120): string {
  const clean = String(value ?? '').trim();
  if (!clean || clean.length > max) throw AccountsError.badInput(`Enter a ${field} of 1 to ${max} characters.`, { field });
  return clean;
}
