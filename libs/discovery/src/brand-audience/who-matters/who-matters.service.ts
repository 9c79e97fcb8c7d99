import { Injectable } from '@nestjs/common';
import type { BrandId } from '@renown/accounts';
import { QueueService } from '@renown/core';
import { DataSource, type EntityManager } from 'typeorm';
import { DiscoveryError } from '../../discovery.error.js';
import { BrandAccountsRepository } from '../accounts/brand-accounts.repository.js';
import { BRAND_AUDIENCE_RANK_QUEUE } from '../brand-audience.queues.js';
import type { BrandAudienceMember, WhoMattersToUs } from '../graphql/brand-audience.models.js';
import { type AudienceRelationshipFilter, BrandAudienceRanksRepository } from './brand-audience-ranks.repository.js';
import { describeAudienceReason } from './describe-audience-reason.js';

export const WHO_MATTERS_METHOD =
  'Personalized PageRank restarting at your own accounts: the walk goes from your accounts to the people who engage with them, then along the engagement between those people, so the top are those your own audience engages with most.';

const encodeCursor = (rank: number) => Buffer.from(`rank:${rank}`).toString('base64url');
function decodeCursor(cursor: string | null | undefined): number {
  if (!cursor) return 0;
  const m = /^rank:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m) throw DiscoveryError.badInput('The `after` cursor is not one this list gave out: pass endCursor from the previous page, or nothing for the first page.');
  return Number(m[1]);
}

/** Reads the stored ranking (API side); the worker computes it (BrandAudienceRankingService). */
@Injectable()
export class WhoMattersService {
  constructor(
    private readonly db: DataSource,
    private readonly ranks: BrandAudienceRanksRepository,
    private readonly accounts: BrandAccountsRepository,
    private readonly queue: QueueService,
  ) {}

  async page(brandId: BrandId, first: number, after: string | null | undefined, relationship: AudienceRelationshipFilter | null): Promise<WhoMattersToUs> {
    if (!(first >= 1 && first <= 100)) throw DiscoveryError.badInput(`first must be between 1 and 100 (got ${first}).`);
    const afterRank = decodeCursor(after);
    // One snapshot: a ranking stored by the worker meanwhile must not mix with the one being read.
    return this.db.transaction('REPEATABLE READ', (em) => this.readPage(em, brandId, first, afterRank, relationship));
  }

  private async readPage(em: EntityManager, brandId: BrandId, first: number, afterRank: number, relationship: AudienceRelationshipFilter | null): Promise<WhoMattersToUs> {
    const run = await this.ranks.computation(brandId, em);
    const own = await this.accounts.accountIds(brandId, em);
    const empty = { computedAt: null, audienceSize: 0, truncated: false, totalCount: 0, members: [], endCursor: null, hasNextPage: false, method: WHO_MATTERS_METHOD };
    if (own.length === 0) return { status: 'NO_ACCOUNTS', ...empty };
    if (!run) return { status: 'PENDING', ...empty };
    const rows = await this.ranks.page(brandId, afterRank, first + 1, relationship, em);
    const hasNextPage = rows.length > first;
    const shown = rows.slice(0, first);
    const members: BrandAudienceMember[] = shown.map((r) => ({
      account: { id: r.account_id, platform: r.platform, handle: r.handle, displayName: r.display_name, followersCount: r.followers_count == null ? null : Number(r.followers_count) },
      relativeRank: r.relative_rank,
      relativeScore: Number(r.relative_score),
      audienceShare: Number(r.audience_share),
      globalScore: r.global_score == null ? null : Number(r.global_score),
      follows: r.follows,
      followsSince: r.followed_since,
      mentions: r.mentions,
      engagedPosts: r.engaged_posts,
      lastInteractionAt: r.last_interaction_at,
      reason: describeAudienceReason({ follows: r.follows, followedSince: r.followed_since ? new Date(r.followed_since) : null, mentions: r.mentions, engagedPosts: r.engaged_posts }),
    }));
    return {
      status: 'READY',
      computedAt: run.computed_at,
      audienceSize: run.audience_size,
      truncated: run.truncated,
      totalCount: await this.ranks.count(brandId, relationship, em),
      members,
      endCursor: shown.length ? encodeCursor(shown[shown.length - 1].relative_rank) : null,
      hasNextPage,
      method: WHO_MATTERS_METHOD,
    };
  }

  async refresh(brandId: BrandId): Promise<boolean> {
    await this.queue.send(BRAND_AUDIENCE_RANK_QUEUE, { brandId });
    return true;
  }
}
