import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
// Not (yet) exported from the accounts index; the keys are accounts' own, so a rename there shows here.
import { IS_PUBLIC, requestOf, USERS_ONLY } from '@renown/accounts/auth/auth.decorators.js';
import { from, type Observable, switchMap } from 'rxjs';
import { EntitlementsService } from '../services/entitlements.service.js';
import { ALLOW_WHEN_READ_ONLY } from './allow-when-read-only.decorator.js';

/**
 * Read-only for brands past their payment grace period: every GraphQL mutation acting for such a brand is
 * refused (PAYMENT_REQUIRED, with the banner's message) and every query still works. Exempt: public
 * operations, personal ones (@UsersOnly: log out, password, switch brand) and @AllowWhenReadOnly (paying).
 * An interceptor, not a guard, so it runs after authentication has set the actor.
 */
@Injectable()
export class ReadOnlyInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly entitlements: EntitlementsService,
  ) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (ctx.getType<string>() !== 'graphql') return next.handle();
    if (GqlExecutionContext.create(ctx).getInfo()?.parentType?.name !== 'Mutation') return next.handle();
    const targets = [ctx.getHandler(), ctx.getClass()];
    if ([ALLOW_WHEN_READ_ONLY, IS_PUBLIC, USERS_ONLY].some((key) => this.reflector.getAllAndOverride<boolean>(key, targets))) return next.handle();
    const brandId = requestOf(ctx).actor?.brandId;
    if (!brandId) return next.handle();
    return from(this.entitlements.assertWritable(brandId)).pipe(switchMap(() => next.handle()));
  }
}
