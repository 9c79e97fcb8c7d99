import { type AudienceFeatureColumns, computeAudienceQuality, excessShare, shrinkShare } from './compute-audience-quality.js';
import { classifyGrowthStep } from './growth-anomalies.js';
import { sizeBandLabel, sizeBandOf } from './size-bands.js';

interface Row {
  followers: number;
  fol: [n: number, suspicious: number, mass: number];
  eng?: [n: number, suspicious: number];
  events?: [all: number, reciprocal: number];
  growth?: [spikes: number, drops: number];
}

function columns(rows: Row[]): AudienceFeatureColumns {
  const n = rows.length;
  const f: AudienceFeatureColumns = {
    size: n,
    followers: new Float64Array(n),
    followersSampled: new Int32Array(n),
    suspiciousFollowers: new Int32Array(n),
    massFollowers: new Int32Array(n),
    engagersSampled: new Int32Array(n),
    suspiciousEngagers: new Int32Array(n),
    engagementEvents: new Float64Array(n),
    reciprocalEvents: new Float64Array(n),
    growthSpikes: new Int32Array(n),
    growthDrops: new Int32Array(n),
  };
  rows.forEach((r, i) => {
    f.followers[i] = r.followers;
    [f.followersSampled[i], f.suspiciousFollowers[i], f.massFollowers[i]] = r.fol;
    [f.engagersSampled[i], f.suspiciousEngagers[i]] = r.eng ?? [0, 0];
    [f.engagementEvents[i], f.reciprocalEvents[i]] = r.events ?? [0, 0];
    [f.growthSpikes[i], f.growthDrops[i]] = r.growth ?? [0, 0];
  });
  return f;
}

/** 30 ordinary accounts of a band: 5% suspicious, 10% mass-following followers, 20% of engagement returned. */
const peers = (followers: number, suspicious = 5): Row[] =>
  Array.from({ length: 30 }, () => ({ followers, fol: [100, suspicious, 10], eng: [50, 1], events: [100, 20] }));

describe('audience quality math', () => {
  it('excess share: only what is above the band norm counts, scaled to the headroom the norm leaves', () => {
    expect(excessShare(0.05, 0.05)).toBe(0);
    expect(excessShare(0.02, 0.05)).toBe(0);
    expect(excessShare(1, 0.05)).toBe(1);
    expect(excessShare(0.525, 0.05)).toBeCloseTo(0.5);
  });

  it('shrinkage: a few observations move a share only part of the way from the benchmark', () => {
    expect(shrinkShare(3, 3, 0.05, 10)).toBeCloseTo((3 + 0.5) / 13);
    expect(shrinkShare(0, 0, 0.05, 10)).toBeCloseTo(0.05);
    expect(shrinkShare(900, 1000, 0.05, 10)).toBeGreaterThan(0.89);
  });

  it('an account like its peers scores 100; bought followers and a ring-like engagement score low', () => {
    const rows = [...peers(1500), { followers: 1500, fol: [500, 470, 480] as Row['fol'], eng: [40, 1] as Row['eng'], events: [60, 10] as Row['events'] }];
    rows.push({ followers: 1500, fol: [100, 5, 10], eng: [19, 0], events: [400, 400] });
    const q = computeAudienceQuality(columns(rows));
    expect(q.score[0]).toBe(100);
    expect(q.score[30]).toBeLessThan(15);
    expect(q.score[31]).toBeLessThan(20);
    expect(q.benchmarks[sizeBandOf(1500)].suspiciousFollowers).toBeCloseTo(0.05);
  });

  it('benchmarks are per size band: the same share is normal for one band and an outlier in another', () => {
    const rows = [...peers(200, 40), ...peers(50_000, 2), { followers: 200, fol: [100, 40, 10] as Row['fol'] }, { followers: 50_000, fol: [100, 40, 10] as Row['fol'] }];
    const q = computeAudienceQuality(columns(rows));
    expect(q.score[60]).toBe(100);
    expect(q.score[61]).toBeLessThan(70);
  });

  it('a handful of suspicious followers on a tiny sample does not sink an account', () => {
    const q = computeAudienceQuality(columns([...peers(1500), { followers: 1500, fol: [2, 2, 2] }]));
    expect(q.score[30]).toBeGreaterThan(75);
  });

  it('growth spikes and drops cost a share of the score, each', () => {
    const q = computeAudienceQuality(columns([...peers(1500), { followers: 1500, fol: [100, 5, 10], growth: [1, 0] }, { followers: 1500, fol: [100, 5, 10], growth: [2, 1] }]));
    expect(q.score[30]).toBe(80);
    expect(q.score[31]).toBeLessThan(q.score[30]);
  });

  it('no data anywhere: the fallback benchmark applies and nothing divides by zero', () => {
    const q = computeAudienceQuality(columns([{ followers: 0, fol: [0, 0, 0] }]));
    expect(q.score[0]).toBe(100);
    expect(Number.isNaN(q.suspiciousFollowerShare[0])).toBe(true);
  });
});

describe('growth anomalies', () => {
  it('a jump far above normal growth is a spike; steady growth and small accounts are not', () => {
    expect(classifyGrowthStep(1000, 5000, 1, 0.002)).toBe('spike');
    expect(classifyGrowthStep(1000, 1005, 1, 0.002)).toBeNull();
    expect(classifyGrowthStep(20, 60, 1, 0.002)).toBeNull();
    // 4,000 over 40 days is 100/day: 10%/day of 1,000 is still a spike; over 400 days it is not.
    expect(classifyGrowthStep(1000, 5000, 40, 0.002)).toBe('spike');
    expect(classifyGrowthStep(1000, 5000, 400, 0.002)).toBeNull();
  });

  it('a sudden loss (a purge of fake followers) is a drop', () => {
    expect(classifyGrowthStep(10_000, 7_000, 1, 0.001)).toBe('drop');
    expect(classifyGrowthStep(10_000, 9_990, 1, 0.001)).toBeNull();
  });

  it('size bands have readable labels', () => {
    expect(sizeBandLabel(sizeBandOf(1500))).toBe('1k-3k followers');
    expect(sizeBandLabel(sizeBandOf(50))).toBe('0-100 followers');
    expect(sizeBandLabel(sizeBandOf(20_000_000))).toBe('10M+ followers');
  });
});
