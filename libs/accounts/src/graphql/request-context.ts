import type { Request, Response } from 'express';
import type { AppConfig } from '@renown/core';
import type { RequestMeta } from '../sign-up/accounts.service.js';
import { SESSION_COOKIE, sessionCookieOptions } from '../sessions/session-cookie.js';

export interface GqlContext {
  req: Request;
  res: Response;
}

export function requestMeta(req: Request): RequestMeta {
  return { ip: req.ip ?? req.socket?.remoteAddress ?? 'unknown', userAgent: req.get?.('user-agent') ?? undefined };
}

export function setSessionCookie(ctx: GqlContext, config: AppConfig, token: string, expiresAt: Date) {
  ctx.res.cookie(SESSION_COOKIE, token, sessionCookieOptions(config.PUBLIC_URL, new Date(expiresAt)));
}

export function clearSessionCookie(ctx: GqlContext, config: AppConfig) {
  ctx.res.clearCookie(SESSION_COOKIE, { ...sessionCookieOptions(config.PUBLIC_URL, new Date(0)), expires: undefined });
}
