import { funnelRates } from './chart-geometry.js';

export interface FunnelStage {
  label: string;
  count: number;
}

/** Horizontal funnel: each stage's bar is its share of the first stage, with the step conversion beside it. */
export function FunnelChart({ stages, label }: { stages: FunnelStage[]; label: string }) {
  const rates = funnelRates(stages.map((s) => s.count));
  const pct = (v: number) => `${Math.round(v * 100)}%`;
  return (
    <div role="group" aria-label={label} style={{ display: 'grid', gap: 10 }}>
      {stages.map((s, i) => (
        <div key={s.label} style={{ display: 'grid', gridTemplateColumns: '110px 1fr 170px', gap: 12, alignItems: 'center' }}>
          <span style={{ fontWeight: 550 }}>{s.label}</span>
          <svg viewBox="0 0 100 14" preserveAspectRatio="none" height="22" width="100%" aria-hidden="true">
            <rect x="0" y="0" width="100" height="14" rx="2" fill="#eef0f3" />
            <rect x="0" y="0" width={Math.max(rates[i]!.fromFirst * 100, s.count > 0 ? 1 : 0)} height="14" rx="2" fill={i === 0 ? '#3b5bdb' : `hsl(${228 - i * 18} 62% ${50 + i * 4}%)`} />
          </svg>
          <span className="small" style={{ fontVariantNumeric: 'tabular-nums' }}>
            <strong>{s.count}</strong>
            {i > 0 && <span className="muted"> · {pct(rates[i]!.fromPrevious)} of previous</span>}
          </span>
        </div>
      ))}
    </div>
  );
}
