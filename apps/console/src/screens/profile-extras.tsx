import { LineChart } from '../components/charts/line-chart.js';
import { AccountName, ScoreBadge } from '../components/account-name.js';
import { DataTable } from '../components/data-table.js';
import { EmptyState } from '../components/states.js';
import { formatCompact, formatDate, formatDateTime, formatNumber, formatPercent } from '../format.js';
import type { InfluencerProfileExtrasQuery } from '../graphql/generated.js';

export type ProfileExtras = InfluencerProfileExtrasQuery['influencerProfile'];

/** The person behind the account and all their linked accounts. */
export function LinkedAccounts({ profile: p }: { profile: ProfileExtras }) {
  return (
    <section className="card" aria-labelledby="linked-heading">
      <div className="card-header">
        <h2 id="linked-heading">Linked accounts</h2>
        {p.person && (
          <p>
            {p.person.displayName ?? 'This person'} across {p.accounts.length} account{p.accounts.length === 1 ? '' : 's'}
            {p.person.score != null && <> · person score <ScoreBadge score={p.person.score} label="Person score" /></>}
          </p>
        )}
      </div>
      <DataTable
        rows={p.accounts}
        rowKey={(a) => a.id}
        label="Linked accounts"
        columns={[
          { header: 'Account', cell: (a) => <>{a.isPrimary ? <AccountName account={a} link={false} /> : <AccountName account={a} />} {a.verified && <span className="badge accent">verified</span>}</> },
          { header: 'Bio', cell: (a) => <span className="why">{a.bio ?? '–'}</span> },
          { header: 'Followers', num: true, cell: (a) => <span title={a.followersLabel}>{formatCompact(a.followers)}{a.followersLabel !== 'followers' ? ` ${a.followersLabel}` : ''}</span> },
          { header: 'Score', num: true, cell: (a) => <ScoreBadge score={a.score} label="Account score" /> },
          { header: 'Audience', num: true, cell: (a) => <ScoreBadge score={a.audienceQuality} label="Audience quality" /> },
          { header: 'Last fetched', cell: (a) => (a.lastFetchedAt ? formatDateTime(a.lastFetchedAt) : <span className="muted" title="Only imported from a file; no crawl, look-up or refresh has read it from its network">from a file</span>) },
        ]}
      />
    </section>
  );
}

