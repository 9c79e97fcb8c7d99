import { DiscoveryError } from '../../discovery.error.js';
import type { NumberRange, QueryInterpretation } from '../interpret/interpret-search-query.js';
import type { AppliedFilter, TopicMatchMode } from './applied-filter.js';

export const SEARCH_PLATFORMS = ['twitter', 'bluesky', 'mastodon', 'youtube', 'instagram', 'snap'] as const;

/** The explicit filter as the API receives it (GraphQL input or targeting), every field optional. */
export interface FilterInput {
  topics?: string[] | null;
  topicMatch?: TopicMatchMode | null;
  topicScore?: Partial<NumberRange> | null;
  score?: Partial<NumberRange> | null;
  platforms?: string[] | null;
  languages?: string[] | null;
  locations?: string[] | null;
  followers?: Partial<NumberRange> | null;
  engagementRate?: Partial<NumberRange> | null;
  activeWithinDays?: number | null;
  audienceQualityMin?: number | null;
  hasContactEmail?: boolean | null;
  notInvitedToCampaignId?: string | null;
}

function range(name: string, r: Partial<NumberRange> | null | undefined, lo: number, hi: number): NumberRange | null {
  if (!r) return null;
  const min = r.min ?? null;
  const max = r.max ?? null;
  for (const v of [min, max]) {
    if (v !== null && (!Number.isFinite(v) || v < lo || v > hi)) throw DiscoveryError.badInput(`${name} must be between ${lo} and ${hi}; got ${v}.`, { field: name });
  }
  if (min !== null && max !== null && min > max) throw DiscoveryError.badInput(`${name}: min (${min}) is above max (${max}). Swap them or leave one out.`, { field: name });
  return min === null && max === null ? null : { min, max };
}

function list(name: string, values: string[], max: number, check: (v: string) => boolean, hint: string): string[] {
  if (values.length > max) throw DiscoveryError.badInput(`At most ${max} ${name} per search.`, { field: name });
  const out: string[] = [];
  for (const raw of values) {
    const v = raw.trim();
    if (!v) continue;
    if (!check(v)) throw DiscoveryError.badInput(`"${raw}" is not a valid ${name.replace(/s$/, '')}: ${hint}.`, { field: name });
    if (!out.includes(v)) out.push(v);
  }
  return out;
}

/**
 * The filter a search applies: what the query said, with every field of the explicit filter taking its
 * place. Checks ranges and values and says what is wrong and how to fix it. `resolveTopic` turns an id or
 * slug into a topic id (null when unknown).
 */
export function mergeSearchFilter(interpretation: QueryInterpretation | null, input: FilterInput | null | undefined, resolveTopic: (idOrSlug: string) => string | null): AppliedFilter {
  const i = input ?? {};
  let topicIds: string[];
  if (i.topics != null) {
    if (i.topics.length > 20) throw DiscoveryError.badInput('At most 20 topics per search.', { field: 'topics' });
    topicIds = [];
    for (const t of i.topics) {
      const id = resolveTopic(t.trim());
      if (!id) throw DiscoveryError.badInput(`Unknown topic "${t}": give a topic id or slug (find them with topicSearch).`, { field: 'topics' });
      if (!topicIds.includes(id)) topicIds.push(id);
    }
  } else topicIds = interpretation?.topics.map((t) => t.id) ?? [];

  const platforms = list('platforms', (i.platforms ?? interpretation?.platforms ?? []).map((p) => p.toLowerCase()), 10, (p) => (SEARCH_PLATFORMS as readonly string[]).includes(p), `one of ${SEARCH_PLATFORMS.join(', ')}`);
  const languages = list('languages', (i.languages ?? interpretation?.languages ?? []).map((l) => l.toLowerCase()), 20, (l) => /^[a-z]{2,3}$/.test(l), 'a two-letter language code such as de or en');
  const locations = list('locations', i.locations ?? interpretation?.locations ?? [], 10, (l) => l.length <= 100, 'at most 100 characters');

  const activeWithinDays = i.activeWithinDays !== undefined ? i.activeWithinDays : (interpretation?.activeWithinDays ?? null);
  if (activeWithinDays !== null && (!Number.isInteger(activeWithinDays) || activeWithinDays < 1 || activeWithinDays > 3650)) {
    throw DiscoveryError.badInput('activeWithinDays must be a whole number of days between 1 and 3650.', { field: 'activeWithinDays' });
  }
  const audienceQualityMin = i.audienceQualityMin ?? null;
  if (audienceQualityMin !== null && (!Number.isInteger(audienceQualityMin) || audienceQualityMin < 1 || audienceQualityMin > 100)) {
    throw DiscoveryError.badInput('audienceQualityMin must be a whole number between 1 and 100.', { field: 'audienceQualityMin' });
  }
  const campaign = i.notInvitedToCampaignId ?? null;
  if (campaign !== null && !/^\d{1,18}$/.test(campaign)) throw DiscoveryError.notFound('Campaign', campaign);

  return {
    topicIds,
    topicMatch: i.topicMatch ?? 'ANY',
    topicScore: range('topicScore', i.topicScore, 1, 100),
    score: range('score', i.score, 1, 100),
    platforms,
    languages,
    locations,
    followers: range('followers', i.followers !== undefined ? i.followers : interpretation?.followers, 0, 1e12),
    engagementRate: range('engagementRate', i.engagementRate, 0, 100),
    activeWithinDays,
    audienceQualityMin,
    hasContactEmail: i.hasContactEmail !== undefined ? i.hasContactEmail : (interpretation?.hasContactEmail ?? null),
    notInvitedToCampaignId: campaign,
  };
}
