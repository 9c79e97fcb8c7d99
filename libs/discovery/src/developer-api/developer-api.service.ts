import { Injectable } from '@nestjs/common';
import type { BrandId } from '@renown/accounts';
import { ErrorCode } from '@renown/core';
import { WINDOW_DAYS } from '@renown/scoring';
import { LookupService, NETWORKS } from '@renown/sources';
import { DiscoveryError } from '../discovery.error.js';
import { InfluencerRowsService } from '../search/rows/influencer-rows.service.js';
import type {
  AccountResponse,
  BatchLookupResponse,
  BatchLookupResult,
  IdentityResponse,
  InfluenceEntry,
  InfluenceResponse,
  LinkedAccount,
  ScoreResponse,
  TopicsResponse,
  UsageResponse,
} from './http/developer-api.responses.js';
import { parseHandle, parsePlatform } from './http/parse-developer-api-input.js';
import { rankInfluenceLinks, type InfluenceLink } from './influence/rank-influence-links.js';
import { ApiCallMeter } from './metering/api-call-meter.js';
import { type AccountRow, DeveloperApiRepository, type LatestScoreRow } from './reading/developer-api.repository.js';
import { scoreBand } from './score/score-band.js';
import { computeScoreDeltas } from './score/score-deltas.js';

const round2 = (x: number) => Math.round(x * 100) / 100;
/** Handles per batch lookup: a screen of a timeline or a follower list. */
export const BATCH_LOOKUP_MAX = 100;
/** Look-ups a batch starts at once with `fetch` (each is a few queries and a queued job, not the fetch itself). */
const BATCH_FETCH_CONCURRENCY = 4;
/** Names the browser extension may send for a platform, and the name Renown stores it under. */
const PLATFORM_ALIASES: Record<string, string> = { x: 'twitter' };
/** Networks people ask about that Renown does not read (yet): answered `unknown` with a plain sentence, not `invalid`. */
const NOT_READ_YET: Record<string, string> = { youtube: 'YouTube', instagram: 'Instagram', tiktok: 'TikTok' };

/** Runs `work` over `items`, at most `limit` at a time. */
async function forEachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}
/**
 * Linked accounts per direction that are ranked exactly. Beyond them (accounts with thousands of engagers)
 * the weaker links by undiscounted weight are left out: only heavy reciprocity or bot discounts on more than
 * this many stronger ones could have put one of them in a top 25.
 */
const INFLUENCE_CANDIDATES = 2_000;
/**
 * Interactions read per direction, most recent first. Scoring weighs by recency (30-day half-life), so for an
 * account with more, the most recent ones carry most of the weight; the answer says it is `complete: false`.
 */
const INFLUENCE_MAX_INTERACTIONS = 50_000;
const minusDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

/**
 * The developer API's answers (Klout's identity / score / topics / influence, on Renown's data). Global
 * data: every brand gets the same answer; only metering and rate limits are per brand and key.
 */
@Injectable()
export class DeveloperApiService {
  constructor(
    private readonly repo: DeveloperApiRepository,
    private readonly meter: ApiCallMeter,
    private readonly lookups: LookupService,
    private readonly influencerRows: InfluencerRowsService,
  ) {}

