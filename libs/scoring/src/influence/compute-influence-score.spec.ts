import { buildCalibration, percentileFromScore, percentileOnCalibration, populationPercentiles, scoreFromPercentile } from './calibrate-score.js';
import { computeInfluenceScore, computeRawInfluence, followBackFactor } from './compute-influence-score.js';
import { EMPTY_SIGNALS, type InfluenceSignals } from './influence-signals.js';
import { evaluatePairwise } from './evaluate-pairwise.js';
import { parsePeerIndexJudgments } from './peerindex-judgments.js';
import { pairwiseAuc } from './pairwise-auc.js';

const s = (o: Partial<InfluenceSignals>): InfluenceSignals => ({ ...EMPTY_SIGNALS, ...o });

describe('influence score (pure)', () => {
  it('calibration anchors: 40 = median, 60 = top 5%, 80 = top 0.1%', () => {
    expect(scoreFromPercentile(0.5)).toBe(40);
    expect(scoreFromPercentile(0.95)).toBe(60);
    expect(scoreFromPercentile(0.999)).toBe(80);
    expect(scoreFromPercentile(0)).toBe(1);
    expect(scoreFromPercentile(1)).toBe(100);
    for (const score of [10, 40, 55, 60, 72, 80, 90]) expect(scoreFromPercentile(percentileFromScore(score))).toBeCloseTo(score, 1);
  });

  it('more of any signal never lowers the score; the log keeps one huge number from dominating', () => {
    const base = s({ followers: 1000, listed: 10, networkStanding: 1 });
    for (const more of [{ followers: 2000 }, { listed: 20 }, { networkStanding: 3 }, { distinctEngagers: 5 }]) {
      expect(computeRawInfluence({ ...base, ...more }).raw).toBeGreaterThan(computeRawInfluence(base).raw);
    }
    const d1 = computeRawInfluence(s({ followers: 1e6 })).raw - computeRawInfluence(s({ followers: 1e5 })).raw;
    const d2 = computeRawInfluence(s({ followers: 1e2 })).raw - computeRawInfluence(s({ followers: 1e1 })).raw;
    // Ten times the followers is worth no more at a million followers than at a hundred.
    expect(d1).toBeGreaterThan(0);
    expect(d1).toBeLessThanOrEqual(d2);
  });

  it('the network is monotone: sweeping any signal up never lowers raw, following more never raises it', () => {
    const bases = [s({}), s({ followers: 300, listed: 2, postsInWindow: 5, distinctEngagers: 3 }), s({ followers: 2e6, following: 800, listed: 9000, networkStanding: 400, postsInWindow: 60, distinctEngagers: 5000 })];
    const up: ((b: InfluenceSignals, v: number) => InfluenceSignals)[] = [
      (b, v) => ({ ...b, followers: v }),
      (b, v) => ({ ...b, listed: v }),
      (b, v) => ({ ...b, networkStanding: v }),
      (b, v) => ({ ...b, distinctEngagers: v }),
      (b, v) => ({ ...b, engagementsReceived: { ...b.engagementsReceived, reposts: v } }),
    ];
    for (const b of bases) {
      for (const f of up) {
        let prev = -Infinity;
        for (let v = 0; v <= 1e7; v = v ? v * 3 : 1) {
          const raw = computeRawInfluence(f(b, v)).raw;
          expect(raw).toBeGreaterThanOrEqual(prev - 1e-12);
          prev = raw;
        }
      }
      let prev = Infinity;
      for (let v = 0; v <= 1e6; v = v ? v * 3 : 1) {
        const raw = computeRawInfluence({ ...b, following: v }).raw;
        expect(raw).toBeLessThanOrEqual(prev + 1e-12);
        prev = raw;
      }
    }
  });

  it('contributions add up to raw, and an empty account is 0', () => {
    expect(computeRawInfluence(EMPTY_SIGNALS).raw).toBeCloseTo(0, 12);
    const r = computeRawInfluence(s({ followers: 5000, following: 300, listed: 40, networkStanding: 3, postsInWindow: 12, distinctEngagers: 30, engagementsReceived: { reposts: 20, quotes: 1, replies: 9, likes: 80 } }));
    expect(Object.values(r.contributions).reduce((a, b) => a + b, 0)).toBeCloseTo(r.raw, 9);
    expect(r.terms.reach + r.terms.amplification + r.terms.network).toBeCloseTo(r.raw, 9);
  });

  it('amplification is per post: posting more with the same engagement does not help', () => {
    const e = { reposts: 20, quotes: 0, replies: 5, likes: 50 };
    expect(computeRawInfluence(s({ postsInWindow: 10, engagementsReceived: e })).raw).toBeLessThan(computeRawInfluence(s({ postsInWindow: 1, engagementsReceived: e })).raw);
  });

  it('bot-like followers and follow-for-follow discount reach', () => {
    expect(computeRawInfluence(s({ followers: 10000, botFollowerShare: 1 })).raw).toBeLessThan(computeRawInfluence(s({ followers: 10000 })).raw - 0.15);
    expect(followBackFactor(5000, 5000)).toBeLessThan(1);
    expect(followBackFactor(5000, 100)).toBe(1);
  });

  it('scores through a calibration are 1..100 and a given percentile means the same score every day', () => {
    const raws = Array.from({ length: 1000 }, (_, i) => computeRawInfluence(s({ followers: i * 10 })).raw);
    const cal = buildCalibration(raws);
    const top = computeInfluenceScore(s({ followers: 9990 }), (r) => percentileOnCalibration(r, cal));
    expect(top.score).toBeGreaterThanOrEqual(60);
    expect(top.score).toBeLessThanOrEqual(100);
    const p = populationPercentiles([3, 1, 2, 2]);
    expect(Array.from(p)).toEqual([0.875, 0.125, 0.5, 0.5]);
  });

  it('pairwise AUC: perfect, inverted and constant predictions', () => {
    expect(pairwiseAuc([3, 2, -1, -2], [1, 1, 0, 0])).toBe(1);
    expect(pairwiseAuc([-3, -2, 1, 2], [1, 1, 0, 0])).toBe(0);
    expect(pairwiseAuc([0, 0, 0, 0], [1, 0, 1, 0])).toBe(0.5);
  });

  it('evaluates a (synthetic) PeerIndex-format file: the clearly bigger account wins', () => {
    const head = 'Choice,' + ['A', 'B'].flatMap((p) => ['follower_count', 'following_count', 'listed_count', 'mentions_received', 'retweets_received', 'mentions_sent', 'retweets_sent', 'posts', 'network_feature_1', 'network_feature_2', 'network_feature_3'].map((c) => `${p}_${c}`)).join(',');
    const big = '50000,300,900,80,30,2,1,5,400,20,900';
    const small = '120,400,1,0.2,0.1,0.5,0.1,1,2,5,100';
    const csv = [head, `1,${big},${small}`, `0,${small},${big}`, `1,${big},${small}`, `0,${small},${big}`].join('\n');
    const r = evaluatePairwise(parsePeerIndexJudgments(csv));
    expect(r.pairs).toBe(4);
    expect(r.auc).toBe(1);
  });
});
