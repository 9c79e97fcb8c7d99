import { buildCsrGraph, type CsrGraph, personalizedPagerank } from '@renown/scoring';
import { ENGAGEMENT_TYPE_GRAPH_WEIGHT, FOLLOW_GRAPH_WEIGHT, PAIR_CAP } from '@renown/scoring/influence/gaming-discounts.js';

export type InteractionKind = 'reply' | 'repost' | 'quote' | 'mention' | 'like' | 'follow';

/** How often `actor` did `type` to `target` (summed interaction weights). */
export interface PairCount {
  actor: string;
  target: string;
  type: InteractionKind;
  count: number;
}

export interface BrandAudienceGraphInput {
  /** The brand's own accounts: the seeds of the walk. */
  brandAccountIds: string[];
  /** Interactions of audience members with the brand's accounts (target is a brand account). */
  towardBrand: PairCount[];
  /** Interactions between audience members (both ends in the audience). */
  withinAudience: PairCount[];
  /** Declared following count per audience member: mass-followers spread their endorsement thin. */
  followingCount: Map<string, number>;
}

export interface BrandAudienceRanking {
  /** Audience members (never the brand's own accounts), best first, with their share of the audience's rank. */
  members: Array<{ accountId: string; rank: number; share: number }>;
  edgeCount: number;
  iterations: number;
}

/**
 * Same weights as the global score (libs/scoring gaming-discounts): a repost counts more than a like, a pair
 * counts at most PAIR_CAP times per kind, a follow is a small standing edge.
 */
export function pairWeight(type: InteractionKind, count: number): number {
  if (type === 'follow') return FOLLOW_GRAPH_WEIGHT;
  return ENGAGEMENT_TYPE_GRAPH_WEIGHT[type] * Math.min(count, PAIR_CAP);
}

/**
 * "Who matters to us": a personalized PageRank that restarts only at the brand's accounts, over a graph of
 * the brand's neighbourhood:
 * - brand account → audience member, weighted by how much that member engages with the brand (the walk
 *   reaches the people who pay attention to the brand, the more attentive the likelier), and
 * - audience member → audience member, the endorsement edges of the global score (actor → target).
 * So a member ranks high when they engage with the brand AND the brand's other followers and engagers
 * engage with them: standing inside this brand's audience, not across the whole network. Rank a member
 * does not hand to another member (declared follows we never saw, or no edges) returns to the brand.
 */
export function rankBrandAudience(input: BrandAudienceGraphInput): BrandAudienceRanking {
  const brand = new Set(input.brandAccountIds);
  const index = new Map<string, number>();
  const ids: string[] = [];
  const nodeOf = (id: string) => {
    let v = index.get(id);
    if (v === undefined) {
      v = ids.length;
      index.set(id, v);
      ids.push(id);
    }
    return v;
  };
  for (const id of input.brandAccountIds) nodeOf(id);

  // Edges as parallel arrays; buildCsrGraph adds up repeated (source, target) pairs (one per interaction kind).
  const capacity = input.towardBrand.length + input.withinAudience.length;
  const sources = new Int32Array(capacity);
  const targets = new Int32Array(capacity);
  const weights = new Float64Array(capacity);
  let m = 0;
  const add = (source: number, target: number, w: number) => {
    if (source === target || !(w > 0)) return;
    sources[m] = source;
    targets[m] = target;
    weights[m] = w;
    m++;
  };
  const follows = new Map<string, number>();
  for (const p of input.towardBrand) {
    if (!brand.has(p.target) || brand.has(p.actor)) continue;
    // Reversed: the brand's attention flows to whoever engages with it.
    add(nodeOf(p.target), nodeOf(p.actor), pairWeight(p.type, p.count));
  }
  for (const p of input.withinAudience) {
    const s = index.get(p.actor);
    const t = index.get(p.target);
    if (s === undefined || t === undefined || brand.has(p.actor) || brand.has(p.target)) continue;
    add(s, t, pairWeight(p.type, p.count));
    if (p.type === 'follow') follows.set(p.actor, (follows.get(p.actor) ?? 0) + 1);
  }

  const n = ids.length;
  const observed = new Float64Array(n);
  for (let e = 0; e < m; e++) observed[sources[e]] += weights[e];
  const declared = new Float64Array(n);
  for (let v = 0; v < n; v++) {
    const id = ids[v];
    const unseenFollows = brand.has(id) ? 0 : Math.max(0, (input.followingCount.get(id) ?? 0) - (follows.get(id) ?? 0));
    declared[v] = observed[v] + FOLLOW_GRAPH_WEIGHT * unseenFollows;
  }
  const graph: CsrGraph = buildCsrGraph(n, { sources, targets, weights, length: m }, { declaredOutWeight: declared });
  const seeds = input.brandAccountIds.map((id) => index.get(id)!);
  const result = personalizedPagerank(graph, seeds);

  let audienceTotal = 0;
  for (let v = 0; v < n; v++) if (!brand.has(ids[v])) audienceTotal += result.ranks[v];
  const members: BrandAudienceRanking['members'] = [];
  for (let v = 0; v < n; v++) {
    if (brand.has(ids[v])) continue;
    members.push({ accountId: ids[v], rank: result.ranks[v], share: audienceTotal > 0 ? result.ranks[v] / audienceTotal : 0 });
  }
  // Ties (common in a small audience) by account id, so the order is the same on every run.
  members.sort((a, b) => b.rank - a.rank || compareIds(a.accountId, b.accountId));
  return { members, edgeCount: m, iterations: result.iterations };
}

function compareIds(a: string, b: string) {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
