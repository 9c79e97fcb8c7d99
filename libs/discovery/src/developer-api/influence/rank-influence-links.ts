import { accountQuality, ENGAGEMENT_TYPE_GRAPH_WEIGHT, FOLLOW_GRAPH_WEIGHT, PAIR_CAP, RECIPROCAL_FACTOR } from '@renown/scoring';

export type InteractionKind = 'repost' | 'quote' | 'reply' | 'mention' | 'like' | 'follow';

/**
 * Interactions between the account and one other account, aggregated per kind over the scoring window.
 * `direction` says who acted: 'out' = the account engaged with the other one (the other influences it),
 * 'in' = the other one engaged with the account (the account influences it).
 */
export interface InteractionAggregate {
  otherId: string;
  direction: 'out' | 'in';
  kind: InteractionKind;
  /** Interactions in the window. */
  count: number;
  /** The same, each weighted by recency (half-life as in scoring). */
  recencyWeighted: number;
}

/** What the ranking needs to know about the other accounts. */
export interface OtherAccountFacts {
  personId: string | null;
  /** Account age in days; NaN when unknown. */
  ageDays: number;
  postsCount: number;
  followingCount: number;
}

export interface InteractionCounts {
  reposts: number;
  quotes: number;
  replies: number;
  mentions: number;
  likes: number;
  follows: boolean;
}

export interface InfluenceLink {
  accountId: string;
  /** How strongly the two are linked in this direction, in scoring's units (a capped, recency-weighted repost is 2). */
  strength: number;
  /** Interactions in the window behind the strength. */
  interactions: InteractionCounts;
}

export interface InfluenceLinks {
  /** Accounts this account engages with: they influence it (Klout's myInfluencers). */
  influencers: InfluenceLink[];
  /** Accounts that engage with this account: it influences them (Klout's myInfluencees). */
  influencees: InfluenceLink[];
}

const KIND_FIELD = { repost: 'reposts', quote: 'quotes', reply: 'replies', mention: 'mentions', like: 'likes' } as const;

interface Pair {
  otherId: string;
  engagement: number;
  follows: boolean;
  counts: InteractionCounts;
}

function emptyCounts(): InteractionCounts {
  return { reposts: 0, quotes: 0, replies: 0, mentions: 0, likes: 0, follows: false };
}

/**
 * Ranks the accounts linked to `accountPersonId`'s account the way the influence score weighs a pair:
 * per kind, recency-weighted engagement capped at PAIR_CAP and weighted by ENGAGEMENT_TYPE_GRAPH_WEIGHT, a
 * follow worth FOLLOW_GRAPH_WEIGHT; engagement both ways (a ring, or two friends) counts RECIPROCAL_FACTOR of
 * itself; accounts of the same person are not links; engagers that look like bots count their quality.
 * Ties go to the lower account id so the order is stable.
 */
export function rankInfluenceLinks(
  aggregates: InteractionAggregate[],
  facts: ReadonlyMap<string, OtherAccountFacts>,
  accountPersonId: string | null,
  /**
   * Accounts with engagement in both directions, when the caller knows it beyond `aggregates` (it passes only
   * the strongest candidates of a large account, whose reverse pair may have been left out).
   */
  mutualIds?: ReadonlySet<string>,
): InfluenceLinks {
  const pairs = { out: new Map<string, Pair>(), in: new Map<string, Pair>() };
  for (const a of aggregates) {
    const side = pairs[a.direction];
    let pair = side.get(a.otherId);
    if (!pair) side.set(a.otherId, (pair = { otherId: a.otherId, engagement: 0, follows: false, counts: emptyCounts() }));
    if (a.kind === 'follow') {
      pair.follows = true;
      pair.counts.follows = true;
    } else {
      pair.engagement += ENGAGEMENT_TYPE_GRAPH_WEIGHT[a.kind] * Math.min(a.recencyWeighted, PAIR_CAP);
      pair.counts[KIND_FIELD[a.kind]] += a.count;
    }
  }

  const rank = (direction: 'out' | 'in'): InfluenceLink[] => {
    const reverse = pairs[direction === 'out' ? 'in' : 'out'];
    const links: InfluenceLink[] = [];
    for (const pair of pairs[direction].values()) {
      const other = facts.get(pair.otherId);
      if (!other) continue; // vanished since the interactions were read
      if (accountPersonId !== null && other.personId === accountPersonId) continue;
      const reciprocal = pair.engagement > 0 && (mutualIds ? mutualIds.has(pair.otherId) : (reverse.get(pair.otherId)?.engagement ?? 0) > 0);
      let strength = pair.engagement * (reciprocal ? RECIPROCAL_FACTOR : 1) + (pair.follows ? FOLLOW_GRAPH_WEIGHT : 0);
      // Who acts matters for influencees only: a bot's likes say nothing about the account's influence.
      if (direction === 'in') strength *= accountQuality(other.ageDays, other.postsCount, other.followingCount);
      if (strength > 0) links.push({ accountId: pair.otherId, strength: Math.round(strength * 1000) / 1000, interactions: pair.counts });
    }
    return links.sort((x, y) => y.strength - x.strength || compareIds(x.accountId, y.accountId));
  };
  return { influencers: rank('out'), influencees: rank('in') };
}

/** Numeric order of bigint ids held as strings. */
function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
