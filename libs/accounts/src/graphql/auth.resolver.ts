import { Inject } from '@nestjs/common';
import { Args, Context, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { APP_CONFIG, type AppConfig, AppError, ErrorCode } from '@renown/core';
import type { Actor, UserActor } from '../auth/actor.js';
import { CurrentActor, Public, UsersOnly } from '../auth/auth.decorators.js';
import { SessionsService } from '../sessions/sessions.service.js';
import { AccountsService, type LoggedIn } from '../sign-up/accounts.service.js';
import { AuthPayload, LogInInput, Session, SignUpInput, SignUpResult, Viewer } from './account.models.js';
import { clearSessionCookie, type GqlContext, requestMeta, setSessionCookie } from './request-context.js';
import { ViewerService } from './viewer.service.js';

@Resolver()
export class AuthResolver {
  constructor(
    private readonly accounts: AccountsService,
    private readonly sessions: SessionsService,
    private readonly viewers: ViewerService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Mutation(() => SignUpResult, { description: 'Public. Signs up a brand and its owner; answers the same for a known email. Confirm via the emailed link.' })
  async signUp(@Args('input') input: SignUpInput): Promise<SignUpResult> {
    return { message: await this.accounts.signUp(input) };
  }

  @Public()
  @Mutation(() => AuthPayload, { description: 'Public. Confirms the email address with the token from the link, and logs in.' })
  async verifyEmail(@Args('token') token: string, @Context() ctx: GqlContext): Promise<AuthPayload> {
    return this.payload(ctx, await this.accounts.verifyEmail(token, requestMeta(ctx.req)));
  }

  @Public()
  @Mutation(() => AuthPayload, { description: 'Public. Starts a session (cookie renown_session, and the token for Bearer use). Rate-limited.' })
  async logIn(@Args('input') input: LogInInput, @Context() ctx: GqlContext): Promise<AuthPayload> {
    try {
      return this.payload(ctx, await this.accounts.logIn(input.email, input.password, requestMeta(ctx.req)));
    } catch (err) {
      if (err instanceof AppError && err.code === ErrorCode.RATE_LIMITED) ctx.res.setHeader('Retry-After', String(err.details.retryAfterSeconds));
      throw err;
    }
  }

  @UsersOnly()
  @Mutation(() => Boolean, { description: 'Ends the current session.' })
  async logOut(@CurrentActor() actor: UserActor, @Context() ctx: GqlContext): Promise<boolean> {
    await this.sessions.revoke(actor.sessionId);
    clearSessionCookie(ctx, this.config);
    return true;
  }

  @UsersOnly()
  @Mutation(() => AuthPayload, { description: 'Changes the password, ends every session (on all devices) and starts a new one.' })
  async changePassword(
    @Args('currentPassword') currentPassword: string,
    @Args('newPassword') newPassword: string,
    @CurrentActor() actor: UserActor,
    @Context() ctx: GqlContext,
  ): Promise<AuthPayload> {
    return this.payload(ctx, await this.accounts.changePassword(actor.userId, currentPassword, newPassword, requestMeta(ctx.req)));
  }

  @Query(() => Viewer, { description: 'Who is calling: the user or API key, the current brand and the role in it.' })
  me(@CurrentActor() actor: Actor): Promise<Viewer> {
    return this.viewers.forActor(actor);
  }

  @UsersOnly()
  @Mutation(() => Viewer, { description: 'Acts for another brand the person belongs to (from me.memberships).' })
  async switchBrand(@Args('brandId', { type: () => ID }) brandId: string, @CurrentActor() actor: UserActor): Promise<Viewer> {
    await this.sessions.switchBrand(actor, brandId);
    return this.viewers.forUser(actor.userId, brandId);
  }

  @UsersOnly()
  @Query(() => [Session], { name: 'sessions', description: "The person's active sessions (devices)." })
  async listSessions(@CurrentActor() actor: UserActor): Promise<Session[]> {
    const rows = await this.sessions.listActive(actor.userId);
    return rows.map((s) => ({
      id: s.id,
      createdAt: s.created_at,
      lastSeenAt: s.last_seen_at,
      expiresAt: s.expires_at,
      userAgent: s.user_agent ?? undefined,
      ip: s.ip ?? undefined,
      current: s.id === actor.sessionId,
    }));
  }

  @UsersOnly()
  @Mutation(() => Boolean, { description: 'Ends one of your own sessions (e.g. a lost device).' })
  async revokeSession(@Args('id', { type: () => ID }) id: string, @CurrentActor() actor: UserActor): Promise<boolean> {
    await this.sessions.revokeOwn(actor.userId, id);
    return true;
  }

  private async payload(ctx: GqlContext, loggedIn: LoggedIn): Promise<AuthPayload> {
    setSessionCookie(ctx, this.config, loggedIn.session.token, loggedIn.session.expiresAt);
    return { token: loggedIn.session.token, expiresAt: loggedIn.session.expiresAt, viewer: await this.viewers.forUser(loggedIn.userId, loggedIn.brandId) };
  }
}
