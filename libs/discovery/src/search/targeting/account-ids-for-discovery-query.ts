import { INFLUENCE_MODEL_VERSION } from '@renown/scoring';
import { DiscoveryError } from '../../discovery.error.js';
import { interpretSearchQuery } from '../interpret/interpret-search-query.js';
import { resolveSearchTopics, searchLexicon } from '../interpret/search-topic-resolver.js';
import { buildRankingQuery } from '../ranking/build-ranking-query.js';
import { mergeSearchFilter } from '../ranking/merge-search-filter.js';

/** A campaign targeted by a discovery query invites at most this many of its best matches. */
export const DISCOVERY_TARGET_LIMIT = 200;

/** Anything that runs SQL: a DataSource, an EntityManager inside the caller's transaction. */
export interface SqlRunner {
  query(sql: string, params?: unknown[]): Promise<any>;
}

/**
 * Campaign targeting by a discovery query ("fitness creators with 10k-100k followers"): the same reading,
 * filters and ranking as the `influencers` search, restricted to accounts the brand holds a contact email
 * for (nobody else can be mailed) unless the query says otherwise, best first, at most `limit`. Not stored
 * and not counted as a search: the invitations it leads to are metered. A query that names nothing is
 * refused with the interpreter's plain message and suggestions.
 */
export async function accountIdsForDiscoveryQuery(db: SqlRunner, brandId: string, query: string, limit = DISCOVERY_TARGET_LIMIT): Promise<string[]> {
  if (query.length > 200) throw DiscoveryError.badInput('A discovery query is at most 200 characters.', { field: 'discoveryQuery' });
  const interpretation = interpretSearchQuery(query, (rest) => resolveSearchTopics(rest));
  if (interpretation.unresolved.length && !interpretation.topics.length) {
    throw DiscoveryError.badInput(`Discovery query "${query}": ${interpretation.messages.join(' ')}`, { field: 'discoveryQuery', suggestions: interpretation.suggestions });
  }
  const lx = searchLexicon();
  const filter = mergeSearchFilter(interpretation, null, (t) => (lx.get(t) ?? lx.bySlug.get(t))?.id ?? null);
  filter.hasContactEmail ??= true;
  const q = buildRankingQuery({ filter, brandId, modelVersion: INFLUENCE_MODEL_VERSION, limit });
  const rows: { account_id: string; person_id: string | null }[] = await db.query(q.sql, q.params);
  const persons = new Set<string>();
  const ids: string[] = [];
  for (const r of rows) {
    if (r.person_id && persons.has(r.person_id)) continue;
    if (r.person_id) persons.add(r.person_id);
    ids.push(r.account_id);
  }
  return ids;
}
