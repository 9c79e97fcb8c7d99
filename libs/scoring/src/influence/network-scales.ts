import { populationPercentiles } from './calibrate-score.js';

/**
 * One scale across networks (model `influence-v3`). The same model scores every account, but what feeds it and
 * what its raw value is compared with differ per network, so that "top 5% of its network" reads 60 everywhere:
 *
 * 1. **Inputs made comparable.** Followers are followers on Twitter, Bluesky and Mastodon, subscribers on
 *    YouTube and followers on Instagram (a hidden YouTube subscriber count is unknown, read as none). Engagement
 *    is what Renown saw people do (likes, reposts, replies from the interaction graph) on the open networks; on
 *    YouTube and Instagram, which do not say who liked (and Instagram not who commented either), it is the
 *    posts' own counters over the same 90-day window with the same 30-day half-life: comments count as replies,
 *    likes as likes, and on YouTube a view counts as 1/VIEWS_PER_LIKE of a like (a like for every 40 views is
 *    about the median viewer-to-liker ratio of the videos we read), because a view is not a like. Where the graph
 *    also saw engagement (YouTube commenters) the larger of the two counts is used, never their sum.
 * 2. **Calibrated per network.** The raw value is placed among the accounts of its own network scored that day,
 *    not among every account: Instagram has no engager graph and so no network standing, and a YouTube video's
 *    likes dwarf a skeet's, so a pooled ranking would mostly rank networks. A network with few scored accounts
 *    would give noisy percentiles, so its percentile is shrunk toward the pooled one with the weight of
 *    NETWORK_PRIOR_ACCOUNTS accounts: p = (n x p_network + k x p_pooled) / (n + k). With one network in the
 *    database this is exactly the pooled calibration of influence-v2.
 * 3. **People.** A person whose accounts are all on one network keeps the summed signals of influence-v2. A
 *    person on several networks is placed by their strongest account's network percentile: a creator with a
 *    top-5% channel and a small Bluesky account is a top-5% creator, not more, and not less.
 */
export interface NetworkScale {
  /** Engagement from the interaction graph, or from the posts' own counters (the network names no engagers). */
  engagement: 'observed' | 'counters';
  /** What the network's follower count means, for explanations. */
  followersAre: 'followers' | 'subscribers';
  /** Views worth one like (video networks); null when views are not counted. */
  viewsPerLike: number | null;
}

export const VIEWS_PER_LIKE = 40;
export const NETWORK_PRIOR_ACCOUNTS = 20;

const OPEN: NetworkScale = { engagement: 'observed', followersAre: 'followers', viewsPerLike: null };

export const NETWORK_SCALES: Record<string, NetworkScale> = {
  twitter: OPEN,
  bluesky: OPEN,
  mastodon: OPEN,
  youtube: { engagement: 'counters', followersAre: 'subscribers', viewsPerLike: VIEWS_PER_LIKE },
  instagram: { engagement: 'counters', followersAre: 'followers', viewsPerLike: null },
};

export const scaleOf = (platform: string): NetworkScale => NETWORK_SCALES[platform] ?? OPEN;

/** Platforms whose engagement comes from post counters (the posts the loader sums counters of). */
export const COUNTER_PLATFORMS = Object.entries(NETWORK_SCALES).filter(([, s]) => s.engagement === 'counters').map(([p]) => p);

/**
 * Percentiles of `values` within each account's network group, shrunk toward the pooled percentile for small
 * groups. `group[i]` is the account's network index; with one group this is `populationPercentiles(values)`.
 */
export function networkPercentiles(values: Float64Array, group: Uint8Array | undefined, groups: number): Float64Array {
  const pooled = populationPercentiles(values);
  if (!group || groups <= 1) return pooled;
  const members: number[][] = Array.from({ length: groups }, () => []);
  for (let i = 0; i < values.length; i++) members[group[i]].push(i);
  if (members.filter((m) => m.length > 0).length <= 1) return pooled;
  const out = new Float64Array(values.length);
  for (const idx of members) {
    if (!idx.length) continue;
    const own = populationPercentiles(Float64Array.from(idx, (i) => values[i]));
    const n = idx.length;
    idx.forEach((i, k) => (out[i] = (n * own[k] + NETWORK_PRIOR_ACCOUNTS * pooled[i]) / (n + NETWORK_PRIOR_ACCOUNTS)));
  }
  return out;
}

const NETWORK_LABEL: Record<string, string> = { twitter: 'Twitter/X', bluesky: 'Bluesky', mastodon: 'Mastodon', youtube: 'YouTube', instagram: 'Instagram', snap: 'Snap' };

/** One sentence: what an account's score is made of on its network (the profile shows it beside the score). */
export function describeNetworkScale(platform: string): string {
  const name = NETWORK_LABEL[platform] ?? platform;
  if (platform === 'youtube') {
    return `Placed among YouTube channels: subscribers as reach; each video's likes and comments as engagement, with a view worth 1/${VIEWS_PER_LIKE} of a like; the commenters Renown read as engagers.`;
  }
  if (platform === 'instagram') {
    return 'Placed among Instagram accounts: followers as reach; each post\'s likes and comments as engagement (hidden like counts count as none). Instagram does not say who engages, so there are no engagers or network standing.';
  }
  return `Placed among ${name} accounts: followers and lists as reach; likes, reposts, quotes and replies Renown saw as engagement; who engaged and their own standing as network.`;
}

/** Where audience quality cannot be measured on a network, the sentence that says so; null where it can. */
export function audienceQualityLimit(platform: string): string | null {
  if (platform === 'instagram') return 'Instagram does not share who follows or engages with an account, so Renown cannot measure its audience quality.';
  if (platform === 'youtube') return 'YouTube does not list subscribers: audience quality rests on the commenters Renown read, when there are enough.';
  return null;
}
