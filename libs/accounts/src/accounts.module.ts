import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiKeysRepository } from './api-keys/api-keys.repository.js';
import { ApiKeysService } from './api-keys/api-keys.service.js';
import { AuthGuard } from './auth/auth.guard.js';
import { RequestAuthenticator } from './auth/request-authenticator.service.js';
import { BrandsRepository } from './brands/brands.repository.js';
import { BrandsService } from './brands/brands.service.js';
import { ApiKeysResolver } from './graphql/api-keys.resolver.js';
import { AuthResolver } from './graphql/auth.resolver.js';
import { BrandResolver } from './graphql/brand.resolver.js';
import { TeamResolver } from './graphql/team.resolver.js';
import { ViewerService } from './graphql/viewer.service.js';
import { SessionCache } from './sessions/session-cache.js';
import { SessionsService } from './sessions/sessions.service.js';
import { AccountsService } from './sign-up/accounts.service.js';
import { LoginRateLimiter } from './sign-up/login-rate-limiter.js';
import { InvitationsRepository } from './team/invitations.repository.js';
import { TeamService } from './team/team.service.js';

/**
 * Brands, users, team roles, sessions and API keys, and the global AuthGuard that authenticates every
 * GraphQL operation (and HTTP routes that opt in). Needs MailModule (from @renown/core) for its mail.
 */
@Module({
  providers: [
    { provide: APP_GUARD, useClass: AuthGuard },
    RequestAuthenticator,
    AccountsService,
    LoginRateLimiter,
    SessionCache,
    SessionsService,
    ApiKeysRepository,
    ApiKeysService,
    BrandsRepository,
    BrandsService,
    InvitationsRepository,
    TeamService,
    ViewerService,
    AuthResolver,
    BrandResolver,
    TeamResolver,
    ApiKeysResolver,
  ],
  exports: [RequestAuthenticator, BrandsService, SessionsService],
})
export class AccountsModule {}
