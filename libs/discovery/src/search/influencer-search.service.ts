import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { BrandId } from '@renown/accounts';
import { UsageService } from '@renown/billing';
import { ErrorCode, poolOf, preparedQuery, transactionWithSettings } from '@renown/core';
import { INFLUENCE_MODEL_VERSION } from '@renown/scoring';
import { DataSource } from 'typeorm';
import { DiscoveryError } from '../discovery.error.js';
import type { DiscoveryTopic, Influencer, SearchInterpretation } from './graphql/influencer.models.js';
import { interpretSearchQuery, MAX_QUERY_LENGTH, type QueryInterpretation } from './interpret/interpret-search-query.js';
import { resolveSearchTopics, searchLexicon } from './interpret/search-topic-resolver.js';
import { DiscoverySearchRepository, type StoredSearch } from './persistence/discovery-search.repository.js';
import type { AppliedFilter } from './ranking/applied-filter.js';
import { buildRankingQuery } from './ranking/build-ranking-query.js';
import { type FilterInput, mergeSearchFilter } from './ranking/merge-search-filter.js';
import { InfluencerRowsService } from './rows/influencer-rows.service.js';
import { decodeSearchCursorOrThrow, encodeSearchCursor } from './search-cursor.js';

/** Stored searches (and their cursors) live this long. */
export const SEARCH_TTL_HOURS = 24;
export const MAX_PAGE_SIZE = 100;
/** A search lists at most this many results (pages beyond answer hasNextPage: false). */
export const MAX_SEARCH_RESULTS = 5_000;

export interface SearchRequest {
  query?: string | null;
  filter?: FilterInput | null;
  first?: number | null;
  after?: string | null;
  locale?: string | null;
}

export interface SearchPage {
  searchId: string | null;
  edges: { cursor: string; node: Influencer }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  interpretation: SearchInterpretation;
  rankedAt: Date;
}

interface RankedRow {
  account_id: string;
  rank_score: number;
  topic_id: string | null;
  person_id: string | null;
}

/**
 * `influencers(query, filter, first, after)`: reads the query, merges the explicit filter, ranks by influence
 * in the resolved topics, counts the search once for billing, and builds the result rows.
 *
 * Stable paging while scores are recomputed underneath: every result given out is kept, in order, with the
 * search (24 hours). A cursor into what was given out returns exactly those rows again; a page past them
 * lists the best of the current ranking not listed yet. So paging never repeats an account, never leaves one
 * out, and never reorders what the user has seen; only the order of rows not yet seen follows new scores.
 */
@Injectable()
export class InfluencerSearchService {
  constructor(
    private readonly db: DataSource,
    private readonly searches: DiscoverySearchRepository,
    private readonly rows: InfluencerRowsService,
    private readonly usage: UsageService,
  ) {}

  private topic(id: string, locale: string): DiscoveryTopic {
    const lx = searchLexicon();
    return { id, slug: lx.get(id)?.slug ?? id, name: lx.displayName(id, locale) };
  }

  /** The typed query as understood; throws BAD_USER_INPUT when it is too long to be a search. */
  interpret(query: string, locale = 'en'): QueryInterpretation {
    if (query.length > MAX_QUERY_LENGTH) throw DiscoveryError.badInput(`A search is at most ${MAX_QUERY_LENGTH} characters: type the topic and a few filters.`, { field: 'query' });
    return interpretSearchQuery(query, (rest) => resolveSearchTopics(rest, locale));
  }

  /** Query + explicit filter -> the filter applied, checked (a campaign of another brand is NOT_FOUND). */
  async applyFilter(brandId: BrandId, interpretation: QueryInterpretation | null, filter: FilterInput | null | undefined): Promise<AppliedFilter> {
    const lx = searchLexicon();
    const applied = mergeSearchFilter(interpretation, filter, (t) => (lx.get(t) ?? lx.bySlug.get(t))?.id ?? null);
    if (applied.notInvitedToCampaignId && !(await this.searches.campaignExists(brandId, applied.notInvitedToCampaignId))) {
      throw DiscoveryError.notFound('Campaign', applied.notInvitedToCampaignId);
    }
    return applied;
  }

  /** Whether the query named something to search (a word that matched nothing, alone, searches nothing). */
  static searchable(interpretation: QueryInterpretation, filter: AppliedFilter): boolean {
    return !(interpretation.unresolved.length && !filter.topicIds.length);
  }