/** Audience quality 1-100 and what it is made of, each part against accounts of a similar size. */
export function AudienceQualityCard({ profile: p }: { profile: ProfileExtras }) {
  const q = p.audienceQuality;
  return (
    <section className="card" aria-labelledby="aq-heading">
      <div className="card-header">
        <h2 id="aq-heading">Audience quality</h2>
        {q && (
          <p>
            {q.sizeBand} accounts · sample of {formatNumber(q.sampleSize)} · {q.confidence} confidence · {q.modelVersion}, {formatDate(q.computedAt)}
          </p>
        )}
      </div>
      {primaryOf(p)?.audienceQualityNote && (
        <p className="small" data-testid="audience-quality-note">
          {primaryOf(p)!.audienceQualityNote}
        </p>
      )}
      {!q ? (
        primaryOf(p)?.platform === 'instagram' ? null : <EmptyState title="Not computed yet">Audience quality is computed after each scoring run.</EmptyState>
      ) : (
        <div className="row" style={{ gap: 24, alignItems: 'flex-start' }}>
          <span className="score big" aria-label={`Audience quality ${q.score}`}>
            {q.score}
          </span>
          <div className="breakdown" style={{ flex: 1 }}>
            {q.parts.map((part) => {
              const v = Math.round(part.quality * 100);
              return (
                <div key={part.key} className="meter">
                  <div className="row between small">
                    <span style={{ fontWeight: 550 }}>{part.label}</span>
                    <span>{v}</span>
                  </div>
                  <div className="bar" role="meter" aria-label={part.label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={v}>
                    <span style={{ width: `${Math.max(2, v)}%` }} />
                  </div>
                  <span className="small muted">{part.explanation}</span>
                </div>
              );
            })}
          </div>
        </div>
      )}
    </section>
  );
}

/** Followers over time; jumps (bought followers arrive in blocks) and purges are marked on the chart. */
export function FollowerGrowthCard({ profile: p }: { profile: ProfileExtras }) {
  const g = p.followerGrowth;
  const day = (iso: string) => iso.slice(0, 10);
  const markers = g.points.filter((pt) => pt.anomaly).map((pt) => ({ date: day(pt.observedAt), label: pt.anomaly === 'SPIKE' ? 'spike' : 'drop' }));
  return (
    <section className="card" aria-labelledby="growth-heading">
      <div className="card-header">
        <h2 id="growth-heading">Follower growth</h2>
        <p>{g.anomalies ? `${g.anomalies} anomal${g.anomalies === 1 ? 'y' : 'ies'} marked: a jump can be bought followers, a drop a purge.` : 'No anomalies.'}</p>
      </div>
      {g.points.length < 2 ? (
        <EmptyState title="Not enough observations yet">Follower counts are recorded at each import.</EmptyState>
      ) : (
        <LineChart label="Followers over time" markers={markers} series={[{ name: 'Followers', colour: '#1f7a3a', points: g.points.map((pt) => ({ date: day(pt.observedAt), value: pt.followers })) }]} />
      )}
    </section>
  );
}

const primaryOf = (p: ProfileExtras) => p.accounts.find((a) => a.isPrimary);

/** What the score is made of on the account's network, and its network facts (YouTube views, Instagram website). */
export function NetworkBasis({ profile: p }: { profile: ProfileExtras }) {
  const a = primaryOf(p);
  if (!a) return null;
  return (
    <p className="small muted" data-testid="score-basis">
      {a.scoreBasis}
      {a.totalViews != null && ` ${formatNumber(a.totalViews)} channel views in all.`}
      {a.website && (
        <>
          {' '}
          Website: <a href={a.website} rel="noreferrer nofollow" target="_blank">{a.website}</a>
        </>
      )}
    </p>
  );
}

const KIND_LABEL: Record<string, string> = { video: 'Video', short: 'Short', reel: 'Reel', image: 'Image', carousel: 'Carousel' };

/** YouTube and Instagram: the most engaged videos or media of the window, with views and engagement rate per post. */
export function TopMedia({ profile: p }: { profile: ProfileExtras }) {
  const a = primaryOf(p);
  if (!a || (a.platform !== 'youtube' && a.platform !== 'instagram')) return null;
  const title = a.platform === 'youtube' ? 'Top videos' : 'Top media';
  return (
    <section className="card" aria-labelledby="media-heading">
      <div className="card-header">
        <h2 id="media-heading">{title}</h2>
        <p>{a.platform === 'youtube' ? 'Engagement rate per video: (likes + comments) / views.' : "Engagement rate per post: (likes + comments) / followers; Instagram counts no views here."}</p>
      </div>
      {p.topPosts.length === 0 ? (
        <EmptyState title="No posts in the last 90 days" />
      ) : (
        <DataTable
          rows={p.topPosts}
          rowKey={(m) => m.postId}
          label={title}
          columns={[
            { header: 'Post', cell: (m) => (m.url ? <a href={m.url} rel="noreferrer" target="_blank">{m.text?.split('\n')[0] || m.url}</a> : (m.text ?? '–')) },
            { header: 'Kind', cell: (m) => (m.kind ? (KIND_LABEL[m.kind] ?? m.kind) : '–') },
            ...(a.platform === 'youtube' ? [{ header: 'Views', num: true, cell: (m: (typeof p.topPosts)[number]) => formatCompact(m.views) }] : []),
            { header: 'Likes', num: true, cell: (m) => formatCompact(m.likes) },
            { header: 'Comments', num: true, cell: (m) => formatCompact(m.replies) },
            { header: 'Engagement rate', num: true, cell: (m) => <span title={m.engagementBasis ? `of ${m.engagementBasis}` : undefined}>{formatPercent(m.engagementRate, 1)}</span> },
            { header: 'Posted', cell: (m) => formatDate(m.postedAt) },
          ]}
        />
      )}
    </section>
  );
}

export function TopEngagers({ profile: p }: { profile: ProfileExtras }) {
  return (
    <section className="card" aria-labelledby="engagers-heading">
      <h2 id="engagers-heading">Top engagers</h2>
      {p.topEngagers.length === 0 ? (
        <EmptyState title="No engagers seen yet" />
      ) : (
        <DataTable
          rows={p.topEngagers}
          rowKey={(e) => e.accountId}
          label="Top engagers"
          columns={[
            { header: 'Account', cell: (e) => <AccountName account={{ id: e.accountId, platform: e.platform, handle: e.handle, displayName: e.displayName }} /> },
            { header: 'Engagements', num: true, cell: (e) => formatNumber(e.engagements) },
            { header: 'Score', num: true, cell: (e) => <ScoreBadge score={e.score} label="Engager score" /> },
            { header: 'Last', cell: (e) => formatDateTime(e.lastEngagedAt) },
          ]}
        />
      )}
    </section>
  );
}
