import { SIZE_BAND_BOUNDS, sizeBandLabel, sizeBandOf } from './size-bands.js';

/**
 * Audience quality 1-100: how much of an account's audience is genuine, judged against accounts of a similar
 * size. Pure math on columns (typed arrays), so a million accounts cost a few typed arrays and one pass per step.
 * The formula and what each part means are documented in the README (docs: readme-audience.md); the constants
 * below are part of the model version.
 *
 *   F (followers)   = 1 - exSusp - MASS_WEIGHT * max(0, exMass - exSusp)
 *   E (engagers)    = 1 - exSuspEngagers
 *   A (authenticity)= 1 - AUTHENTICITY_WEIGHT * max(0, bench - a) / bench,   a = 1 - reciprocal event share
 *   G (growth)      = 1 / (1 + SPIKE_PENALTY * spikes + DROP_PENALTY * drops)
 *   score           = round(1 + 99 * F * E * A * G)
 *
 * where ex = max(0, x - bench) / (1 - bench) is the share of the audience that is suspicious BEYOND what is
 * normal for the size band (bench = the band's median), and every share is first shrunk toward the band
 * median with PRIOR_WEIGHT pseudo-observations, so an account with three observed followers is not judged on them.
 */
export const AUDIENCE_QUALITY_MODEL_VERSION = 'aq-1';

export const AUDIENCE_QUALITY_PARAMS = {
  /** Pseudo-observations pulling a share toward its band median (empirical-Bayes shrinkage). */
  priorWeight: 10,
  /** An account enters its band's benchmark with at least this many observations of that share. */
  benchmarkMinSample: 10,
  /** A band with fewer such accounts borrows the benchmark pooled over all bands. */
  benchmarkMinAccounts: 20,
  /** Mass-followers are real people who follow so many accounts that they rarely see any one: half a bot. */
  massWeight: 0.5,
  /** Engagement with no outside audience at all (a pure ring) keeps 10% of the part. */
  authenticityWeight: 0.9,
  spikePenalty: 0.25,
  dropPenalty: 0.1,
} as const;

/** Used when nobody anywhere has enough data (tiny databases): conservative, typical-platform values. */
export const FALLBACK_BENCHMARK: Benchmark = { suspiciousFollowers: 0.05, massFollowers: 0.1, suspiciousEngagers: 0.03, authenticity: 0.8 };

export interface Benchmark {
  suspiciousFollowers: number;
  massFollowers: number;
  suspiciousEngagers: number;
  /** Median share of engagement NOT returned by the account (1 - reciprocal share). */
  authenticity: number;
}

/** Per-account inputs, one index per account (built set-based in SQL by the job). */
export interface AudienceFeatureColumns {
  size: number;
  /** Reported followers (the platform's count): decides the size band. */
  followers: Float64Array;
  /** Observed followers whose profile could be classified. */
  followersSampled: Int32Array;
  suspiciousFollowers: Int32Array;
  massFollowers: Int32Array;
  /** Distinct engagers in the window whose profile could be classified. */
  engagersSampled: Int32Array;
  suspiciousEngagers: Int32Array;
  /** Engagement events in the window (all engagers), and those from accounts this account engages back. */
  engagementEvents: Float64Array;
  reciprocalEvents: Float64Array;
  growthSpikes: Int32Array;
  growthDrops: Int32Array;
}

export interface AudienceQualityColumns {
  score: Uint8Array;
  /** Raw observed shares (NaN = no observation). */
  suspiciousFollowerShare: Float32Array;
  massFollowerShare: Float32Array;
  suspiciousEngagerShare: Float32Array;
  engagementAuthenticity: Float32Array;
  /** Part qualities 0..1. */
  followerQuality: Float32Array;
  engagerQuality: Float32Array;
  authenticityQuality: Float32Array;
  growthQuality: Float32Array;
  band: Uint8Array;
  benchmarks: Benchmark[];
}

const clamp01 = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : x);

