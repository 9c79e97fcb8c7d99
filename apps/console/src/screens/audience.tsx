import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ActionButton, Notice } from '../components/action-button.js';
import { AccountName, ScoreBadge } from '../components/account-name.js';
import { DataTable } from '../components/data-table.js';
import { Field, formValues } from '../components/field.js';
import { OneTimeSecret } from '../components/one-time-secret.js';
import { Pager } from '../components/pager.js';
import { EmptyState, ErrorState, FormError, Loading, PageHeader, QueryResult } from '../components/states.js';
import { formatCompact, formatDate, formatDateTime, formatPercent } from '../format.js';
import { request } from '../graphql/client.js';
import {
  BrandAlertsDocument,
  RefreshWhoMattersToUsDocument,
  RemoveBrandAlertWebhookDocument,
  SetBrandAlertWebhookDocument,
  UpdateBrandAlertSettingsDocument,
  WhoMattersToUsDocument,
  type BrandAudienceRelationship,
  type BrandDigestPeriod,
  type WhoMattersToUsQuery,
} from '../graphql/generated.js';
import { useMutation, useQuery } from '../graphql/use-query.js';
import { canManage, useViewer } from '../session.js';

type Member = WhoMattersToUsQuery['whoMattersToUs']['members'][number];
const PAGE = 25;

export function Audience() {
  return (
    <div className="page">
      <PageHeader title="Audience" description="Who matters to us: the people around your brand's own accounts, ranked by their influence on your audience, and alerts when one of them speaks up." />
      <WhoMatters />
      <Alerts />
    </div>
  );
}

function WhoMatters() {
  const [relationship, setRelationship] = useState<BrandAudienceRelationship | ''>('');
  // Cursors of the pages seen so far: "Previous" goes back without the server keeping state.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const after = cursors[cursors.length - 1] ?? null;
  const q = useQuery(() => request(WhoMattersToUsDocument, { first: PAGE, after, relationship: relationship || null }).then((d) => d.whoMattersToUs), [relationship, after]);
  const refresh = useMutation(() => request(RefreshWhoMattersToUsDocument));
  const [queued, setQueued] = useState(false);
  const w = q.data;
  return (
    <section className="card" aria-labelledby="who-heading">
      <div className="card-header">
        <h2 id="who-heading">Who matters to us</h2>
        <div className="row">
          <div className="field" style={{ minWidth: 200 }}>
            <label htmlFor="relationship">Relationship</label>
            <select
              id="relationship"
              value={relationship}
              onChange={(e) => {
                setRelationship(e.target.value as BrandAudienceRelationship | '');
                setCursors([null]);
              }}
            >
              <option value="">Everyone</option>
              <option value="follows">Follows you</option>
              <option value="mentions">Mentioned you</option>
              <option value="engages">Engaged with your posts</option>
            </select>
          </div>
          <button
            type="button"
            className="btn"
            style={{ alignSelf: 'end' }}
            disabled={refresh.pending}
            onClick={async () => {
              if (await refresh.run()) setQueued(true);
            }}
          >
            Recompute now
          </button>
        </div>
      </div>
      <FormError error={refresh.error} />
      <Notice>{queued && 'Recomputation queued: the ranking updates in a minute or so. Refresh the page to see it.'}</Notice>
      {q.error ? (
        <ErrorState error={q.error} retry={q.reload} title='"Who matters to us" could not be loaded' />
      ) : !w ? (
        <Loading label="Ranking your audience…" />
      ) : w.status === 'NO_ACCOUNTS' ? (
        <EmptyState title="Register your brand's accounts first" action={<Link className="btn primary" to="/settings">Add your accounts in Settings</Link>}>
          Renown ranks the people who follow, mention or engage with the brand's own social accounts.
        </EmptyState>
      ) : w.status === 'PENDING' ? (
        <EmptyState title="The first ranking is being computed">This takes a minute after an account is added. Refresh to see it.</EmptyState>
      ) : w.members.length === 0 ? (
        <EmptyState title={relationship ? 'Nobody with this relationship yet' : 'No audience yet'}>Renown has seen nobody follow, mention or engage with your accounts{relationship ? ' in this way' : ''}.</EmptyState>
      ) : (
        <>
          <p className="small muted">
            {w.totalCount} of {w.audienceSize} people{w.computedAt ? ` · ranked ${formatDateTime(w.computedAt)}` : ''} · {w.method}
            {w.truncated ? ' Only the most active part of a very large audience was ranked.' : ''}
          </p>
          <DataTable
            rows={w.members}
            rowKey={(m) => m.account.id}
            label="Who matters to us"
            columns={[
              { header: '#', num: true, cell: (m: Member) => m.relativeRank },
              { header: 'Account', cell: (m) => <AccountName account={m.account} /> },
              { header: 'For you', num: true, cell: (m) => <ScoreBadge score={m.relativeScore} label="Influence on your audience" /> },
              { header: 'Global', num: true, cell: (m) => <ScoreBadge score={m.globalScore} label="Global Renown score" /> },
              { header: 'Share', num: true, cell: (m) => formatPercent(m.audienceShare, 1) },
              { header: 'Followers', num: true, cell: (m) => formatCompact(m.account.followersCount) },
              {
                header: 'Relationship',
                cell: (m) => (
                  <span className="chips">
                    {m.follows && <span className="badge accent">follows</span>}
                    {m.mentions > 0 && <span className="badge">{m.mentions} mentions</span>}
                    {m.engagedPosts > 0 && <span className="badge">engaged {m.engagedPosts}×</span>}
                  </span>
                ),
              },
              { header: 'Why', cell: (m) => <span className="why">{m.reason}</span> },
            ]}
          />
          <Pager page={cursors.length} hasPrevious={cursors.length > 1} hasNext={w.hasNextPage} loading={q.loading} onPrevious={() => setCursors((c) => c.slice(0, -1))} onNext={() => w.endCursor && setCursors((c) => [...c, w.endCursor!])} />
        </>
      )}
    </section>
  );
}

