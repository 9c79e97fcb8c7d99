import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { ApiKeysService } from '../api-keys/api-keys.service.js';
import { API_KEY_PREFIX } from '../crypto/secret-token.js';
import { SESSION_COOKIE } from '../sessions/session-cookie.js';
import { SessionsService } from '../sessions/sessions.service.js';
import type { Actor } from './actor.js';

export type CredentialSource = 'authorization' | 'x-api-key' | 'cookie';

/**
 * Finds the actor behind a request: `Authorization: Bearer <rnk_ API key | session token>`, then
 * `X-Api-Key: rnk_...`, then the `renown_session` cookie. `presented` tells apart "no credential" from
 * "a credential that is unknown, expired or revoked".
 */
@Injectable()
export class RequestAuthenticator {
  constructor(
    private readonly sessions: SessionsService,
    private readonly apiKeys: ApiKeysService,
  ) {}

  async authenticate(req: Request): Promise<{ actor: Actor | null; presented: boolean }> {
    const auth = req.headers.authorization;
    const bearer = typeof auth === 'string' && /^Bearer\s+/i.test(auth) ? auth.replace(/^Bearer\s+/i, '').trim() : undefined;
    const headerKey = typeof req.headers['x-api-key'] === 'string' ? req.headers['x-api-key'].trim() : undefined;
    const cookie = (req as Request & { cookies?: Record<string, string> }).cookies?.[SESSION_COOKIE];
    const credential = bearer || headerKey || cookie;
    if (!credential) return { actor: null, presented: false };
    const actor = credential.startsWith(API_KEY_PREFIX) ? await this.apiKeys.authenticate(credential) : await this.sessions.authenticate(credential);
    return { actor, presented: true };
  }
}
