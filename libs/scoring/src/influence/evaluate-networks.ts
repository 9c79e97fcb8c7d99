import type pg from 'pg';
import { populationPercentiles, scoreFromPercentile } from './calibrate-score.js';
import { INFLUENCE_MODEL_VERSION } from './compute-influence-score.js';

/** Spearman's rank correlation (ties take their average rank); NaN with fewer than three pairs or no spread. */
export function spearman(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = Math.min(x.length, y.length);
  if (n < 3) return NaN;
  const rx = ranks(x, n);
  const ry = ranks(y, n);
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) (mx += rx[i]), (my += ry[i]);
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (rx[i] - mx) * (ry[i] - my);
    sxx += (rx[i] - mx) ** 2;
    syy += (ry[i] - my) ** 2;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : NaN;
}

function ranks(v: ArrayLike<number>, n: number): Float64Array {
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => v[a] - v[b]);
  const out = new Float64Array(n);
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && v[order[j + 1]] === v[order[i]]) j++;
    for (let k = i; k <= j; k++) out[order[k]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return out;
}

/** The q-quantile (0..1) of ascending values, linearly interpolated. */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  if (!sorted.length) return NaN;
  const at = q * (sorted.length - 1);
  const lo = Math.floor(at);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
}

export interface NetworkDistribution {
  network: string;
  accounts: number;
  p10: number;
  p50: number;
  p90: number;
}

export interface CrossNetworkAgreement {
  /** "all" or "<network>+<network>" (alphabetical). */
  pair: string;
  people: number;
  spearman: number;
}

export interface NetworkEvaluation {
  day: string | null;
  modelVersion: string;
  networks: NetworkDistribution[];
  agreement: CrossNetworkAgreement[];
  /**
   * The same figures had every account been placed among all accounts at once (influence-v2's pooled
   * calibration, from the stored raw values): what calibrating per network changes.
   */
  pooled: { networks: NetworkDistribution[]; agreement: CrossNetworkAgreement[] };
}

/**
 * The latest scoring day's account scores per network (accounts read in full, not stubs seen only as engagers),
 * and, for people with accounts on two networks, how well the two accounts' scores agree (Spearman).
 */
export async function evaluateNetworks(pool: pg.Pool, modelVersion = INFLUENCE_MODEL_VERSION): Promise<NetworkEvaluation> {
  const { rows: days } = await pool.query<{ day: string | null }>(`SELECT max(day)::text AS day FROM account_score_snapshots WHERE model_version = $1`, [modelVersion]);
  const day = days[0]?.day ?? null;
  if (!day) return { day, modelVersion, networks: [], agreement: [], pooled: { networks: [], agreement: [] } };
  const { rows } = await pool.query<{ platform: string; person_id: string | null; score: number; raw: number }>(
    `SELECT a.platform, a.person_id::text, s.score, s.raw
       FROM account_score_snapshots s JOIN social_accounts a ON a.id = s.account_id
      WHERE s.model_version = $1 AND s.day = $2 AND NOT a.is_stub`,
    [modelVersion, day],
  );
  const own = summarize(rows.map((r) => ({ platform: r.platform, personId: r.person_id, score: Number(r.score) })));
  const pooledPct = populationPercentiles(Float64Array.from(rows, (r) => Number(r.raw)));
  const pooled = summarize(rows.map((r, i) => ({ platform: r.platform, personId: r.person_id, score: scoreFromPercentile(pooledPct[i]) })));
  return { day, modelVersion, ...own, pooled };
}

function summarize(rows: { platform: string; personId: string | null; score: number }[]): { networks: NetworkDistribution[]; agreement: CrossNetworkAgreement[] } {
  const byNetwork = new Map<string, number[]>();
  const byPerson = new Map<string, Map<string, number>>();
  for (const r of rows) {
    (byNetwork.get(r.platform) ?? byNetwork.set(r.platform, []).get(r.platform)!).push(r.score);
    if (!r.personId) continue;
    const accounts = byPerson.get(r.personId) ?? byPerson.set(r.personId, new Map()).get(r.personId)!;
    // A person with two accounts on one network: their best there.
    accounts.set(r.platform, Math.max(accounts.get(r.platform) ?? 0, r.score));
  }
  const networks = [...byNetwork].sort(([a], [b]) => a.localeCompare(b)).map(([network, scores]) => {
    const sorted = Float64Array.from(scores).sort();
    return { network, accounts: sorted.length, p10: quantile(sorted, 0.1), p50: quantile(sorted, 0.5), p90: quantile(sorted, 0.9) };
  });
  const pairs = new Map<string, { x: number[]; y: number[] }>();
  const all = { x: [] as number[], y: [] as number[] };
  for (const accounts of byPerson.values()) {
    const nets = [...accounts.keys()].sort();
    if (nets.length < 2) continue;
    const [a, b] = nets; // people on three networks: their first two, alphabetically
    const key = `${a}+${b}`;
    const p = pairs.get(key) ?? pairs.set(key, { x: [], y: [] }).get(key)!;
    p.x.push(accounts.get(a)!);
    p.y.push(accounts.get(b)!);
    all.x.push(accounts.get(a)!);
    all.y.push(accounts.get(b)!);
  }
  const agreement = [
    { pair: 'all', people: all.x.length, spearman: spearman(all.x, all.y) },
    ...[...pairs].sort(([a], [b]) => a.localeCompare(b)).map(([pair, p]) => ({ pair, people: p.x.length, spearman: spearman(p.x, p.y) })),
  ];
  return { networks, agreement };

}
