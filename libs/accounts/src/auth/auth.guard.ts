import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AccountsError } from '../accounts.error.js';
import { ApiKeyKind, type BrandRole } from './actor.js';
import { IS_PUBLIC, OPERATOR_ONLY, REQUIRES_AUTH, requestOf, ROLES, USERS_ONLY } from './auth.decorators.js';
import { RequestAuthenticator } from './request-authenticator.service.js';

/**
 * Global guard (APP_GUARD). Every GraphQL operation needs a session or an API key unless marked @Public().
 * Plain HTTP routes are open unless marked @Authenticated(), @Roles(), @UsersOnly() or @OperatorOnly()
 * (health, webhooks and claim pages have no Renown login; the developer REST API opts in).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: RequestAuthenticator,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    const meta = <T>(key: string) => this.reflector.getAllAndOverride<T>(key, targets);
    const isGraphql = ctx.getType<string>() === 'graphql';
    const isPublic = meta<boolean>(IS_PUBLIC) === true;
    if (!isGraphql && !isPublic && !meta<boolean>(REQUIRES_AUTH)) return true;

    const req = requestOf(ctx);
    if (req.actor === undefined) {
      const { actor, presented } = await this.authenticator.authenticate(req as never);
      req.actor = actor ?? undefined;
      if (!actor && presented && !isPublic) {
        throw AccountsError.unauthenticated('Your session or API key is unknown, expired or revoked. Log in again or use an active API key.');
      }
    }
    // An extension key is for the developer REST API's look-ups and lists only (DeveloperApiGuard scopes it there):
    // never GraphQL, not even its public operations, nor the console's HTTP routes (CSV exports).
    if (req.actor?.kind === 'apiKey' && req.actor.keyKind === ApiKeyKind.EXTENSION && (isGraphql || !isPublic)) {
      throw AccountsError.forbidden(
        'An extension key only works for the Renown browser extension: it can look up handles and add accounts to lists through the developer API (/v1), not use GraphQL or the console. Log in, or use a developer API key.',
        { reason: 'extension-key-scope' },
      );
    }
    if (isPublic) return true;
    const actor = req.actor;
    if (!actor) throw AccountsError.unauthenticated();

    if (meta<boolean>(OPERATOR_ONLY) && !(actor.kind === 'user' && actor.isOperator)) {
      throw AccountsError.forbidden('Only Renown operators can do this.');
    }
    if (meta<boolean>(USERS_ONLY) && actor.kind !== 'user') {
      throw AccountsError.forbidden('API keys cannot do this; log in as a team member.');
    }
    const roles = meta<BrandRole[]>(ROLES);
    if (roles?.length) {
      if (actor.kind !== 'user') throw AccountsError.forbidden('API keys cannot manage the team, API keys or billing; log in as an owner or admin.');
      if (!actor.role || !roles.includes(actor.role)) {
        throw AccountsError.forbidden(`This needs the role ${roles.join(' or ')} in this brand; ask an owner.`, { requiredRoles: roles });
      }
    }
    return true;
  }
}
