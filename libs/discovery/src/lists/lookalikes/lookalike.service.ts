import { Injectable } from '@nestjs/common';
import { DiscoveryError } from '../../discovery.error.js';
import type { BrandId } from '@renown/accounts';
import type { Influencer } from '../../search/graphql/influencer.models.js';
import { InfluencerRowsService } from '../../search/rows/influencer-rows.service.js';
import { ShortlistRepository } from '../shortlists/shortlist.repository.js';
import { isInternalId } from '../shortlists/validate-shortlist-input.js';
import { LOOKALIKE_BOUNDS, LookalikeRepository } from './lookalike.repository.js';
import { type LookalikeInput, LOOKALIKE_MODEL_VERSION, rankLookalikes, type ScoredLookalike, type SeedProfile, topicCosine } from './score-lookalikes.js';

export interface LookalikeResult {
  seed: Influencer;
  results: (ScoredLookalike & { influencer: Influencer | null })[];
  candidatesConsidered: number;
  modelVersion: string;
}

export const MAX_LOOKALIKES = 100;

/**
 * "More like this" for one account: candidates come from the seed's strongest topics and from where its
 * engagers also engage (both bounded, see LOOKALIKE_BOUNDS); each is scored on topic cosine and audience
 * Jaccard (score-lookalikes.ts) and explained in one line.
 */
@Injectable()
export class LookalikeService {
  constructor(
    private readonly repo: LookalikeRepository,
    private readonly rows: InfluencerRowsService,
    private readonly shortlists: ShortlistRepository,
  ) {}

  /**
   * The similarity is the same for every brand; `brandId` decides the rows' hasContactEmail and which list
   * `excludeShortlistId` may name ("more like this, but not the ones already on my list").
   */
  async lookalikes(brandId: BrandId, accountId: string, first: number, excludeShortlistId?: string | null): Promise<LookalikeResult> {
    const limit = Math.min(Math.max(Math.trunc(first) || 20, 1), MAX_LOOKALIKES);
    // Already on the list: the accounts, and the persons behind them (their other accounts too).
    const onList = excludeShortlistId ? await this.shortlists.membersOrFail(brandId, excludeShortlistId) : { accountIds: [], personIds: [] };
    const excludedAccounts = new Set(onList.accountIds);
    const excludedPersons = new Set(onList.personIds);
    const seedAccount = isInternalId(accountId) ? await this.repo.account(accountId) : undefined;
    if (!seedAccount) throw DiscoveryError.notFound('Account', accountId);

    const [seedTopics, seedEngagers] = await Promise.all([this.repo.topics([seedAccount.id]).then((m) => m.get(seedAccount.id) ?? []), this.repo.engagerSample(seedAccount.id)]);
    const seed: SeedProfile = { accountId: seedAccount.id, handle: seedAccount.handle, topics: seedTopics, engagerSample: seedEngagers.length };

    const [byTopic, byEngagers] = await Promise.all([
      this.repo.candidatesByTopics(seedTopics.slice(0, LOOKALIKE_BOUNDS.seedTopics).map((t) => t.topicId)),
      this.repo.candidatesByEngagers(seedAccount.id, seedEngagers),
    ]);
    const candidates = (await this.repo.eligible([...new Set([...byTopic, ...byEngagers])], { id: seedAccount.id, personId: seedAccount.personId })).filter(
      (c) => !excludedAccounts.has(c.id) && !(c.personId && excludedPersons.has(c.personId)),
    );
    const candidateIds = candidates.map((c) => c.id);
    const topics = await this.repo.topics(candidateIds);

    // Sample the audience only of the most promising candidates: the best topic matches and the accounts
    // that share the most engagers (byEngagers is already in that order).
    const eligible = new Set(candidateIds);
    const byCosine = [...candidateIds].sort((a, b) => topicCosine(seedTopics, topics.get(b) ?? []) - topicCosine(seedTopics, topics.get(a) ?? []));
    const half = Math.floor(LOOKALIKE_BOUNDS.audienceSampled / 2);
    const sampled = [...new Set([...byEngagers.filter((id) => eligible.has(id)).slice(0, half), ...byCosine])].slice(0, LOOKALIKE_BOUNDS.audienceSampled);
    const audience = seedEngagers.length ? await this.repo.audienceOverlap(sampled, seedEngagers) : new Map<string, { sample: number; shared: number }>();

    const inputs: LookalikeInput[] = candidates.map(({ id, personId }) => ({
      accountId: id,
      handle: null,
      personId,
      topics: topics.get(id) ?? [],
      engagerSample: audience.get(id)?.sample ?? 0,
      sharedEngagers: audience.get(id)?.shared ?? 0,
    }));
    const ranked = rankLookalikes(seed, inputs, limit);
    const influencers = new Map((await this.rows.rowsForAccounts([seedAccount.id, ...ranked.map((r) => r.accountId)], { brandId })).map((i) => [i.accountId, i]));
    return {
      seed: influencers.get(seedAccount.id)!,
      results: ranked.map((r) => ({ ...r, influencer: influencers.get(r.accountId) ?? null })),
      candidatesConsidered: candidateIds.length,
      modelVersion: LOOKALIKE_MODEL_VERSION,
    };
  }
}
