import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { LineChart } from '../components/charts/line-chart.js';
import { DataTable } from '../components/data-table.js';
import { EmptyState, ErrorState, Loading, BackLink, PageHeader } from '../components/states.js';
import { formatDate, formatDateTime, formatNumber } from '../format.js';
import { request } from '../graphql/client.js';
import { AccountProfileDocument, InfluencerProfileExtrasDocument, type AccountProfileQuery } from '../graphql/generated.js';
import { useQuery } from '../graphql/use-query.js';
import { AddToList } from './lists/add-to-list.js';
import { Lookalikes } from './lists/lookalikes.js';
import { AudienceQualityCard, FollowerGrowthCard, LinkedAccounts, NetworkBasis, TopEngagers, TopMedia } from './profile-extras.js';

type Influence = NonNullable<AccountProfileQuery['accountInfluence']>;
type Topics = AccountProfileQuery['accountTopics'];

const SIGNAL_LABELS: Record<string, string> = {};
const round = (v: number) => Math.round(v);
/** "Top 0.9%" from a percentile given as a fraction (0.991) or a percentage (99.1). */
const topShare = (p: number) => {
  const top = 100 - (p <= 1 ? p * 100 : p);
  return `${Math.max(0.1, Math.round(top * 10) / 10)}%`;
};

/** Opens a profile by social account id (until discovery search lands, the way in besides campaign links). */
export function ProfileLookup() {
  const navigate = useNavigate();
  const [id, setId] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (/^\d+$/.test(id.trim())) navigate(`/accounts/${id.trim()}`);
  };
  return (
    <div className="page">
      <PageHeader title="Profiles" description="Score, sub-scores, history, topics with evidence and top posts of a social account." />
      <section className="card">
        <form className="inline-form" onSubmit={submit}>
          <div className="field">
            <label htmlFor="account-id">Social account id</label>
            <input id="account-id" inputMode="numeric" value={id} onChange={(e) => setId(e.target.value)} placeholder="e.g. 1042" />
          </div>
          <button className="btn primary" type="submit" disabled={!/^\d+$/.test(id.trim())}>
            Open profile
          </button>
        </form>
        <p className="small muted">
          Or find people by topic in <Link to="/discover">Discover</Link>.
        </p>
      </section>
    </div>
  );
}

export function Profile() {
  const { id = '' } = useParams();
  const q = useQuery(() => request(AccountProfileDocument, { accountId: id }), [id]);
  // What discovery adds (linked accounts, audience quality, follower growth, engagers): its own query, so a
  // failure there leaves the score and topics on screen.
  const extras = useQuery(() => request(InfluencerProfileExtrasDocument, { accountId: id }).then((d) => d.influencerProfile), [id]);
  const primary = extras.data?.accounts.find((a) => a.isPrimary);
  const title = primary ? primary.displayName || (primary.handle ? `@${primary.handle}` : `Account ${id}`) : `Account ${id}`;
  return (
    <div className="page">
      <BackLink to="/accounts">Profiles</BackLink>
      <PageHeader
        title={title}
        description={
          <>
            {primary && (
              <>
                {primary.handle && `@${primary.handle} · `}
                {primary.platform}
                {primary.location ? ` · ${primary.location}` : ''} ·{' '}
                {primary.lastFetchedAt ? `last fetched ${formatDateTime(primary.lastFetchedAt)}` : 'from an imported file'} ·{' '}
              </>
            )}
            Influence 1–100: 40 is the median account, 60 the top 5%, 80 the top 0.1%.
          </>
        }
      />
      {q.error?.code === 'NOT_FOUND' ? (
        <EmptyState title={`No account ${id}`}>Renown knows no social account with this id. Check the id, or find people from a campaign.</EmptyState>
      ) : q.error ? (
        <ErrorState error={q.error} retry={q.reload} title="This profile could not be loaded" />
      ) : !q.data ? (
        <Loading />
      ) : (
        <>
          {q.data.accountInfluence ? <Score influence={q.data.accountInfluence} /> : <EmptyState title="Not scored yet">This account has no influence score yet: it appears after the next scoring run that includes it.</EmptyState>}
          <section className="card" aria-labelledby="shortlist-heading">
            <h2 id="shortlist-heading">Shortlist</h2>
            <AddToList accountIds={[id]} />
          </section>
          {extras.error ? (
            <ErrorState error={extras.error} retry={extras.reload} title="Linked accounts, audience quality and follower growth could not be loaded" />
          ) : !extras.data ? (
            <Loading label="Loading audience quality and linked accounts…" />
          ) : (
            <>
              <NetworkBasis profile={extras.data} />
              <AudienceQualityCard profile={extras.data} />
              <LinkedAccounts profile={extras.data} />
              <FollowerGrowthCard profile={extras.data} />
            </>
          )}
          <TopicList topics={q.data.accountTopics} />
          {q.data.accountInfluence && <TopPosts influence={q.data.accountInfluence} />}
          {extras.data && <TopMedia profile={extras.data} />}
          {extras.data && <TopEngagers profile={extras.data} />}
          <Lookalikes accountId={id} name={title} />
        </>
      )}
    </div>
  );
}

