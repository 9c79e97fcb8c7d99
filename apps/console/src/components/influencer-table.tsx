import type { ReactNode } from 'react';
import { formatCompact, formatPercent } from '../format.js';
import type { InfluencerRowFragment } from '../graphql/generated.js';
import { AccountName, ScoreBadge } from './account-name.js';
import { DataTable, type Column } from './data-table.js';
import { ScoreTrend } from './score-trend.js';

export type InfluencerRow = InfluencerRowFragment;

export const influencerName = (i: InfluencerRow) => i.account.displayName || (i.account.handle ? `@${i.account.handle}` : `account ${i.accountId}`);

/** Topic chips: the topics the search was about first, else the account's own strongest ones. */
export function TopicChips({ row, max = 3 }: { row: InfluencerRow; max?: number }) {
  const topics = (row.topicScores.length ? row.topicScores : row.topTopics).slice(0, max);
  if (!topics.length) return <span className="muted small">–</span>;
  return (
    <span className="chips">
      {topics.map((t) => (
        <span key={t.topic.id} className="chip topic" title={`Influence in ${t.topic.name}: ${t.score}`} aria-label={`${t.topic.name}, topic score ${t.score}`}>
          {t.topic.name} <strong>{t.score}</strong>
        </span>
      ))}
    </span>
  );
}

/**
 * Influencers as search shows them (Discover, a shortlist, lookalikes): score badge, trend, topic chips,
 * followers, engagement, audience quality and the why-line. `select` adds a checkbox column; `extra`
 * appends screen-specific columns (a note, an action).
 */
export function InfluencerTable<T>({ rows, row, label, select, extra = [], rank }: { rows: readonly T[]; row: (item: T) => InfluencerRow; label: string; select?: { selected: Set<string>; toggle: (accountId: string) => void }; extra?: Column<T>[]; rank?: (item: T, index: number) => ReactNode }) {
  const index = new Map(rows.map((r, i) => [r, i]));
  const columns: (Column<T> | false)[] = [
    !!select && {
      label: 'Select',
      cell: (item) => {
        const i = row(item);
        return <input type="checkbox" aria-label={`Select ${influencerName(i)}`} checked={select.selected.has(i.accountId)} onChange={() => select.toggle(i.accountId)} />;
      },
    },
    !!rank && { header: '#', num: true, cell: (item) => rank(item, index.get(item) ?? 0) },
    {
      header: 'Influencer and why',
      cell: (item) => {
        const i = row(item);
        return (
          <span style={{ display: 'grid', gap: 4 }}>
            <AccountName account={{ ...i.account, displayName: i.account.displayName ?? i.person?.displayName }} />
            {i.accounts.length > 1 && <span className="small muted">+ {i.accounts.filter((a) => a.id !== i.accountId).map((a) => `${a.platform}`).join(', ')}</span>}
            <span className="why">{i.why}</span>
          </span>
        );
      },
    },
    { header: 'Score', num: true, cell: (item) => <ScoreBadge score={row(item).score} label="Score" /> },
    { header: '30 days', cell: (item) => <ScoreTrend accountId={row(item).accountId} name={influencerName(row(item))} /> },
    { header: 'Topics', cell: (item) => <TopicChips row={row(item)} /> },
    {
      header: 'Followers',
      num: true,
      cell: (item) => (
        <span style={{ display: 'grid' }}>
          <span>{formatCompact(row(item).followers ?? row(item).account.followers)}</span>
          <span className="small muted" title="Engagements per post over followers">
            {formatPercent(row(item).engagementRate, 1)} eng.
          </span>
        </span>
      ),
    },
    { header: 'Audience', num: true, cell: (item) => <ScoreBadge score={row(item).audienceQuality} label="Audience quality" /> },
    ...extra,
  ];
  return <DataTable rows={rows} rowKey={(item) => row(item).accountId} label={label} columns={columns} rowLabel={(item) => influencerName(row(item))} />;
}
