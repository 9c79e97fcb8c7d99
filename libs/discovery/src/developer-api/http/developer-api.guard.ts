import { type CanActivate, type ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type Actor, ApiKeyKind } from '@renown/accounts';
import { ErrorCode } from '@renown/core';
import type { Request, Response } from 'express';
import { DiscoveryError } from '../../discovery.error.js';
import { ApiCallMeter } from '../metering/api-call-meter.js';
import { ApiRateLimiter } from '../rate-limit/api-rate-limiter.js';

const NOT_METERED = 'renown:developer-api:not-metered';
/** The route is rate-limited but not counted as a billed API call (e.g. reading one's own usage). */
export const NotMetered = () => SetMetadata(NOT_METERED, true);

const EXTENSION_ALLOWED = 'renown:developer-api:extension-allowed';
/**
 * An extension key (ApiKeyKind.EXTENSION, the browser extension's) may call this route. Every other /v1 route
 * answers such a key 403 KEY_SCOPE, before the rate limit and metering.
 */
export const ExtensionKeyAllowed = () => SetMetadata(EXTENSION_ALLOWED, true);

const API_KEY_HELP = 'Send an API key as "Authorization: Bearer rnk_..." or "X-Api-Key: rnk_..."; an owner or admin creates one in the console under Settings, API keys.';

function unauthenticated(message: string, reason: string) {
  return new DiscoveryError(ErrorCode.UNAUTHENTICATED, message, { reason });
}

/**
 * Every /v1 request, in order: an API key and nothing else (a console session is refused, so a logged-in
 * browser can neither spend the brand's API quota nor be driven cross-site), an extension key only on the routes
 * marked @ExtensionKeyAllowed() (403 KEY_SCOPE elsewhere), the per-key rate limit (429 with
 * Retry-After), then metering (402 when the plan has no API access or its monthly API calls are used up).
 * The global AuthGuard has already looked the credential up (the controller is @Public to it so that this
 * guard, not the console's log-in message, answers the developer).
 */
@Injectable()
export class DeveloperApiGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly limiter: ApiRateLimiter,
    private readonly meter: ApiCallMeter,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const http = ctx.switchToHttp();
    const req = http.getRequest<Request & { actor?: Actor }>();
    const res = http.getResponse<Response>();
    const actor = req.actor;
    if (!actor || actor.kind !== 'apiKey') {
      res.setHeader('WWW-Authenticate', 'Bearer realm="renown-developer-api"');
      throw this.refusal(req, actor);
    }

    const targets = [ctx.getHandler(), ctx.getClass()];
    if (actor.keyKind === ApiKeyKind.EXTENSION && !this.reflector.getAllAndOverride<boolean>(EXTENSION_ALLOWED, targets)) {
      throw new DiscoveryError(
        ErrorCode.KEY_SCOPE,
        `An extension key can only look up handles and add accounts to lists (POST /v1/lookup, GET /v1/lists, POST /v1/lists/{id}/accounts); use a developer API key for ${req.method} ${req.path}. An owner or admin creates one in the console under Settings, API keys.`,
        { reason: 'extension-key-scope', keyKind: 'extension' },
      );
    }

    const rate = await this.limiter.hit(actor.apiKeyId);
    res.setHeader('X-RateLimit-Limit', String(rate.limit));
    res.setHeader('X-RateLimit-Remaining', String(rate.remaining));
    res.setHeader('X-RateLimit-Reset', String(rate.resetInSeconds));
    if (!rate.allowed) {
      res.setHeader('Retry-After', String(rate.resetInSeconds));
      throw new DiscoveryError(
        ErrorCode.RATE_LIMITED,
        `Rate limit reached: this API key may make ${rate.limit} requests per ${rate.windowSeconds} seconds. Wait ${rate.resetInSeconds} seconds (the Retry-After header) and retry.`,
        { retryAfterSeconds: rate.resetInSeconds, limit: rate.limit, windowSeconds: rate.windowSeconds },
      );
    }

    if (!this.reflector.getAllAndOverride<boolean>(NOT_METERED, targets)) {
      await this.meter.count(actor.brandId, actor.apiKeyId, this.idempotencyKey(req));
    }
    return true;
  }

  private refusal(req: Request, actor: Actor | undefined) {
    if (actor?.kind === 'user') {
      return unauthenticated(`The developer API does not accept console sessions. ${API_KEY_HELP}`, 'session-not-accepted');
    }
    const auth = req.headers.authorization;
    const bearer = typeof auth === 'string' && /^Bearer\s+/i.test(auth) ? auth.replace(/^Bearer\s+/i, '').trim() : '';
    const headerKey = typeof req.headers['x-api-key'] === 'string' ? req.headers['x-api-key'].trim() : '';
    const presented = bearer || headerKey;
    if (!presented) return unauthenticated(`An API key is required. ${API_KEY_HELP}`, 'missing-api-key');
    if (!presented.startsWith('rnk_')) return unauthenticated(`That is not a Renown API key (they start with rnk_). ${API_KEY_HELP}`, 'not-an-api-key');
    return unauthenticated('This API key is unknown or has been revoked. Use an active key, or ask an owner or admin to create a new one.', 'unknown-or-revoked-api-key');
  }

  private idempotencyKey(req: Request): string | undefined {
    const value = req.headers['idempotency-key'];
    if (typeof value !== 'string' || !value.trim()) return undefined;
    const key = value.trim();
    if (key.length > 200 || !/^[\x21-\x7e]+$/.test(key)) {
      throw DiscoveryError.badInput('The Idempotency-Key header must be 1 to 200 visible ASCII characters, e.g. a UUID.');
    }
    return key;
  }
}
