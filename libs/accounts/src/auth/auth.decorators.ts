import { applyDecorators, createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { AccountsError } from '../accounts.error.js';
import type { BrandId } from '../brand-scope/brand-id.js';
import type { Actor, BrandRole } from './actor.js';

export const IS_PUBLIC = 'renown:auth:public';
export const REQUIRES_AUTH = 'renown:auth:required';
export const ROLES = 'renown:auth:roles';
export const USERS_ONLY = 'renown:auth:users-only';
export const OPERATOR_ONLY = 'renown:auth:operator-only';

/** Anyone may call it (sign-up, log-in, claim pages). A valid credential, if sent, still sets the actor. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/**
 * Only team members with one of these roles in the current brand. API keys never pass (they have no team
 * role): use it for team, API-key and billing management.
 */
export const Roles = (...roles: BrandRole[]) => applyDecorators(SetMetadata(REQUIRES_AUTH, true), SetMetadata(ROLES, roles));

/** Any logged-in person, but not an API key (own sessions, password, switching brand). */
export const UsersOnly = () => applyDecorators(SetMetadata(REQUIRES_AUTH, true), SetMetadata(USERS_ONLY, true));

/** Platform staff only (users.is_operator), e.g. import runs. */
export const OperatorOnly = () => applyDecorators(SetMetadata(REQUIRES_AUTH, true), SetMetadata(OPERATOR_ONLY, true));

/**
 * For plain HTTP controllers (the developer REST API): require a session or an API key. GraphQL operations
 * need no marker: they all require it unless @Public().
 */
export const Authenticated = () => SetMetadata(REQUIRES_AUTH, true);

export interface RequestWithActor {
  actor?: Actor;
}

export function requestOf(ctx: ExecutionContext): RequestWithActor & Record<string, any> {
  if (ctx.getType<string>() === 'graphql') return GqlExecutionContext.create(ctx).getContext().req;
  return ctx.switchToHttp().getRequest();
}

export function responseOf(ctx: ExecutionContext): any {
  if (ctx.getType<string>() === 'graphql') return GqlExecutionContext.create(ctx).getContext().res;
  return ctx.switchToHttp().getResponse();
}

/** The user or API key making the request. Throws UNAUTHENTICATED when there is none. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const actor = requestOf(ctx).actor;
  if (!actor) throw AccountsError.unauthenticated();
  return actor;
});

/** Like @CurrentActor() but undefined for anonymous callers (use on @Public() operations). */
export const OptionalActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor | undefined => requestOf(ctx).actor);

/** The brand the request acts for. Throws when the caller is anonymous or belongs to no brand. */
export const CurrentBrand = createParamDecorator((_: unknown, ctx: ExecutionContext): BrandId => {
  const actor = requestOf(ctx).actor;
  if (!actor) throw AccountsError.unauthenticated();
  if (!actor.brandId) throw AccountsError.forbidden('You are not a member of any brand. Accept an invitation or sign up a brand.');
  return actor.brandId;
});
