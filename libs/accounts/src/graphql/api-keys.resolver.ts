import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ApiKeysService } from '../api-keys/api-keys.service.js';
import { BrandRole, type UserActor } from '../auth/actor.js';
import { CurrentActor, CurrentBrand, Roles } from '../auth/auth.decorators.js';
import type { BrandId } from '../brand-scope/brand-id.js';
import { ApiKey, CreatedApiKey } from './account.models.js';
import { toApiKey } from './viewer.service.js';

const MANAGERS = [BrandRole.OWNER, BrandRole.ADMIN];

@Resolver(() => ApiKey)
export class ApiKeysResolver {
  constructor(private readonly keys: ApiKeysService) {}

  @Roles(...MANAGERS)
  @Query(() => [ApiKey], { description: "The brand's API keys, revoked ones included. Owners and admins." })
  async apiKeys(@CurrentBrand() brandId: BrandId): Promise<ApiKey[]> {
    return (await this.keys.list(brandId)).map(toApiKey);
  }

  @Roles(...MANAGERS)
  @Mutation(() => CreatedApiKey, { description: 'Creates an API key for the current brand. The secret is returned this once only.' })
  async createApiKey(@Args('name') name: string, @CurrentActor() actor: UserActor, @CurrentBrand() brandId: BrandId): Promise<CreatedApiKey> {
    const { apiKey, secret } = await this.keys.create(brandId, name, actor.userId);
    return { apiKey: toApiKey(apiKey), secret };
  }

  @Roles(...MANAGERS)
  @Mutation(() => ApiKey, { description: 'Revokes an API key; requests with it are refused from now on.' })
  async revokeApiKey(@Args('id', { type: () => ID }) id: string, @CurrentBrand() brandId: BrandId): Promise<ApiKey> {
    return toApiKey(await this.keys.revoke(brandId, id));
  }
}
