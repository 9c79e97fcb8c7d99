import { useState, type FormEvent } from 'react';
import { CopyButton } from '../components/copy-button.js';
import { AccountSecurity } from './account-security.js';
import { Field, formValues } from '../components/field.js';
import { EmptyState, ErrorState, FormError, Loading, PageHeader } from '../components/states.js';
import { formatDate, formatDateTime } from '../format.js';
import { request } from '../graphql/client.js';
import { ApiKeysDocument, CreateApiKeyDocument, RevokeApiKeyDocument, UpdateBrandDocument } from '../graphql/generated.js';
import { useMutation, useQuery } from '../graphql/use-query.js';
import { canManage, useSession, useViewer } from '../session.js';

export function Settings() {
  const viewer = useViewer();
  return (
    <div className="page">
      <PageHeader title="Settings" description="Your brand, API access, your sign-in, and the brand's own social accounts." />
      {canManage(viewer) ? (
        <>
          <BrandName />
          <ApiKeys />
        </>
      ) : (
        <div className="alert info">
          <div>Only owners and admins can rename the brand and manage API keys. Ask one of them if you need a key.</div>
        </div>
      )}
      <AccountSecurity />
      <section className="card" aria-labelledby="social-heading">
        <h2 id="social-heading">Your brand's social accounts</h2>
        <div className="state" data-testid="not-available">
          <h3>Not available yet</h3>
          <p>Registering the brand's own accounts (for "who matters to us" and alerts) arrives with the discovery features.</p>
        </div>
      </section>
    </div>
  );
}

function BrandName() {
  const viewer = useViewer();
  const { refresh } = useSession();
  const [saved, setSaved] = useState(false);
  const update = useMutation((name: string) => request(UpdateBrandDocument, { input: { name } }));
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setSaved(false);
    if (await update.run(formValues(e.currentTarget).name!)) {
      await refresh();
      setSaved(true);
    }
  };
  return (
    <section className="card" aria-labelledby="brand-heading">
      <h2 id="brand-heading">Brand</h2>
      <form className="inline-form" onSubmit={submit}>
        <Field label="Brand name" name="name" required defaultValue={viewer.brand?.name ?? ''} />
        <button className="btn" type="submit" disabled={update.pending}>
          Save
        </button>
      </form>
      <FormError error={update.error} />
      {saved && (
        <div className="alert ok" role="status">
          Saved.
        </div>
      )}
    </section>
  );
}

function ApiKeys() {
  const keys = useQuery(() => request(ApiKeysDocument).then((d) => d.apiKeys));
  const [created, setCreated] = useState<{ name: string; secret: string }>();
  const create = useMutation((name: string) => request(CreateApiKeyDocument, { name }));
  const revoke = useMutation((id: string) => request(RevokeApiKeyDocument, { id }));
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const res = await create.run(formValues(form).name!);
    if (res) {
      setCreated({ name: res.createApiKey.apiKey.name, secret: res.createApiKey.secret });
      form.reset();
      await keys.reload();
    }
  };
  return (
    <section className="card" aria-labelledby="keys-heading">
      <div className="card-header">
        <h2 id="keys-heading">API keys</h2>
        <p>
          For scripts and integrations: send <code>Authorization: Bearer &lt;key&gt;</code> to <code>/graphql</code>.
        </p>
      </div>
      <form className="inline-form" onSubmit={submit}>
        <Field label="New key name" name="name" required placeholder="e.g. CRM sync" />
        <button className="btn primary" type="submit" disabled={create.pending}>
          {create.pending ? 'Creating…' : 'Create key'}
        </button>
      </form>
      <FormError error={create.error} />
      {created && (
        <div className="alert warn" role="status" style={{ display: 'grid', gap: 8 }} data-testid="new-api-key">
          <div>
            <strong>Copy the key “{created.name}” now.</strong> It is shown this once only; Renown stores just a hash of it.
          </div>
          <div className="secret">
            <code aria-label="New API key">{created.secret}</code>
            <CopyButton value={created.secret} label="Copy key" />
          </div>
          <div>
            <button className="btn small" type="button" onClick={() => setCreated(undefined)}>
              I have stored it
            </button>
          </div>
        </div>
      )}
      <FormError error={revoke.error} />
      {keys.error ? (
        <ErrorState error={keys.error} retry={keys.reload} title="The API keys could not be loaded" />
      ) : !keys.data ? (
        <Loading />
      ) : keys.data.length === 0 ? (
        <EmptyState title="No API keys yet">Create one above to use Renown from your own tools.</EmptyState>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>Name</th>
                <th>Key</th>
                <th>Created</th>
                <th>Last used</th>
                <th>Status</th>
                <th aria-label="Actions" />
              </tr>
            </thead>
            <tbody>
              {keys.data.map((k) => (
                <tr key={k.id}>
                  <td>{k.name}</td>
                  <td>
                    <code>{k.prefix}…</code>
                  </td>
                  <td>{formatDate(k.createdAt)}</td>
                  <td>{k.lastUsedAt ? formatDateTime(k.lastUsedAt) : 'never'}</td>
                  <td>{k.revokedAt ? <span className="badge danger">revoked {formatDate(k.revokedAt)}</span> : <span className="badge ok">active</span>}</td>
                  <td className="num">
                    {!k.revokedAt && (
                      <button
                        className="btn small danger"
                        type="button"
                        onClick={async () => {
                          if (!confirm(`Revoke “${k.name}”? Requests with it are refused from now on.`)) return;
                          if (await revoke.run(k.id)) await keys.reload();
                        }}
                      >
                        Revoke
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