  /**
   * The ranking statement's transaction settings, sent with its START TRANSACTION (no round trip of their own).
   * A top-N walk down an index stops after a few hundred rows: parallel workers only add their start-up cost
   * (tens of ms on a busy machine), so they are off. The statement is prepared once per connection and filter
   * shape; its plan is the same index walk for any topic or value, so the generic plan is kept rather than
   * planning again on every search (planning costs about as much as the walk itself). The commit does not wait
   * for the WAL to reach disk: a search and its count are not worth an fsync on every search (it was most of the
   * slowest searches' time); after a database crash the searches of the last moment may be gone (their cursors
   * then say "run it again") and not counted, never counted twice.
   */
  private static readonly RANKING_SETTINGS = { max_parallel_workers_per_gather: '0', plan_cache_mode: 'force_generic_plan', synchronous_commit: 'off' };

  /** Ranked account ids (person duplicates dropped), `limit` at most, leaving out `exclude`. */
  async rank(brandId: BrandId, filter: AppliedFilter, limit: number, exclude: string[] = []): Promise<{ ids: string[]; scores: number[]; exhausted: boolean }> {
    const q = buildRankingQuery({ filter, brandId, modelVersion: INFLUENCE_MODEL_VERSION, limit: limit + 1, excludeAccountIds: exclude });
    const raw: RankedRow[] = await transactionWithSettings(this.db, InfluencerSearchService.RANKING_SETTINGS, (em) => preparedQuery<RankedRow>(em, q.sql, q.params));
    const exhausted = raw.length <= limit;
    const persons = new Set<string>();
    const ids: string[] = [];
    const scores: number[] = [];
    for (const r of raw.slice(0, limit)) {
      if (r.person_id) {
        if (persons.has(r.person_id)) continue;
        persons.add(r.person_id);
      }
      ids.push(r.account_id);
      scores.push(Number(r.rank_score));
    }
    return { ids, scores, exhausted };
  }

  /** The listed accounts and the other accounts of their people: a person listed once is not listed again. */
  private async withSamePeople(accountIds: string[]): Promise<string[]> {
    if (!accountIds.length) return [];
    const rows: { id: string }[] = await this.db.query(
      `SELECT o.id::text AS id FROM social_accounts o
        WHERE o.person_id IN (SELECT a.person_id FROM social_accounts a WHERE a.id = ANY ($1::bigint[]) AND a.person_id IS NOT NULL)`,
      [`{${accountIds.join(',')}}`],
    );
    return [...new Set([...accountIds, ...rows.map((r) => r.id)])];
  }

  private interpretationView(i: QueryInterpretation, f: AppliedFilter, locale: string): SearchInterpretation {
    return {
      query: i.query,
      topics: i.topics.map((t) => ({ topic: this.topic(t.id, locale), matched: t.matched })),
      platforms: i.platforms,
      languages: i.languages,
      locations: i.locations,
      followers: i.followers,
      activeWithinDays: i.activeWithinDays,
      hasContactEmail: i.hasContactEmail,
      unresolved: i.unresolved,
      suggestions: i.suggestions.map((s) => ({ term: s.term, topics: s.topics.map((t) => this.topic(t.id, locale)) })),
      messages: i.messages,
      applied: {
        topics: f.topicIds.map((id) => this.topic(id, locale)),
        topicMatch: f.topicMatch,
        topicScore: f.topicScore,
        score: f.score,
        platforms: f.platforms,
        languages: f.languages,
        locations: f.locations,
        followers: f.followers,
        engagementRate: f.engagementRate,
        activeWithinDays: f.activeWithinDays,
        audienceQualityMin: f.audienceQualityMin,
        hasContactEmail: f.hasContactEmail,
        notInvitedToCampaignId: f.notInvitedToCampaignId,
      },
    };
  }