function Alerts() {
  const viewer = useViewer();
  const manager = canManage(viewer);
  const q = useQuery(() => request(BrandAlertsDocument));
  const update = useMutation((input: { enabled: boolean; minScore: number; digestPeriod: BrandDigestPeriod }) => request(UpdateBrandAlertSettingsDocument, { input }));
  const setHook = useMutation((url: string) => request(SetBrandAlertWebhookDocument, { url }));
  const removeHook = useMutation(() => request(RemoveBrandAlertWebhookDocument));
  const [saved, setSaved] = useState(false);
  const [secret, setSecret] = useState<string>();
  const settings = q.data?.brandAlertSettings;

  const save = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setSaved(false);
    const v = formValues(e.currentTarget);
    const res = await update.run({ enabled: v.enabled === 'on', minScore: Number(v.minScore), digestPeriod: v.digestPeriod as BrandDigestPeriod });
    if (res) {
      setSaved(true);
      await q.reload();
    }
  };
  const saveHook = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const res = await setHook.run(formValues(e.currentTarget).url!.trim());
    if (res) {
      setSecret(res.setBrandAlertWebhook.secret);
      await q.reload();
    }
  };

  return (
    <section className="card" aria-labelledby="alerts-heading">
      <div className="card-header">
        <h2 id="alerts-heading">Alerts</h2>
        <p>When an account at or above your threshold newly mentions or follows the brand: an email digest, and a signed webhook if you set one.</p>
      </div>
      <QueryResult state={q} errorTitle="Alert settings could not be loaded">
        {(data) => (
          <>
            <form onSubmit={save} key={settings?.updatedAt ?? 'new'}>
              <fieldset disabled={!manager}>
                <legend>Settings</legend>
                <label className="choice">
                  <input type="checkbox" name="enabled" defaultChecked={data.brandAlertSettings.enabled} />
                  <span>Send alerts</span>
                </label>
                <div className="inline-form">
                  <Field label="Minimum Renown score" name="minScore" type="number" min={1} max={100} step={1} required defaultValue={String(data.brandAlertSettings.minScore)} hint="1-100. 60 is the top 5% of accounts." />
                  <div className="field" style={{ flex: '0 1 200px' }}>
                    <label htmlFor="digest-period">Email digest</label>
                    <select id="digest-period" name="digestPeriod" defaultValue={data.brandAlertSettings.digestPeriod}>
                      <option value="hourly">At most hourly</option>
                      <option value="daily">Daily</option>
                    </select>
                  </div>
                  <button className="btn primary" type="submit" disabled={update.pending}>
                    Save alert settings
                  </button>
                </div>
                {!manager && <p className="small muted">Only owners and admins change alert settings.</p>}
              </fieldset>
            </form>
            <FormError error={update.error} />
            <Notice>{saved && 'Alert settings saved. They apply to what happens from now on.'}</Notice>

            <form className="inline-form" onSubmit={saveHook}>
              <Field
                label="Webhook URL"
                name="url"
                type="url"
                required
                disabled={!manager}
                placeholder="https://example.com/renown-alerts"
                defaultValue={data.brandAlertSettings.webhookUrl ?? ''}
                hint={
                  data.brandAlertSettings.webhookUrl ? (
                    <>
                      Signed with the secret starting <code>{data.brandAlertSettings.webhookSecretHint}</code> (header <code>Renown-Signature</code>, HMAC-SHA256 of timestamp.body). Saving again makes a new secret.
                    </>
                  ) : (
                    'Each alert is POSTed as JSON, signed with a secret shown once when you save.'
                  )
                }
              />
              <button className="btn" type="submit" disabled={!manager || setHook.pending}>
                {data.brandAlertSettings.webhookUrl ? 'Save and make a new secret' : 'Save webhook'}
              </button>
              {data.brandAlertSettings.webhookUrl && manager && (
                <ActionButton run={() => removeHook.run()} after={q.reload} confirm="Remove the webhook? Alerts keep going out by email.">
                  Remove webhook
                </ActionButton>
              )}
            </form>
            <FormError error={setHook.error ?? removeHook.error} />
            {secret && <OneTimeSecret title="Copy the webhook signing secret now." secret={secret} label="Webhook signing secret" onDismiss={() => setSecret(undefined)} testId="webhook-secret" />}

            <h3>Recent alerts</h3>
            {data.brandAlerts.length === 0 ? (
              <EmptyState title="No alerts yet">They appear here when an account above your threshold mentions or follows the brand.</EmptyState>
            ) : (
              <DataTable
                rows={data.brandAlerts}
                rowKey={(a) => a.id}
                label="Recent alerts"
                columns={[
                  { header: 'When', cell: (a) => formatDateTime(a.occurredAt ?? a.detectedAt) },
                  { header: 'Account', cell: (a) => <AccountName account={a.account} /> },
                  { header: 'What', cell: (a) => `${a.type === 'follow' ? 'followed' : 'mentioned'} ${a.brandAccountHandle ? `@${a.brandAccountHandle}` : 'the brand'}` },
                  { header: 'Score', num: true, cell: (a) => <ScoreBadge score={a.score} /> },
                  { header: 'Email', cell: (a) => (a.digestedAt ? `sent ${formatDate(a.digestedAt)}` : <span className="badge">next digest</span>) },
                  { header: 'Webhook', cell: (a) => (a.webhookStatus ? <span className={`badge ${a.webhookStatus === 'delivered' ? 'ok' : a.webhookStatus === 'failed' ? 'danger' : ''}`}>{a.webhookStatus}</span> : '–') },
                ]}
              />
            )}
          </>
        )}
      </QueryResult>
    </section>
  );
}
