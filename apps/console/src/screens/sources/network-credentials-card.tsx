import { useId, useState, type FormEvent } from 'react';
import { ActionButton } from '../../components/action-button.js';
import { Field, formValues } from '../../components/field.js';
import { FormError, QueryResult } from '../../components/states.js';
import { formatDateTime, formatNumber } from '../../format.js';
import { request } from '../../graphql/client.js';
import { NetworkCredentialsDocument, RemoveNetworkCredentialDocument, SetNetworkCredentialDocument, type NetworkCredentialsQuery } from '../../graphql/generated.js';
import { useMutation, useQuery } from '../../graphql/use-query.js';
import { canManage, useViewer } from '../../session.js';

type Credential = NetworkCredentialsQuery['networkCredentials'][number];

const NETWORK = {
  youtube: {
    label: 'YouTube',
    secret: 'YouTube Data API key',
    placeholder: 'AIza…',
    setup: (
      <>
        Create a project in the <a href="https://console.cloud.google.com/apis/credentials" rel="noreferrer" target="_blank">Google Cloud console</a>, enable the YouTube Data API v3, and create an API key
        (<a href="https://developers.google.com/youtube/v3/getting-started" rel="noreferrer" target="_blank">Google's guide</a>). A key has 10,000 units a day and 100 searches; Renown spends them deliberately.
      </>
    ),
  },
  instagram: {
    label: 'Instagram',
    secret: 'Facebook Page access token',
    placeholder: 'EAAG…',
    setup: (
      <>
        Connect your Instagram professional account to a Facebook Page, then make a Page access token with <code>instagram_basic</code>, <code>instagram_manage_insights</code> and{' '}
        <code>pages_read_engagement</code> (<a href="https://developers.facebook.com/docs/instagram-platform/instagram-api-with-facebook-login/business-discovery" rel="noreferrer" target="_blank">Business Discovery</a>,{' '}
        <a href="https://developers.facebook.com/tools/explorer/" rel="noreferrer" target="_blank">Graph API Explorer</a>). Renown reads other business and creator accounts through yours.
      </>
    ),
  },
} as const;

const describe = (c: Credential) =>
  c.source === 'brand'
    ? `Connected with your ${c.network === 'youtube' ? 'key' : 'token'} ${c.secretHint}${c.updatedAt ? `, saved ${formatDateTime(c.updatedAt)}` : ''}.`
    : c.source === 'config'
      ? `Connected with this Renown's configured ${c.network === 'youtube' ? 'key' : 'token'} ${c.secretHint}. Paste your own to spend your quota instead.`
      : 'Not connected: Renown cannot read this network for you until a credential is saved.';

/** YouTube and Instagram: whether Renown can read them for this brand, with whose credential, and the form to paste one. */
export function NetworkCredentialsCard() {
  const creds = useQuery(() => request(NetworkCredentialsDocument).then((d) => d.networkCredentials));
  return (
    <section className="card" aria-labelledby="network-credentials-heading">
      <div className="card-header">
        <h2 id="network-credentials-heading">YouTube and Instagram</h2>
        <p>Both are read through their official APIs with your own credentials. The secret stays on the server: only its last four characters are shown.</p>
      </div>
      <QueryResult state={creds} errorTitle="Network connections could not be loaded">
        {(rows) => (
          <div className="stack">
            {rows.map((c) => (
              <CredentialRow key={c.network} credential={c} reload={creds.reload} />
            ))}
          </div>
        )}
      </QueryResult>
    </section>
  );
}

function CredentialRow({ credential: c, reload }: { credential: Credential; reload: () => Promise<void> }) {
  const id = useId();
  const viewer = useViewer();
  const net = NETWORK[c.network as keyof typeof NETWORK];
  const [saved, setSaved] = useState<string>();
  const save = useMutation((values: Record<string, string>) =>
    request(SetNetworkCredentialDocument, { input: { network: c.network, secret: values.secret ?? '', accountId: values.accountId || null } }),
  );
  const remove = useMutation(() => request(RemoveNetworkCredentialDocument, { network: c.network }));
  if (!net) return null;
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setSaved(undefined);
    const form = e.currentTarget;
    const r = await save.run(formValues(form));
    if (r) {
      form.reset();
      setSaved(`${net.label} ${c.network === 'youtube' ? 'key' : 'token'} ${r.setNetworkCredential.secretHint} saved.`);
      await reload();
    }
  };
  return (
    <article aria-labelledby={`${id}-heading`} data-testid={`credential-${c.network}`}>
      <div className="row between">
        <h3 id={`${id}-heading`}>{net.label}</h3>
        <span className={`badge ${c.source ? 'ok' : 'warn'}`}>{c.source ? 'connected' : 'not connected'}</span>
      </div>
      <p className="small" data-testid={`credential-${c.network}-status`}>
        {describe(c)}
        {c.accountId && ` Reads through Instagram account ${c.accountId}.`}
      </p>
      {c.quotaToday.length > 0 && <QuotaToday quota={c.quotaToday} />}
      <p className="small muted">{net.setup}</p>
      {canManage(viewer) ? (
        <form onSubmit={submit} noValidate aria-label={`Save a ${net.label} credential`}>
          <div className="crawl-form">
            <Field label={net.secret} name="secret" type="password" autoComplete="off" placeholder={net.placeholder} required />
            {c.network === 'instagram' && <Field label="Instagram professional account id" name="accountId" inputMode="numeric" placeholder="17841400000000000" hint="The IG user id of your own account." />}
          </div>
          <div className="row">
            <button className="btn primary" type="submit" disabled={save.pending}>
              {save.pending ? 'Saving…' : `Save ${net.label} ${c.network === 'youtube' ? 'key' : 'token'}`}
            </button>
            {c.source === 'brand' && (
              <ActionButton run={remove.run} after={reload} confirm={`Forget your ${net.label} credential?`} label={`Remove the ${net.label} credential`}>
                Remove
              </ActionButton>
            )}
          </div>
        </form>
      ) : (
        <p className="small muted">Owners and admins can connect {net.label}.</p>
      )}
      <FormError error={save.error ?? remove.error} />
      {saved && (
        <div className="alert ok" role="status">
          {saved}
        </div>
      )}
    </article>
  );
}

const BUCKET_LABEL: Record<string, string> = { units: 'Quota units', search: 'Searches' };

/** YouTube: what the key has spent today, per bucket, and when the day ends. */
function QuotaToday({ quota }: { quota: Credential['quotaToday'] }) {
  return (
    <div className="stack" data-testid="youtube-quota">
      {quota.map((q) => {
        const share = q.quota > 0 ? Math.min(1, q.used / q.quota) : 0;
        const label = `${BUCKET_LABEL[q.bucket] ?? q.bucket} used today: ${formatNumber(q.used)} of ${formatNumber(q.quota)}`;
        return (
          <div className="meter" key={q.bucket}>
            <div className="row between small">
              <span style={{ fontWeight: 550 }}>{label}</span>
              <span className="muted">{q.exhaustedAt ? `spent; resets ${formatDateTime(q.resetsAt)}` : `resets ${formatDateTime(q.resetsAt)} (midnight Pacific)`}</span>
            </div>
            <div className="bar" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(share * 100)} aria-valuetext={label}>
              <span style={{ width: `${Math.round(share * 100)}%` }} />
            </div>
          </div>
        );
      })}
    </div>
  );
}