  /**
   * Up to BATCH_LOOKUP_MAX handles in one call (a browser extension scanning a timeline): each answered from what
   * Renown holds, with its score, band, top topics and when it was last fetched; with `fetch`, a Bluesky or
   * Mastodon handle Renown does not know is fetched (status `fetching`; ask again). A wrong entry is answered
   * `invalid` with the reason and the rest still go through; repeated handles are looked up once. Each known account
   * also carries its audience quality, discovery's one-line why and the path of its console page.
   */
  async lookupBatch(body: unknown): Promise<BatchLookupResponse> {
    const o = body !== null && typeof body === 'object' ? (body as Record<string, unknown>) : null;
    const handles = o?.handles;
    if (!Array.isArray(handles) || handles.length === 0 || handles.length > BATCH_LOOKUP_MAX) {
      throw DiscoveryError.badInput(`Send {"handles": [{"platform": "bluesky", "handle": "alice.bsky.social"}, ...]} with 1 to ${BATCH_LOOKUP_MAX} handles${Array.isArray(handles) ? `; got ${handles.length}` : ''}.`, { field: 'handles' });
    }
    if (o!.fetch !== undefined && typeof o!.fetch !== 'boolean') throw DiscoveryError.badInput('"fetch" is true or false.', { field: 'fetch' });
    const fetch = o!.fetch === true;

    const asked = handles.map((h) => {
      const e = h !== null && typeof h === 'object' ? (h as Record<string, unknown>) : {};
      const platform = typeof e.platform === 'string' ? e.platform : '';
      const handle = typeof e.handle === 'string' ? e.handle : '';
      try {
        const parsed = parsePlatform(platform);
        return { platform: PLATFORM_ALIASES[parsed] ?? parsed, handle, clean: parseHandle(handle), problem: null as string | null };
      } catch (err) {
        return { platform, handle, clean: '', problem: err instanceof Error ? err.message : String(err) };
      }
    });
    const valid = asked.filter((a) => !a.problem);
    const known = await this.repo.findByHandles(valid.map((a) => ({ platform: a.platform, handle: a.clean })));
    const keyOf = (a: { platform: string; clean: string }) => `${a.platform}:${a.clean.toLowerCase()}`;

    // With fetch, each handle of a network Renown reads that it does not hold fresh and scored (unknown, only seen
    // as someone's engager, or read over a day ago) goes through the look-up, once: it fetches, or joins a fetch.
    const scoresOfKnown = await this.repo.latestScores([...known.values()].map((r) => r.id));
    const freshAndScored = (row: (AccountRow & { lastFetchedAt: Date | null }) | undefined) =>
      !!row && !row.isStub && scoresOfKnown.has(row.id) && !!row.lastFetchedAt && Date.now() - new Date(row.lastFetchedAt).getTime() < 86_400_000;
    const fetched = new Map<string, { status: BatchLookupResult['status']; message: string; accountId: string | null }>();
    if (fetch) {
      const toFetch = new Map<string, (typeof valid)[number]>();
      for (const a of valid) {
        const key = keyOf(a);
        if (!toFetch.has(key) && (NETWORKS as readonly string[]).includes(a.platform) && !freshAndScored(known.get(key))) toFetch.set(key, a);
      }
      await forEachLimited([...toFetch], BATCH_FETCH_CONCURRENCY, async ([key, a]) => {
        try {
          const answer = await this.lookups.lookup(a.platform, a.clean, { fetch: true });
          const ready = answer.accountId && (answer.status === 'ready' || answer.status === 'scoring');
          fetched.set(key, { status: ready ? 'known' : (answer.status as BatchLookupResult['status']), message: answer.message, accountId: ready ? answer.accountId : null });
        } catch (err) {
          fetched.set(key, { status: 'invalid', message: err instanceof Error ? err.message : String(err), accountId: null });
        }
      });
    }
    const extraIds = [...new Set([...fetched.values()].map((f) => f.accountId).filter((id): id is string => !!id))];
    const extra = new Map((await this.repo.findManyWithFetchedAt(extraIds)).map((r) => [r.id, r]));
    const rows = [...known.values(), ...extra.values()];
    const ids = [...new Set(rows.map((r) => r.id))];
    const [scores, topics, quality, influencers] = await Promise.all([
      this.repo.latestScores(ids),
      this.repo.topTopics(ids, 3),
      this.repo.audienceQuality(ids),
      this.influencerRows.rowsForAccounts(ids),
    ]);
    const whyOf = new Map(influencers.map((i) => [i.accountId, i.why]));
    const accountOf = (row: AccountRow & { lastFetchedAt?: Date | null }): NonNullable<BatchLookupResult['account']> => {
      const score = scores.get(row.id);
      const aq = quality.get(row.id);
      return {
        id: row.id,
        handle: row.handle,
        displayName: row.displayName,
        followers: row.followersCount,
        score: score ? { score: round2(score.score), band: scoreBand(score.score), percentile: round2(score.percentile), day: score.day } : null,
        topTopics: topics.get(row.id) ?? [],
        lastFetchedAt: row.lastFetchedAt ? new Date(row.lastFetchedAt).toISOString() : null,
        audienceQuality: aq ? { score: aq.score, confidence: aq.confidence, sizeBand: aq.sizeBand, computedAt: new Date(aq.computedAt).toISOString() } : null,
        why: whyOf.get(row.id) ?? 'Not scored yet',
        url: `/accounts/${row.id}`,
      };
    };

    return {
      results: asked.map((a): BatchLookupResult => {
        const base = { platform: a.platform, handle: a.handle };
        if (a.problem) return { ...base, status: 'invalid', message: a.problem };
        const f = fetched.get(keyOf(a));
        if (f?.accountId && extra.has(f.accountId)) return { ...base, status: 'known', account: accountOf(extra.get(f.accountId)!) };
        if (f && f.status !== 'known') return { ...base, status: f.status, message: f.message };
        const row = known.get(keyOf(a));
        if (row) return { ...base, status: 'known', account: accountOf(row) };
        return {
          ...base,
          status: 'unknown',
          message: (NETWORKS as readonly string[]).includes(a.platform)
            ? `Renown does not know ${a.clean} yet; send "fetch": true to read it from ${a.platform}.`
            : NOT_READ_YET[a.platform]
              ? `Renown does not read ${NOT_READ_YET[a.platform]} yet, so it has no score for ${a.clean}.`
              : `Renown does not know ${a.clean} on ${a.platform}.`,
        };
      }),
    };
  }

