import { Args, Field, InputType, Int, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { type Actor, BrandRole, type BrandId, CurrentActor, CurrentBrand, Roles } from '@renown/accounts';
import { NetworkCredentialsService, type CredentialView } from '../credentials/network-credentials.service.js';

@ObjectType({ description: "Today's use of one quota bucket of a credential, in the network's own calendar." })
export class QuotaUseModel {
  @Field({ description: 'YouTube: "units" (the 10,000-unit pool every list call spends) or "search" (search.list calls).' }) bucket: string;
  @Field(() => Int) used: number;
  @Field(() => Int) quota: number;
  @Field(() => Date, { nullable: true, description: 'When the network or the ledger said the bucket was spent today.' }) exhaustedAt: Date | null;
  @Field(() => Date, { description: 'When the day ends for this quota (YouTube: midnight Pacific time).' }) resetsAt: Date;
}

@ObjectType({ description: 'A network credential as the console shows it: where it comes from, never the secret itself.' })
export class NetworkCredentialModel {
  @Field({ description: '"youtube" or "instagram".' }) network: string;
  @Field(() => String, { nullable: true, description: '"brand" (pasted in Sources), "config" (the operator\'s environment), or null: none, so the network cannot be read.' }) source: string | null;
  @Field(() => String, { nullable: true, description: 'The last four characters of the key or token.' }) secretHint: string | null;
  @Field(() => String, { nullable: true, description: 'Instagram: the professional account Business Discovery reads through.' }) accountId: string | null;
  @Field(() => Date, { nullable: true }) updatedAt: Date | null;
  @Field(() => [QuotaUseModel], { description: 'YouTube: what the key has spent today; empty for Instagram (its limits are read from each answer).' }) quotaToday: QuotaUseModel[];
}

@InputType()
export class SetNetworkCredentialInput {
  @Field({ description: '"youtube" or "instagram".' }) network: string;
  @Field({ description: 'The YouTube Data API key, or the Facebook Page access token.' }) secret: string;
  @Field(() => String, { nullable: true, description: "Instagram: the numeric id of the brand's Instagram professional account." }) accountId?: string | null;
}

export const toCredentialModel = (v: CredentialView): NetworkCredentialModel => ({ network: v.network, source: v.source, secretHint: v.secretHint, accountId: v.accountId, updatedAt: v.updatedAt, quotaToday: v.quota });

/** The brand's YouTube key and Instagram token (Sources screen). Anyone on the team sees where they come from; owners and admins set them. */
@Resolver(() => NetworkCredentialModel)
export class NetworkCredentialsResolver {
  constructor(private readonly credentials: NetworkCredentialsService) {}

  @Query(() => [NetworkCredentialModel], { description: 'YouTube and Instagram: whether Renown can read them for this brand, and with whose credential.' })
  async networkCredentials(@CurrentBrand() brandId: BrandId) {
    return (await this.credentials.list(brandId)).map(toCredentialModel);
  }

  @Roles(BrandRole.OWNER, BrandRole.ADMIN)
  @Mutation(() => NetworkCredentialModel, { description: "Saves the brand's own YouTube key or Instagram token; its crawls and look-ups spend it from then on." })
  async setNetworkCredential(@CurrentBrand() brandId: BrandId, @CurrentActor() actor: Actor, @Args('input') input: SetNetworkCredentialInput) {
    return toCredentialModel(await this.credentials.set(brandId, actor.kind === 'user' ? actor.userId : null, input));
  }

  @Roles(BrandRole.OWNER, BrandRole.ADMIN)
  @Mutation(() => NetworkCredentialModel, { description: "Forgets the brand's own credential (the configured one, if any, is used again)." })
  async removeNetworkCredential(@CurrentBrand() brandId: BrandId, @Args('network') network: string) {
    return toCredentialModel(await this.credentials.remove(brandId, network));
  }
}
