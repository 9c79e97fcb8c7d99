import { midrankPercentiles } from './compute-topic-influence.js';

export interface TopicScoreLike {
  topicId: string;
  accountId: string;
  score: number;
  percentile: number;
}

/**
 * Topic scores on one scale across networks. Topic influence is a PageRank over who engages with whom, and YouTube
 * and Instagram do not say who liked (Instagram not who commented either), so their accounts would sit at the
 * bottom of every topic whatever their reach. For each topic, an account of such a network is instead ranked among
 * that network's members of the topic by topic expertise (its weight in the topic) times its overall influence
 * percentile (which is calibrated per network and counts the posts' own likes, comments and views), and given the
 * topic score that the same percentile has among the topic's open-network members (quantile mapping): the top tenth
 * of a topic's Instagram accounts scores like the top tenth of its Bluesky and Mastodon accounts. A topic with no
 * open-network member keeps the PageRank scores.
 */
export function alignNetworkTopicScores<R extends TopicScoreLike>(
  rows: R[],
  counterAccounts: Map<string, { platform: string; percentile: number | null }>,
  weightOf: (topicId: string, accountId: string) => number,
): R[] {
  const byTopic = new Map<string, R[]>();
  for (const r of rows) (byTopic.get(r.topicId) ?? byTopic.set(r.topicId, []).get(r.topicId)!).push(r);
  for (const topicRows of byTopic.values()) {
    const open = topicRows.filter((r) => !counterAccounts.has(r.accountId)).map((r) => r.score).sort((a, b) => a - b);
    if (!open.length) continue;
    const byNetwork = new Map<string, R[]>();
    for (const r of topicRows) {
      const a = counterAccounts.get(r.accountId);
      if (a) (byNetwork.get(a.platform) ?? byNetwork.set(a.platform, []).get(a.platform)!).push(r);
    }
    for (const members of byNetwork.values()) {
      const strength = members.map((r) => weightOf(r.topicId, r.accountId) * (counterAccounts.get(r.accountId)!.percentile ?? 0));
      const pct = midrankPercentiles(strength);
      members.forEach((r, i) => {
        const at = (pct[i] / 100) * (open.length - 1);
        const lo = Math.floor(at);
        const hi = Math.min(open.length - 1, lo + 1);
        r.score = Math.round(open[lo] + (open[hi] - open[lo]) * (at - lo));
        r.percentile = pct[i];
      });
    }
  }
  return rows;
}