  async identityByHandle(platform: string, handle: string): Promise<IdentityResponse> {
    const row = await this.repo.findByHandle(platform, handle);
    if (!row) {
      throw new DiscoveryError(ErrorCode.NOT_FOUND, `No ${platform} account with the handle "${handle}" is known to Renown. Check the spelling and the platform, or look it up by platform id with GET /v1/identity/${platform}/id/{externalId}.`, {
        what: 'identity',
        platform,
        handle,
      });
    }
    return identityOf(row);
  }

  /** The identity of an account found by id (a look-up that just fetched it). */
  async identityOfAccount(_platform: string, accountId: string): Promise<IdentityResponse> {
    return identityOf(await this.accountOrThrow(accountId));
  }

  async identityByExternalId(platform: string, externalId: string): Promise<IdentityResponse> {
    const row = await this.repo.findByExternalId(platform, externalId);
    if (!row) {
      throw new DiscoveryError(ErrorCode.NOT_FOUND, `No ${platform} account with the platform id "${externalId}" is known to Renown.`, { what: 'identity', platform, externalId });
    }
    return identityOf(row);
  }

  async account(id: string): Promise<AccountResponse> {
    const row = await this.accountOrThrow(id);
    const score = (await this.repo.latestScores([id])).get(id);
    return {
      ...identityOf(row),
      displayName: row.displayName,
      followers: row.followersCount,
      following: row.followingCount,
      score: score ? { score: round2(score.score), band: scoreBand(score.score), percentile: round2(score.percentile), day: score.day } : null,
    };
  }

