/**
 * @renown/accounts: brands (tenants), users, team roles, sessions, API keys, and the auth every other
 * module relies on.
 *
 * HOW OTHER MODULES USE IT
 * - GraphQL: every operation requires a session or API key (global AuthGuard). Mark anonymous ones
 *   `@Public()`. Restrict with `@Roles(BrandRole.OWNER, BrandRole.ADMIN)` (API keys never pass: use it
 *   for team, keys and billing), `@UsersOnly()` (people, not API keys) or `@OperatorOnly()` (Renown staff).
 * - Inject the caller with `@CurrentActor() actor: Actor` and the tenant with `@CurrentBrand() brandId: BrandId`.
 * - Plain HTTP controllers are open by default (webhooks, claim pages, health); a controller marked
 *   `@Authenticated()` accepts a session or an API key (`Authorization: Bearer ...` or `X-Api-Key`) and then
 *   uses the same `@CurrentBrand()` (e.g. CSV exports). The developer REST API (libs/discovery/src/developer-api)
 *   is `@Public()` for this guard and applies its own guard, which accepts API keys only.
 *
 * BRAND ISOLATION PATTERN (follow it for every brand-owned table: campaigns, billing, lists...)
 * 1. The table has `brand_id uuid NOT NULL REFERENCES brands(id)`; indexes start with brand_id.
 * 2. Its repository extends `BrandScopedRepository`; every public method takes `brandId: BrandId` FIRST and
 *    runs SQL through `this.query(brandId, sql, params, em?)`, where `$1` is the brand id. A plain string
 *    does not compile as a BrandId; a missing/empty/non-UUID one throws; SQL without `brand_id ... $1`
 *    throws. Lookups by an emailed secret (claim links) use `this.unscopedQuery(reason, ...)`.
 * 3. Fetch by id always as `WHERE brand_id = $1 AND id = $2`; no row → throw NOT_FOUND (never FORBIDDEN:
 *    another brand's id must look exactly like a missing one).
 * 4. Add the operation to `test/isolation/cases/<domain>.cases.ts` (the isolation test fails otherwise).
 */
export { AccountsError } from './accounts.error.js';
export { AccountsModule } from './accounts.module.js';
export { type Actor, type ApiKeyActor, ApiKeyKind, BrandRole, type UserActor } from './auth/actor.js';
export { Authenticated, CurrentActor, CurrentBrand, OperatorOnly, OptionalActor, Public, Roles, UsersOnly } from './auth/auth.decorators.js';
export { AuthGuard } from './auth/auth.guard.js';
export { asBrandId, assertBrandId, type BrandId, MissingBrandIdError } from './brand-scope/brand-id.js';
export { BrandScopedRepository } from './brand-scope/brand-scoped-repository.js';
export { hashPassword, verifyPassword } from './crypto/password-hasher.js';
export { newSecretToken, sha256 } from './crypto/secret-token.js';
export { DEMO_BRAND_NAME, DEMO_OWNER_EMAIL, DEMO_OWNER_PASSWORD, seedDemoBrand } from './demo/seed-demo-brand.js';
export { SESSION_COOKIE } from './sessions/session-cookie.js';
export { SessionsService } from './sessions/sessions.service.js';
export { AccountsMaintenanceJobs, AccountsWorkerModule } from './accounts-maintenance.jobs.js';
export { setOperator } from './operators/set-operator.js';
