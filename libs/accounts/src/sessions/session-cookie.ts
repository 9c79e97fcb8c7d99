import type { CookieOptions } from 'express';

export const SESSION_COOKIE = 'renown_session';

/** httpOnly so page scripts never see it; SameSite=Lax so other sites cannot ride it on POSTs. */
export function sessionCookieOptions(publicUrl: string, expiresAt: Date): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', secure: publicUrl.startsWith('https://'), path: '/', expires: expiresAt };
}
