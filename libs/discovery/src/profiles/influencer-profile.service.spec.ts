import { followerGrowth, profileScore } from './influencer-profile.service.js';

const day = (d: number) => new Date(Date.UTC(2026, 9, 1) + d * 86_400_000);

describe('profile assembly', () => {
  it('follower growth: each step has its change; a jump is a spike and a purge a drop, by the job rule', () => {
    const g = followerGrowth(
      '7',
      [
        { observedAt: day(0), followers: 10_000 },
        { observedAt: day(1), followers: 10_020 },
        { observedAt: day(2), followers: 14_000 },
        { observedAt: day(3), followers: 14_010 },
        { observedAt: day(4), followers: 11_000 },
      ],
      0.001,
    );
    expect(g.points.map((p) => [p.change, p.anomaly])).toEqual([
      [null, null],
      [20, null],
      [3980, 'spike'],
      [10, null],
      [-3010, 'drop'],
    ]);
    expect(g.anomalies).toBe(2);
  });

  it('the same jump spread over weeks is growth, not an anomaly', () => {
    const g = followerGrowth('7', [{ observedAt: day(0), followers: 10_000 }, { observedAt: day(60), followers: 14_000 }], 0.001);
    expect(g.anomalies).toBe(0);
  });

  it('score history marks the first point of a new model version', () => {
    const row = (d: string, v: string) => ({ accountId: '7', day: d, score: 50, percentile: 70, reach: 50, amplification: 50, network: 50, modelVersion: v });
    const s = profileScore(row('2026-10-03', 'v2'), [row('2026-10-01', 'v1'), row('2026-10-02', 'v2'), row('2026-10-03', 'v2')]);
    expect(s!.history.map((h) => h.modelChanged)).toEqual([false, true, false]);
    expect(profileScore(undefined, [])).toBeNull();
  });
});