  async search(brandId: BrandId, req: SearchRequest): Promise<SearchPage> {
    const first = req.first ?? 20;
    if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) throw DiscoveryError.badInput(`first must be between 1 and ${MAX_PAGE_SIZE}.`, { field: 'first' });
    let search: StoredSearch;
    let position = 0;
    let prefetched: { ids: string[]; rows: Promise<Influencer[]> } | undefined;
    if (req.after) {
      const cursor = decodeSearchCursorOrThrow(req.after);
      const found = await this.searches.findLive(brandId, cursor.searchId);
      if (!found) {
        throw new DiscoveryError(ErrorCode.NOT_FOUND, `This result list was not found or has expired (a search keeps its order for ${SEARCH_TTL_HOURS} hours): run the search again.`, { field: 'after' });
      }
      search = found;
      position = cursor.position;
    } else {
      const locale = req.locale ?? 'en';
      const interpretation = this.interpret(req.query ?? '', locale);
      const filter = await this.applyFilter(brandId, interpretation, req.filter);
      const view = this.interpretationView(interpretation, filter, locale);
      if (!InfluencerSearchService.searchable(interpretation, filter)) {
        // Nothing understood, nothing searched: not counted, no list to page through.
        return { searchId: null, edges: [], pageInfo: { hasNextPage: false, endCursor: null }, interpretation: view, rankedAt: new Date() };
      }
      // Ranked, stored and counted in one transaction (over the plan's limit, none of it happens); the ranking
      // and its storing are one statement. The first page ranks what it shows and one more (is there a next
      // page?): ranking further ahead would cost every search for pages most users never open.
      const id = randomUUID();
      const ranking = buildRankingQuery({ filter, brandId, modelVersion: INFLUENCE_MODEL_VERSION, limit: first + 1 });
      const stored = await transactionWithSettings(this.db, InfluencerSearchService.RANKING_SETTINGS, async (em) => {
        // One round trip: the ranking (stored with the search) and the count, which goes out with the COMMIT, are
        // written right behind the START without waiting for each other's answers. The count comes last, so a
        // brand's concurrent searches wait for its month's counter only while PostgreSQL counts and commits; if
        // the ranking fails or the count is refused, the COMMIT rolls all of it back.
        const ranked = this.searches.insertRanked(brandId, id, ranking, first, { query: req.query ?? '', locale, filter, interpretation: view, ttlHours: SEARCH_TTL_HOURS }, em);
        const counted = this.usage.record(brandId, 'searches', 1, `search:${id}`, { manager: em, savepoint: false, commit: true });
        counted.catch(() => undefined); // awaited below
        let row: Awaited<typeof ranked>;
        try {
          row = await ranked;
        } catch (err) {
          await counted.catch(() => undefined); // the transaction ends (rolled back) before its error is thrown
          throw err;
        }
        // The page's rows need only the ranked ids: when a connection is idle they are read on it while the
        // search is counted and committed (a search then takes about one statement's time less; under load,
        // when none is idle, waiting for one would only cost). Used only if the count goes through and the page
        // is exactly these ids.
        if (poolOf(this.db).idleCount > 0) {
          prefetched = { ids: row.accountIds, rows: this.rows.rowsForAccounts(row.accountIds, { brandId, topicIds: filter.topicIds, locale }) };
          prefetched.rows.catch(() => undefined); // a failure shows where the rows are awaited, or not at all
        }
        await counted;
        return row;
      });
      search = { id, query: req.query ?? '', locale, filter, interpretation: view, accountIds: stored.accountIds, rankScores: stored.rankScores.map(Number), exhausted: stored.exhausted, createdAt: stored.createdAt };
    }

    // Past the kept ranking: the best of the current ranking not listed yet, so no account is repeated or
    // left out; only the order beyond the kept part reflects scores recomputed since.
    while (position + first > search.accountIds.length && !search.exhausted) {
      const n = search.accountIds.length;
      const room = MAX_SEARCH_RESULTS - n;
      const more =
        room > 0
          ? await this.rank(brandId, search.filter as AppliedFilter, Math.min(room, Math.max(first, 50)), await this.withSamePeople(search.accountIds))
          : { ids: [], scores: [], exhausted: true };
      // A batch holding only accounts of people already listed would not move on: the list is complete.
      if (!more.ids.length || n + more.ids.length >= MAX_SEARCH_RESULTS) more.exhausted = true;
      if (await this.searches.append(brandId, search.id, n, more.ids, more.scores, more.exhausted)) {
        search.accountIds = [...search.accountIds, ...more.ids];
        search.rankScores = [...search.rankScores, ...more.scores];
        search.exhausted = more.exhausted;
      } else {
        search = (await this.searches.findLive(brandId, search.id)) ?? { ...search, exhausted: true };
      }
    }

    const slice = search.accountIds.slice(position, position + first);
    const filter = search.filter as AppliedFilter;
    const nodes =
      prefetched && sameIds(prefetched.ids, slice) ? await prefetched.rows : await this.rows.rowsForAccounts(slice, { brandId, topicIds: filter.topicIds, locale: search.locale });
    const at = new Map(slice.map((id, k) => [id, position + k + 1]));
    const edges = nodes.map((node) => ({ cursor: encodeSearchCursor(search.id, at.get(node.accountId)!), node }));
    const end = position + slice.length;
    return {
      searchId: search.id,
      edges,
      pageInfo: { hasNextPage: end < search.accountIds.length || !search.exhausted, endCursor: slice.length ? encodeSearchCursor(search.id, end) : null },
      interpretation: search.interpretation as SearchInterpretation,
      rankedAt: search.createdAt,
    };
  }
}

const sameIds = (a: string[], b: string[]) => a.length === b.length && a.every((id, k) => id === b[k]);
