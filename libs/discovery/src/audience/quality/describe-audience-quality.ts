import type { AudienceBreakdown } from './compute-audience-quality.js';

export interface AudienceQualityPartView {
  key: 'suspiciousFollowers' | 'massFollowers' | 'suspiciousEngagers' | 'engagementAuthenticity' | 'growthAnomalies';
  label: string;
  value: number | null;
  benchmark: number | null;
  quality: number;
  explanation: string;
}

const pct = (x: number | null) => (x === null ? 'n/a' : `${Math.round(x * 100)}%`);

/** The stored breakdown as parts a person can read: value, what is normal for the size band, one sentence. */
export function describeAudienceQuality(b: AudienceBreakdown): AudienceQualityPartView[] {
  const band = b.band.label;
  const f = b.followers;
  const e = b.engagers;
  const a = b.authenticity;
  const g = b.growth;
  return [
    {
      key: 'suspiciousFollowers',
      label: 'Suspicious followers',
      value: f.suspiciousShare,
      benchmark: f.benchmarkSuspiciousShare,
      quality: f.quality ?? 1,
      explanation:
        f.sampled === 0
          ? 'No followers observed yet.'
          : `${f.suspicious} of ${f.sampled} observed followers look like bots (new, no posts, following thousands); typical for ${band}: ${pct(f.benchmarkSuspiciousShare)}.`,
    },
    {
      key: 'massFollowers',
      label: 'Mass-following followers',
      value: f.massShare,
      benchmark: f.benchmarkMassShare,
      quality: f.quality ?? 1,
      explanation:
        f.sampled === 0
          ? 'No followers observed yet.'
          : `${f.massFollowing} of ${f.sampled} observed followers follow 1,500+ accounts and rarely see any one post; typical for ${band}: ${pct(f.benchmarkMassShare)}.`,
    },
    {
      key: 'suspiciousEngagers',
      label: 'Suspicious engagers',
      value: e.suspiciousShare,
      benchmark: e.benchmarkSuspiciousShare,
      quality: e.quality ?? 1,
      explanation:
        e.sampled === 0
          ? 'Nobody engaged in the last 90 days.'
          : `${e.suspicious} of ${e.sampled} accounts that engaged in the last 90 days look like bots; typical for ${band}: ${pct(e.benchmarkSuspiciousShare)}.`,
    },
    {
      key: 'engagementAuthenticity',
      label: 'Engagement authenticity',
      value: a.value,
      benchmark: a.benchmark,
      quality: a.quality ?? 1,
      explanation:
        a.value === null
          ? 'No engagement in the last 90 days.'
          : `${pct(a.value)} of the engagement comes from accounts this account does not engage back (engagement traded within a circle is what rings do); typical for ${band}: ${pct(a.benchmark)}.`,
    },
    {
      key: 'growthAnomalies',
      label: 'Follower growth anomalies',
      value: g.spikes + g.drops,
      benchmark: null,
      quality: g.quality ?? 1,
      explanation:
        g.spikes + g.drops === 0
          ? 'Follower growth looks steady.'
          : `${g.spikes} sudden follower jump(s) and ${g.drops} sudden loss(es) in 180 days, far above normal growth for ${band}.`,
    },
  ];
}
