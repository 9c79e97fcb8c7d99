// Pure geometry for the console's small SVG charts (no chart library: nothing to load, nothing from a CDN).

export interface Point {
  x: number;
  y: number;
}

/** Maps a value in [d0, d1] linearly onto [r0, r1]; a flat domain maps to the middle of the range. */
export function linearScale(d0: number, d1: number, r0: number, r1: number): (v: number) => number {
  if (d1 === d0) return () => (r0 + r1) / 2;
  const k = (r1 - r0) / (d1 - d0);
  return (v) => r0 + (v - d0) * k;
}

/** An SVG path through the points ("M x y L x y ..."), rounded to 0.1 px to keep the markup small. */
export function linePath(points: Point[]): string {
  return points.map((p, i) => `${i === 0 ? 'M' : 'L'}${round(p.x)} ${round(p.y)}`).join(' ');
}

/** A closed area path under a line, down to the baseline y. */
export function areaPath(points: Point[], baseline: number): string {
  if (!points.length) return '';
  const first = points[0]!;
  const last = points[points.length - 1]!;
  return `${linePath(points)} L${round(last.x)} ${round(baseline)} L${round(first.x)} ${round(baseline)} Z`;
}

/** Round, readable tick values covering [min, max] (about `count` of them). */
export function niceTicks(min: number, max: number, count = 4): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (min === max) return [min];
  const raw = (max - min) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) ticks.push(Number(v.toFixed(10)));
  return ticks;
}

/** Conversion of each funnel stage from the previous one and from the first, as fractions (0 when undefined). */
export function funnelRates(counts: number[]): { fromPrevious: number; fromFirst: number }[] {
  const first = counts[0] ?? 0;
  return counts.map((c, i) => {
    const prev = i === 0 ? c : counts[i - 1]!;
    return { fromPrevious: prev > 0 ? c / prev : 0, fromFirst: first > 0 ? c / first : 0 };
  });
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}
