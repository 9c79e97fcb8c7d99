import { computeScoreDeltas } from './score-deltas.js';

describe('computeScoreDeltas', () => {
  it('compares with the day before, a week before and a month before', () => {
    const history = [
      { day: '2026-10-22', score: 40 },
      { day: '2026-11-14', score: 47.5 },
      { day: '2026-11-20', score: 50.25 },
      { day: '2026-11-21', score: 51 },
    ];
    expect(computeScoreDeltas(history, '2026-11-21')).toEqual({ dayChange: 0.75, weekChange: 3.5, monthChange: 11 });
  });

  it('uses the latest scored day when the exact day was skipped, within twice the span', () => {
    const history = [
      { day: '2026-11-10', score: 30 }, // 11 days before: inside the 7..13 week range
      { day: '2026-11-21', score: 35 },
    ];
    expect(computeScoreDeltas(history, '2026-11-21')).toEqual({ dayChange: null, weekChange: 5, monthChange: null });
  });

  it('has no change to report when the comparison day is too old or missing', () => {
    const history = [
      { day: '2026-08-01', score: 10 },
      { day: '2026-11-21', score: 60 },
    ];
    expect(computeScoreDeltas(history, '2026-11-21')).toEqual({ dayChange: null, weekChange: null, monthChange: null });
  });

  it('reports negative changes as negative numbers', () => {
    const history = [
      { day: '2026-11-20', score: 60 },
      { day: '2026-11-21', score: 58.4 },
    ];
    expect(computeScoreDeltas(history, '2026-11-21').dayChange).toBe(-1.6);
  });

  it('has nothing when the current day itself is not in the history', () => {
    expect(computeScoreDeltas([{ day: '2026-11-20', score: 60 }], '2026-11-21')).toEqual({ dayChange: null, weekChange: null, monthChange: null });
  });
});