  async score(id: string): Promise<ScoreResponse> {
    await this.accountOrThrow(id);
    const latest = (await this.repo.latestScores([id])).get(id);
    if (!latest) {
      throw new DiscoveryError(ErrorCode.NOT_FOUND, `Account ${id} has no Renown score yet: accounts are scored by the daily scoring run after they are imported. Try again after the next run.`, {
        what: 'score',
        id,
        reason: 'not-scored-yet',
      });
    }
    const history = await this.repo.dailyScores(id, latest.modelVersion, minusDays(latest.day, 60));
    return {
      accountId: id,
      score: round2(latest.score),
      band: scoreBand(latest.score),
      percentile: round2(latest.percentile),
      day: latest.day,
      modelVersion: latest.modelVersion,
      scoreDelta: computeScoreDeltas(history, latest.day),
      subScores: { reach: round2(latest.reach), amplification: round2(latest.amplification), network: round2(latest.network) },
    };
  }

  async topics(id: string): Promise<TopicsResponse> {
    await this.accountOrThrow(id);
    const rows = await this.repo.topics(id);
    return {
      accountId: id,
      topics: rows.map((t) => ({
        id: t.id,
        slug: t.slug,
        displayName: t.displayName,
        topicType: t.isSuper ? 'super' : 'sub',
        rank: t.rank,
        score: t.score,
        percentile: t.percentile === null ? null : round2(t.percentile),
      })),
    };
  }

  async influence(id: string, limit: number): Promise<InfluenceResponse> {
    const account = await this.accountOrThrow(id);
    const asOf = await this.repo.scoringAsOf();
    const samePerson = await this.repo.samePersonAccountIds(id, account.personId);
    const { aggregates, totals, mutualIds, complete } = await this.repo.interactionAggregates(id, asOf, samePerson, INFLUENCE_CANDIDATES, INFLUENCE_MAX_INTERACTIONS);
    const facts = await this.repo.linkFacts([...new Set(aggregates.map((a) => a.otherId))], asOf);
    const links = rankInfluenceLinks(aggregates, facts, account.personId, mutualIds);
    const shown = [...links.influencers.slice(0, limit), ...links.influencees.slice(0, limit)];
    const ids = [...new Set(shown.map((l) => l.accountId))];
    const [accounts, scores] = await Promise.all([this.repo.findManyById(ids), this.repo.latestScores(ids)]);
    const byId = new Map(accounts.map((a) => [a.id, a]));
    const entry = (link: InfluenceLink): InfluenceEntry | null => {
      const other = byId.get(link.accountId);
      return other ? { account: linkedAccount(other, scores.get(link.accountId)), strength: link.strength, interactions: link.interactions } : null;
    };
    return {
      accountId: id,
      myInfluencers: links.influencers.slice(0, limit).map(entry).filter((e): e is InfluenceEntry => e !== null),
      myInfluencees: links.influencees.slice(0, limit).map(entry).filter((e): e is InfluenceEntry => e !== null),
      myInfluencersCount: totals.out,
      myInfluenceesCount: totals.in,
      window: { from: new Date(asOf.getTime() - WINDOW_DAYS * 86_400_000).toISOString(), to: asOf.toISOString(), complete },
    };
  }

  async usage(brandId: BrandId): Promise<UsageResponse> {
    const { used, limit } = await this.meter.monthToDate(brandId);
    return { period: new Date().toISOString().slice(0, 7), apiCalls: { used, limit } };
  }

  private async accountOrThrow(id: string): Promise<AccountRow> {
    const row = await this.repo.findById(id);
    if (!row) {
      throw new DiscoveryError(ErrorCode.NOT_FOUND, `Account ${id} is not known to Renown. Look accounts up by handle with GET /v1/identity/{platform}/{handle}.`, { what: 'account', id });
    }
    return row;
  }
}

function identityOf(row: AccountRow): IdentityResponse {
  return { id: row.id, platform: row.platform, handle: row.handle, externalId: row.externalId, personId: row.personId };
}

function linkedAccount(row: AccountRow, score: LatestScoreRow | undefined): LinkedAccount {
  return {
    id: row.id,
    platform: row.platform,
    handle: row.handle,
    displayName: row.displayName,
    score: score ? round2(score.score) : null,
    band: score ? scoreBand(score.score) : null,
  };
}
