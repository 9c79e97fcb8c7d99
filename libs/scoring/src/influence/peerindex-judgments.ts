import { parse } from 'csv-parse/sync';
import type { InfluenceSignals } from './influence-signals.js';

/** One human judgment from the PeerIndex (Kaggle 2013) pairwise file: who is more influential, A or B. */
export interface PairwiseJudgment {
  /** 1 = A judged more influential, 0 = B. */
  choice: 0 | 1;
  a: InfluenceSignals;
  b: InfluenceSignals;
}

const COLUMNS = [
  'follower_count',
  'following_count',
  'listed_count',
  'mentions_received',
  'retweets_received',
  'mentions_sent',
  'retweets_sent',
  'posts',
  'network_feature_1',
  'network_feature_2',
  'network_feature_3',
] as const;

/**
 * Maps one person's PeerIndex columns onto our signals. PeerIndex gives rates, not raw engagement lists:
 * retweets received → reposts, mentions received → replies (the closest engagement kind), their sum →
 * distinct engagers (we have no per-engager data there), posts → posts in window, network_feature_1 (an
 * undocumented PeerIndex graph feature, count-like) → network standing. No bot-follower information.
 */
export function signalsFromPeerIndex(row: Record<string, string>, prefix: 'A_' | 'B_'): InfluenceSignals {
  const v = (c: (typeof COLUMNS)[number]) => {
    const x = Number(row[prefix + c]);
    if (!Number.isFinite(x)) throw new Error(`column ${prefix}${c} is missing or not a number`);
    return x;
  };
  return {
    followers: v('follower_count'),
    following: v('following_count'),
    listed: v('listed_count'),
    botFollowerShare: 0,
    postsInWindow: v('posts'),
    engagementsReceived: { reposts: v('retweets_received'), quotes: 0, replies: v('mentions_received'), likes: 0 },
    distinctEngagers: v('retweets_received') + v('mentions_received'),
    networkStanding: v('network_feature_1'),
  };
}

/** Parses the CSV text (header: Choice, A_follower_count, ..., B_network_feature_3). */
export function parsePeerIndexJudgments(csv: string): PairwiseJudgment[] {
  const rows: Record<string, string>[] = parse(csv, { columns: true, skip_empty_lines: true, trim: true });
  return rows.map((row, i) => {
    const choice = Number(row.Choice);
    if (choice !== 0 && choice !== 1) throw new Error(`row ${i + 2}: Choice must be 0 or 1, got "${row.Choice}"`);
    return { choice, a: signalsFromPeerIndex(row, 'A_'), b: signalsFromPeerIndex(row, 'B_') };
  });
}
