import { useState } from 'react';
import { areaPath, linePath, linearScale, niceTicks } from './chart-geometry.js';

export interface Series {
  name: string;
  colour: string;
  points: { date: string; value: number }[];
}

export interface Marker {
  date: string;
  label: string;
}

const W = 720;
const H = 240;
const PAD = { top: 16, right: 16, bottom: 28, left: 36 };

/**
 * Score history over time, several series on one axis, with vertical markers where the scoring model
 * changed (a jump on that day is the model, not the person). A table with the same data follows for
 * screen readers and keyboard users.
 */
export function LineChart({ series, markers = [], label, yDomain }: { series: Series[]; markers?: Marker[]; label: string; yDomain?: [number, number] }) {
  const [hover, setHover] = useState<number>();
  const dates = [...new Set(series.flatMap((s) => s.points.map((p) => p.date)).concat(markers.map((m) => m.date)))].sort();
  if (dates.length < 2) return <p className="muted">Not enough history yet to draw a chart.</p>;
  const t = (d: string) => Date.parse(d);
  const x = linearScale(t(dates[0]!), t(dates[dates.length - 1]!), PAD.left, W - PAD.right);
  const values = series.flatMap((s) => s.points.map((p) => p.value));
  const [lo, hi] = yDomain ?? [Math.min(...values), Math.max(...values)];
  const ticks = niceTicks(lo, hi, 4);
  const y = linearScale(Math.min(lo, ...ticks), Math.max(hi, ...ticks), H - PAD.bottom, PAD.top);
  const main = series[0];
  const hoverPoint = hover !== undefined && main ? main.points[hover] : undefined;
  const xLabels = [dates[0]!, dates[Math.floor(dates.length / 2)]!, dates[dates.length - 1]!];
  return (
    <figure style={{ margin: 0 }}>
      <svg className="chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label} onMouseLeave={() => setHover(undefined)}>
        {ticks.map((v) => (
          <g key={v}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} stroke="#e5e8ed" />
            <text x={PAD.left - 6} y={y(v) + 4} textAnchor="end">
              {v}
            </text>
          </g>
        ))}
        {xLabels.map((d, i) => (
          <text key={`${d}-${i}`} x={x(t(d))} y={H - 8} textAnchor={i === 0 ? 'start' : i === 2 ? 'end' : 'middle'}>
            {d.slice(0, 10)}
          </text>
        ))}
        {markers.map((m) => (
          <g key={`${m.date}-${m.label}`}>
            <line x1={x(t(m.date))} x2={x(t(m.date))} y1={PAD.top} y2={H - PAD.bottom} stroke="#8a5a00" strokeDasharray="4 3" />
            <text x={x(t(m.date)) + 4} y={PAD.top + 10} style={{ fill: '#8a5a00' }}>
              {m.label}
            </text>
          </g>
        ))}
        {series.map((s, si) => {
          const pts = s.points.map((p) => ({ x: x(t(p.date)), y: y(p.value) }));
          return (
            <g key={s.name}>
              {si === 0 && <path d={areaPath(pts, H - PAD.bottom)} fill={s.colour} opacity="0.07" />}
              <path d={linePath(pts)} fill="none" stroke={s.colour} strokeWidth={si === 0 ? 2.2 : 1.5} strokeLinejoin="round" />
            </g>
          );
        })}
        {main?.points.map((p, i) => (
          <rect key={p.date} x={x(t(p.date)) - 4} y={PAD.top} width={8} height={H - PAD.top - PAD.bottom} fill="transparent" onMouseEnter={() => setHover(i)} />
        ))}
        {hoverPoint && main && (
          <g pointerEvents="none">
            <circle cx={x(t(hoverPoint.date))} cy={y(hoverPoint.value)} r="4" fill={main.colour} />
            <text x={x(t(hoverPoint.date))} y={y(hoverPoint.value) - 10} textAnchor="middle" style={{ fill: '#1b1f24', fontWeight: 600 }}>
              {hoverPoint.value} · {hoverPoint.date.slice(0, 10)}
            </text>
          </g>
        )}
      </svg>
      <figcaption className="legend">
        {series.map((s) => (
          <span key={s.name}>
            <span className="swatch" style={{ background: s.colour }} />
            {s.name}
          </span>
        ))}
        {markers.length > 0 && (
          <span>
            <span className="swatch" style={{ background: '#8a5a00' }} />
            model version change
          </span>
        )}
      </figcaption>
    </figure>
  );
}