function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const s = Float64Array.from(values).sort();
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Share of the audience suspicious beyond the band's norm, scaled to the headroom the norm leaves (0..1). */
export function excessShare(share: number, bench: number): number {
  if (!(share > bench)) return 0;
  return bench >= 1 ? 0 : clamp01((share - bench) / (1 - bench));
}

/** Pulls an observed share toward the benchmark: with n observations, (x*n + bench*prior) / (n + prior). */
export function shrinkShare(hits: number, n: number, bench: number, prior = AUDIENCE_QUALITY_PARAMS.priorWeight): number {
  return (hits + bench * prior) / (n + prior);
}

/** Median shares per size band over accounts with enough data; thin bands borrow the pooled benchmark. */
export function bandBenchmarks(f: AudienceFeatureColumns, bands: Uint8Array, p = AUDIENCE_QUALITY_PARAMS): Benchmark[] {
  const bandCount = SIZE_BAND_BOUNDS.length;
  const lists = () => Array.from({ length: bandCount + 1 }, () => [] as number[]); // last = pooled
  const sf = lists(), mf = lists(), se = lists(), au = lists();
  for (let i = 0; i < f.size; i++) {
    const b = bands[i];
    if (f.followersSampled[i] >= p.benchmarkMinSample) {
      const n = f.followersSampled[i];
      sf[b].push(f.suspiciousFollowers[i] / n), sf[bandCount].push(f.suspiciousFollowers[i] / n);
      mf[b].push(f.massFollowers[i] / n), mf[bandCount].push(f.massFollowers[i] / n);
    }
    if (f.engagersSampled[i] >= p.benchmarkMinSample) {
      const x = f.suspiciousEngagers[i] / f.engagersSampled[i];
      se[b].push(x), se[bandCount].push(x);
    }
    if (f.engagementEvents[i] >= p.benchmarkMinSample) {
      const x = 1 - f.reciprocalEvents[i] / f.engagementEvents[i];
      au[b].push(x), au[bandCount].push(x);
    }
  }
  const pick = (l: number[][], b: number, fallback: number) => {
    if (l[b].length >= p.benchmarkMinAccounts) return median(l[b]);
    if (l[bandCount].length >= p.benchmarkMinAccounts) return median(l[bandCount]);
    return fallback;
  };
  return Array.from({ length: bandCount }, (_, b) => ({
    suspiciousFollowers: pick(sf, b, FALLBACK_BENCHMARK.suspiciousFollowers),
    massFollowers: pick(mf, b, FALLBACK_BENCHMARK.massFollowers),
    suspiciousEngagers: pick(se, b, FALLBACK_BENCHMARK.suspiciousEngagers),
    authenticity: pick(au, b, FALLBACK_BENCHMARK.authenticity),
  }));
}

