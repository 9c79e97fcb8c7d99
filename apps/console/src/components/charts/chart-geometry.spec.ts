import { areaPath, funnelRates, linePath, linearScale, niceTicks } from './chart-geometry.js';

describe('chart geometry', () => {
  it('scales linearly and maps a flat domain to the middle', () => {
    const s = linearScale(0, 100, 200, 0);
    expect(s(0)).toBe(200);
    expect(s(50)).toBe(100);
    expect(s(100)).toBe(0);
    expect(linearScale(5, 5, 0, 10)(5)).toBe(5);
  });

  it('draws line and area paths', () => {
    const pts = [{ x: 0, y: 10 }, { x: 5.04, y: 2.26 }];
    expect(linePath(pts)).toBe('M0 10 L5 2.3');
    expect(areaPath(pts, 20)).toBe('M0 10 L5 2.3 L5 20 L0 20 Z');
    expect(areaPath([], 20)).toBe('');
  });

  it('picks round ticks', () => {
    expect(niceTicks(0, 100, 4)).toEqual([0, 25, 50, 75, 100]);
    expect(niceTicks(12, 87, 4)).toEqual([20, 40, 60, 80]);
    expect(niceTicks(3, 3)).toEqual([3]);
  });

  it('computes funnel conversion without dividing by zero', () => {
    expect(funnelRates([10, 5, 2, 0])).toEqual([
      { fromPrevious: 1, fromFirst: 1 },
      { fromPrevious: 0.5, fromFirst: 0.5 },
      { fromPrevious: 0.4, fromFirst: 0.2 },
      { fromPrevious: 0, fromFirst: 0 },
    ]);
    expect(funnelRates([0, 0])).toEqual([
      { fromPrevious: 0, fromFirst: 0 },
      { fromPrevious: 0, fromFirst: 0 },
    ]);
  });
});
