import { scoreBand } from './score-band.js';

describe('scoreBand', () => {
  it('puts a score in its ten-point band', () => {
    expect(scoreBand(42.7)).toBe('40-49');
    expect(scoreBand(40)).toBe('40-49');
    expect(scoreBand(49.99)).toBe('40-49');
    expect(scoreBand(50)).toBe('50-59');
  });

  it('has a first band from 1 and a last band that includes 100', () => {
    expect(scoreBand(1)).toBe('1-9');
    expect(scoreBand(9.9)).toBe('1-9');
    expect(scoreBand(90)).toBe('90-100');
    expect(scoreBand(100)).toBe('90-100');
  });

  it('refuses what is not a number', () => {
    expect(() => scoreBand(Number.NaN)).toThrow(RangeError);
  });
});
