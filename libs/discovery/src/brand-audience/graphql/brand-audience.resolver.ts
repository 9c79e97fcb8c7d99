import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { type Actor, type BrandId, BrandRole, CurrentActor, CurrentBrand, Roles } from '@renown/accounts';
import { type BrandAccountRow } from '../accounts/brand-accounts.repository.js';
import { BrandAccountsService } from '../accounts/brand-accounts.service.js';
import type { AlertSettingsRow } from '../alerts/alert-settings.repository.js';
import { AlertSettingsService } from '../alerts/alert-settings.service.js';
import { WhoMattersService } from '../who-matters/who-matters.service.js';
import {
  BrandAlert, BrandAlertSettings, BrandAudienceRelationshipGql, BrandSocialAccount, BrandWebhookSecret, RegisterBrandAccountInput,
  UpdateBrandAlertSettingsInput, WhoMattersToUs,
} from './brand-audience.models.js';

const toAccount = (r: BrandAccountRow): BrandSocialAccount => ({
  id: r.account_id,
  platform: r.platform,
  handle: r.handle,
  externalId: r.external_id,
  displayName: r.display_name,
  followersCount: r.followers_count == null ? null : Number(r.followers_count),
  globalScore: r.global_score == null ? null : Number(r.global_score),
  seenByRenown: !r.is_stub,
  registeredAt: r.created_at,
});

const toSettings = (s: AlertSettingsRow): BrandAlertSettings => ({
  enabled: s.enabled,
  minScore: Number(s.min_score),
  digestPeriod: s.digest_period,
  webhookUrl: s.webhook_url,
  webhookSecretHint: s.webhook_secret_hint,
  updatedAt: s.updated_at,
});

/** The brand's own accounts, "who matters to us" and alerts. Thin: the brand from the caller, one service call. */
@Resolver()
export class BrandAudienceResolver {
  constructor(
    private readonly accounts: BrandAccountsService,
    private readonly whoMatters: WhoMattersService,
    private readonly alerts: AlertSettingsService,
  ) {}

  @Query(() => [BrandSocialAccount], { description: "The brand's own social accounts, as registered." })
  async brandAccounts(@CurrentBrand() brandId: BrandId) {
    return (await this.accounts.list(brandId)).map(toAccount);
  }

  @Roles(BrandRole.OWNER, BrandRole.ADMIN)
  @Mutation(() => BrandSocialAccount, { description: 'Registers one of the brand\'s own accounts by platform + handle or platform + external id (idempotent).' })
  async registerBrandAccount(@CurrentBrand() brandId: BrandId, @CurrentActor() actor: Actor, @Args('input') input: RegisterBrandAccountInput) {
    return toAccount(await this.accounts.register(brandId, actor.kind === 'user' ? actor.userId : null, input));
  }

  @Roles(BrandRole.OWNER, BrandRole.ADMIN)
  @Mutation(() => Boolean, { description: 'Stops watching one of the brand\'s accounts (its alerts history stays).' })
  removeBrandAccount(@CurrentBrand() brandId: BrandId, @Args('accountId', { type: () => ID }) accountId: string) {
    return this.accounts.remove(brandId, accountId);
  }

  @Query(() => WhoMattersToUs, { description: 'The accounts that follow, mention or engage with the brand, ranked by influence relative to the brand\'s own audience.' })
  whoMattersToUs(
    @CurrentBrand() brandId: BrandId,
    @Args('first', { type: () => Int, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
    @Args('relationship', { type: () => BrandAudienceRelationshipGql, nullable: true }) relationship?: BrandAudienceRelationshipGql | null,
  ) {
    return this.whoMatters.page(brandId, first, after, relationship ?? null);
  }

  @Mutation(() => Boolean, { description: 'Queues a recomputation of "who matters to us" now (it also runs hourly).' })
  refreshWhoMattersToUs(@CurrentBrand() brandId: BrandId) {
    return this.whoMatters.refresh(brandId);
  }

  @Query(() => BrandAlertSettings)
  async brandAlertSettings(@CurrentBrand() brandId: BrandId) {
    return toSettings(await this.alerts.get(brandId));
  }

  @Roles(BrandRole.OWNER, BrandRole.ADMIN)
  @Mutation(() => BrandAlertSettings, { description: 'Threshold, digest period, on/off. Changing the threshold or switching on alerts only for what happens from now on.' })
  async updateBrandAlertSettings(@CurrentBrand() brandId: BrandId, @Args('input') input: UpdateBrandAlertSettingsInput) {
    return toSettings(await this.alerts.update(brandId, input));
  }

  @Roles(BrandRole.OWNER, BrandRole.ADMIN)
  @Mutation(() => BrandWebhookSecret, { description: 'Sets the alert webhook URL and returns a NEW signing secret, shown this once.' })
  async setBrandAlertWebhook(@CurrentBrand() brandId: BrandId, @Args('url') url: string) {
    const { secret, settings } = await this.alerts.setWebhook(brandId, url);
    return { secret, settings: toSettings(settings) };
  }

  @Roles(BrandRole.OWNER, BrandRole.ADMIN)
  @Mutation(() => BrandAlertSettings)
  async removeBrandAlertWebhook(@CurrentBrand() brandId: BrandId) {
    return toSettings(await this.alerts.removeWebhook(brandId));
  }

  @Query(() => [BrandAlert], { description: 'Recent alerts, newest first, with their digest and webhook status.' })
  async brandAlerts(@CurrentBrand() brandId: BrandId, @Args('first', { type: () => Int, defaultValue: 20 }) first: number): Promise<BrandAlert[]> {
    return (await this.alerts.recentAlerts(brandId, first)).map((e) => ({
      id: e.id,
      type: e.type,
      account: { id: e.actor_account_id, platform: e.actor_platform, handle: e.actor_handle, displayName: e.actor_display_name, followersCount: null },
      score: Number(e.actor_score),
      brandAccountId: e.brand_account_id,
      brandAccountHandle: e.brand_handle,
      postId: e.post_id,
      occurredAt: e.occurred_at,
      detectedAt: e.detected_at,
      digestedAt: e.digested_at,
      webhookStatus: e.webhook_status,
      webhookAttempts: e.webhook_attempts,
    }));
  }
}