function Score({ influence: i }: { influence: Influence }) {
  const markers = i.history.filter((p, idx) => p.modelChanged && idx > 0).map((p) => ({ date: p.day, label: p.modelVersion }));
  const delta = i.explanation.scoreDelta;
  return (
    <>
      <section className="card" aria-labelledby="score-heading">
        <div className="row" style={{ gap: 24, alignItems: 'center' }}>
          <span className="score big" aria-label={`Influence score ${round(i.score)}`}>
            {round(i.score)}
          </span>
          <div style={{ display: 'grid', gap: 4 }}>
            <h2 id="score-heading">Influence</h2>
            <span className="muted small">
              Top {topShare(i.percentile)} · as of {formatDate(i.day)} · model {i.modelVersion}
            </span>
            {delta !== null && delta !== undefined && (
              <span className={`badge ${Math.abs(delta) < 0.05 ? '' : delta > 0 ? 'ok' : 'danger'}`}>
                {Math.abs(delta) < 0.05 ? 'No change' : `${delta > 0 ? '▲' : '▼'} ${Math.abs(Math.round(delta * 10) / 10)}`} since the previous snapshot
                {i.explanation.modelChanged ? ' (new model version)' : ''}
              </span>
            )}
          </div>
          <div className="grid-3" style={{ flex: 1, minWidth: 280 }}>
            {(
              [
                ['Reach', i.subScores.reach],
                ['Amplification', i.subScores.amplification],
                ['Network', i.subScores.network],
              ] as const
            ).map(([label, v]) => (
              <div key={label} className="meter">
                <div className="row between small">
                  <span style={{ fontWeight: 550 }}>{label}</span>
                  <span>{round(v)}</span>
                </div>
                <div className="bar" role="meter" aria-label={label} aria-valuemin={1} aria-valuemax={100} aria-valuenow={round(v)}>
                  <span style={{ width: `${v}%` }} />
                </div>
              </div>
            ))}
          </div>
        </div>
      </section>
      <section className="card" aria-labelledby="history-heading">
        <div className="card-header">
          <h2 id="history-heading">Score history</h2>
          <p>Dashed lines mark a new scoring model: a jump there is the model, not the person.</p>
        </div>
        <LineChart label="Influence score by day" yDomain={[0, 100]} markers={markers} series={[{ name: 'Influence', colour: '#3b5bdb', points: i.history.map((p) => ({ date: p.day, value: round(p.score) })) }]} />
        {i.explanation.contributions.length > 0 && (
          <p className="small muted">
            What drives it:{' '}
            {i.explanation.contributions
              .slice(0, 4)
              .map((c) => `${SIGNAL_LABELS[c.signal] ?? c.signal.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/_/g, ' ').toLowerCase()} ${Math.round(c.share * 100)}%`)
              .join(' · ')}
          </p>
        )}
      </section>
    </>
  );
}

function TopicList({ topics }: { topics: Topics }) {
  return (
    <section className="card" aria-labelledby="topics-heading">
      <h2 id="topics-heading">Topics</h2>
      {topics.length === 0 ? (
        <EmptyState title="No topics yet">Topics come from what the account posts about, its bio and who engages with it.</EmptyState>
      ) : (
        <div style={{ display: 'grid', gap: 12 }}>
          {topics.map((t) => (
            <details key={t.topic.id} className="card" style={{ boxShadow: 'none', padding: 14 }}>
              <summary style={{ cursor: 'pointer', display: 'flex', gap: 10, alignItems: 'center', flexWrap: 'wrap' }}>
                <span className="chip">{t.topic.name}</span>
                {t.score !== null && t.score !== undefined && <span className="score">{t.score}</span>}
                <span className="small muted">
                  {t.postCount} posts · {t.engagerCount} engagers{t.endorsementCount ? ` · ${t.endorsementCount} endorsements` : ''}
                </span>
              </summary>
              <ul className="small" style={{ margin: '10px 0 0', paddingLeft: 18, display: 'grid', gap: 4 }}>
                {t.evidence.map((e, idx) => (
                  <li key={idx}>
                    <span className="badge">{e.kind}</span> {e.postText ?? e.detail ?? (e.accountHandle ? `@${e.accountHandle}` : '')}
                  </li>
                ))}
              </ul>
            </details>
          ))}
        </div>
      )}
    </section>
  );
}

function TopPosts({ influence: i }: { influence: Influence }) {
  const posts = i.explanation.topPosts;
  return (
    <section className="card" aria-labelledby="posts-heading">
      <h2 id="posts-heading">Top posts</h2>
      {posts.length === 0 ? (
        <EmptyState title="No engaged posts in the window" />
      ) : (
        <DataTable
          rows={posts}
          rowKey={(p) => p.postId}
          label="Top posts"
          columns={[
            { header: 'Post', cell: (p) => <span style={{ display: 'block', maxWidth: 640 }}>{p.text ?? <span className="muted">post {p.postId}</span>}</span> },
            { header: 'Posted', cell: (p) => formatDate(p.postedAt) },
            { header: 'Engagements', num: true, cell: (p) => formatNumber(p.engagements) },
          ]}
        />
      )}
    </section>
  );
}
