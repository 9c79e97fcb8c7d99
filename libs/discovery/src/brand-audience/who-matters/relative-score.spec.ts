import { relativeScores } from './relative-score.js';

describe('relativeScores', () => {
  it('maps the largest rank to 100 and the smallest to 1 on a log scale', () => {
    expect(relativeScores([0.1, 0.01, 0.001])).toEqual([100, 50.5, 1]);
  });
  it('gives 100 to everyone when all are equal and 1 to zero ranks', () => {
    expect(relativeScores([0.2, 0.2])).toEqual([100, 100]);
    expect(relativeScores([0.2, 0])).toEqual([100, 1]);
    expect(relativeScores([])).toEqual([]);
  });
});
