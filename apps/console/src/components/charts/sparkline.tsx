import { areaPath, linePath, linearScale } from './chart-geometry.js';

/** A small score trend for tables: the last value is dotted; the label says the trend for screen readers. */
export function Sparkline({ values, width = 96, height = 28, label }: { values: number[]; width?: number; height?: number; label: string }) {
  if (values.length < 2) return <span className="muted small">–</span>;
  const min = Math.min(...values);
  const max = Math.max(...values);
  const x = linearScale(0, values.length - 1, 2, width - 4);
  const y = linearScale(min, max, height - 3, 3);
  const pts = values.map((v, i) => ({ x: x(i), y: y(v) }));
  const last = pts[pts.length - 1]!;
  const up = values[values.length - 1]! >= values[0]!;
  const colour = up ? '#1f7a3a' : '#b42318';
  return (
    <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label}>
      <path d={areaPath(pts, height)} fill={colour} opacity="0.08" />
      <path d={linePath(pts)} fill="none" stroke={colour} strokeWidth="1.6" strokeLinejoin="round" />
      <circle cx={last.x} cy={last.y} r="2.4" fill={colour} />
    </svg>
  );
}