export function computeAudienceQuality(f: AudienceFeatureColumns, p = AUDIENCE_QUALITY_PARAMS): AudienceQualityColumns {
  const n = f.size;
  const band = new Uint8Array(n);
  for (let i = 0; i < n; i++) band[i] = sizeBandOf(f.followers[i]);
  const benchmarks = bandBenchmarks(f, band, p);
  const out: AudienceQualityColumns = {
    score: new Uint8Array(n),
    suspiciousFollowerShare: new Float32Array(n),
    massFollowerShare: new Float32Array(n),
    suspiciousEngagerShare: new Float32Array(n),
    engagementAuthenticity: new Float32Array(n),
    followerQuality: new Float32Array(n),
    engagerQuality: new Float32Array(n),
    authenticityQuality: new Float32Array(n),
    growthQuality: new Float32Array(n),
    band,
    benchmarks,
  };
  for (let i = 0; i < n; i++) {
    const bench = benchmarks[band[i]];
    const nf = f.followersSampled[i];
    const ne = f.engagersSampled[i];
    const ev = f.engagementEvents[i];
    out.suspiciousFollowerShare[i] = nf > 0 ? f.suspiciousFollowers[i] / nf : NaN;
    out.massFollowerShare[i] = nf > 0 ? f.massFollowers[i] / nf : NaN;
    out.suspiciousEngagerShare[i] = ne > 0 ? f.suspiciousEngagers[i] / ne : NaN;
    out.engagementAuthenticity[i] = ev > 0 ? clamp01(1 - f.reciprocalEvents[i] / ev) : NaN;

    const exSusp = excessShare(shrinkShare(f.suspiciousFollowers[i], nf, bench.suspiciousFollowers, p.priorWeight), bench.suspiciousFollowers);
    const exMass = excessShare(shrinkShare(f.massFollowers[i], nf, bench.massFollowers, p.priorWeight), bench.massFollowers);
    const F = clamp01(1 - exSusp - p.massWeight * Math.max(0, exMass - exSusp));
    const E = clamp01(1 - excessShare(shrinkShare(f.suspiciousEngagers[i], ne, bench.suspiciousEngagers, p.priorWeight), bench.suspiciousEngagers));
    const authenticity = shrinkShare(ev - f.reciprocalEvents[i], ev, bench.authenticity, p.priorWeight);
    const A = bench.authenticity > 0 ? clamp01(1 - (p.authenticityWeight * Math.max(0, bench.authenticity - authenticity)) / bench.authenticity) : 1;
    const G = 1 / (1 + p.spikePenalty * f.growthSpikes[i] + p.dropPenalty * f.growthDrops[i]);
    out.followerQuality[i] = F;
    out.engagerQuality[i] = E;
    out.authenticityQuality[i] = A;
    out.growthQuality[i] = G;
    out.score[i] = Math.min(100, Math.max(1, Math.round(1 + 99 * F * E * A * G)));
  }
  return out;
}

const r3 = (x: number) => (Number.isFinite(x) ? Math.round(x * 1000) / 1000 : null);

/** How sure the score is: the number of followers and engagers it rests on. */
export function confidenceOf(sampleSize: number): 'low' | 'medium' | 'high' {
  return sampleSize < 30 ? 'low' : sampleSize < 300 ? 'medium' : 'high';
}

/** The jsonb breakdown stored with a score: each part's value, its band benchmark and the quality it left. */
export function audienceBreakdown(f: AudienceFeatureColumns, q: AudienceQualityColumns, i: number) {
  const bench = q.benchmarks[q.band[i]];
  const sampleSize = f.followersSampled[i] + f.engagersSampled[i];
  return {
    band: { index: q.band[i], label: sizeBandLabel(q.band[i]) },
    confidence: confidenceOf(sampleSize),
    followers: {
      sampled: f.followersSampled[i],
      suspicious: f.suspiciousFollowers[i],
      massFollowing: f.massFollowers[i],
      suspiciousShare: r3(q.suspiciousFollowerShare[i]),
      massShare: r3(q.massFollowerShare[i]),
      benchmarkSuspiciousShare: r3(bench.suspiciousFollowers),
      benchmarkMassShare: r3(bench.massFollowers),
      quality: r3(q.followerQuality[i]),
    },
    engagers: {
      sampled: f.engagersSampled[i],
      suspicious: f.suspiciousEngagers[i],
      suspiciousShare: r3(q.suspiciousEngagerShare[i]),
      benchmarkSuspiciousShare: r3(bench.suspiciousEngagers),
      quality: r3(q.engagerQuality[i]),
    },
    authenticity: {
      events: r3(f.engagementEvents[i]),
      reciprocalEvents: r3(f.reciprocalEvents[i]),
      value: r3(q.engagementAuthenticity[i]),
      benchmark: r3(bench.authenticity),
      quality: r3(q.authenticityQuality[i]),
    },
    growth: { spikes: f.growthSpikes[i], drops: f.growthDrops[i], quality: r3(q.growthQuality[i]) },
  };
}

export type AudienceBreakdown = ReturnType<typeof audienceBreakdown>;
