import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AccountsError } from '../accounts.error.js';
import { ApiKeysService } from '../api-keys/api-keys.service.js';
import { type Actor, ApiKeyKind, BrandRole, type UserActor } from '../auth/actor.js';
import { CurrentActor, CurrentBrand } from '../auth/auth.decorators.js';
import type { BrandId } from '../brand-scope/brand-id.js';
import { ApiKey, CreatedApiKey } from './account.models.js';
import { toApiKey } from './viewer.service.js';

const MANAGERS = [BrandRole.OWNER, BrandRole.ADMIN];
const isManager = (actor: UserActor) => !!actor.role && MANAGERS.includes(actor.role);
const needsManager = (what: string) =>
  AccountsError.forbidden(`${what} needs the role owner or admin in this brand; ask an owner. Any team member can create and revoke their own EXTENSION keys.`, {
    requiredRoles: MANAGERS,
  });

/**
 * People only, checked here rather than with @UsersOnly(): that marker also exempts a mutation from billing's
 * read-only state, and key management stays refused there as it was under @Roles().
 */
function person(actor: Actor): UserActor {
  if (actor.kind !== 'user') throw AccountsError.forbidden('API keys cannot manage the team, API keys or billing; log in as a team member.');
  return actor;
}

/**
 * API keys. DEVELOPER keys: owners and admins create, list and revoke them. EXTENSION keys (the browser
 * extension): any team member creates them for themselves and lists and revokes their own; owners and admins
 * see and revoke every key of the brand. Never an API key (they cannot manage keys).
 */
@Resolver(() => ApiKey)
export class ApiKeysResolver {
  constructor(private readonly keys: ApiKeysService) {}

  @Query(() => [ApiKey], {
    description:
      "The brand's API keys, revoked ones included, newest first. Owners and admins see every key (`kind` filters, `createdByMe` keeps their own); " +
      'a member may ask only for `kind: EXTENSION` and sees the extension keys they created.',
  })
  async apiKeys(
    @CurrentActor() caller: Actor,
    @CurrentBrand() brandId: BrandId,
    @Args('kind', { type: () => ApiKeyKind, nullable: true }) kind?: ApiKeyKind | null,
    @Args('createdByMe', { type: () => Boolean, nullable: true, defaultValue: false, description: 'Only the keys the caller created.' }) createdByMe?: boolean | null,
  ): Promise<ApiKey[]> {
    const actor = person(caller);
    if (!isManager(actor)) {
      if (kind !== ApiKeyKind.EXTENSION) throw needsManager('Listing developer API keys');
      return (await this.keys.list(brandId, { kind, createdBy: actor.userId })).map(toApiKey);
    }
    return (await this.keys.list(brandId, { kind: kind ?? undefined, createdBy: createdByMe ? actor.userId : undefined })).map(toApiKey);
  }

  @Mutation(() => CreatedApiKey, {
    description: 'Creates an API key for the current brand. The secret is returned this once only. DEVELOPER (the default): owners and admins; EXTENSION: any team member.',
  })
  async createApiKey(
    @Args('name') name: string,
    @CurrentActor() caller: Actor,
    @CurrentBrand() brandId: BrandId,
    @Args('kind', { type: () => ApiKeyKind, nullable: true, defaultValue: ApiKeyKind.DEVELOPER }) kind?: ApiKeyKind | null,
  ): Promise<CreatedApiKey> {
    const actor = person(caller);
    const k = kind ?? ApiKeyKind.DEVELOPER;
    if (k === ApiKeyKind.DEVELOPER && !isManager(actor)) throw needsManager('Creating a developer API key');
    const { apiKey, secret } = await this.keys.create(brandId, name, actor.userId, k);
    return { apiKey: toApiKey(apiKey), secret };
  }

  @Mutation(() => ApiKey, { description: 'Revokes an API key; requests with it are refused from now on. Owners and admins: any key; members: the extension keys they created.' })
  async revokeApiKey(@Args('id', { type: () => ID }) id: string, @CurrentActor() caller: Actor, @CurrentBrand() brandId: BrandId): Promise<ApiKey> {
    const actor = person(caller);
    const filter = isManager(actor) ? undefined : { kind: ApiKeyKind.EXTENSION, createdBy: actor.userId };
    return toApiKey(await this.keys.revoke(brandId, id, filter));
  }
}
