import { useState, type FormEvent } from 'react';
import { OneTimeSecret } from '../components/one-time-secret.js';
import { AccountSecurity } from './account-security.js';
import { BrandAccounts } from './brand-accounts.js';
import { ExtensionKeys } from './extension/extension-keys.js';
import { Field, formValues } from '../components/field.js';
import { ActionButton, Notice } from '../components/action-button.js';
import { DataTable } from '../components/data-table.js';
import { EmptyState, FormError, PageHeader, QueryResult } from '../components/states.js';
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
      <ExtensionKeys />
      <AccountSecurity />
      <BrandAccounts />
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
      <Notice>{saved && 'Saved.'}</Notice>
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
      {created && <OneTimeSecret title={`Copy the key “${created.name}” now.`} secret={created.secret} label="New API key" onDismiss={() => setCreated(undefined)} testId="new-api-key" />}
      <FormError error={revoke.error} />
      <QueryResult state={keys} errorTitle="The API keys could not be loaded" empty={(rows) => rows.length === 0 && <EmptyState title="No API keys yet">Create one above to use Renown from your own tools.</EmptyState>}>
        {(rows) => (
          <DataTable
            rows={rows}
            rowKey={(k) => k.id}
            columns={[
              { header: 'Name', cell: (k) => k.name },
              { header: 'Key', cell: (k) => <code>{k.prefix}…</code> },
              { header: 'Created', cell: (k) => formatDate(k.createdAt) },
              { header: 'Last used', cell: (k) => (k.lastUsedAt ? formatDateTime(k.lastUsedAt) : 'never') },
              { header: 'Status', cell: (k) => (k.revokedAt ? <span className="badge danger">revoked {formatDate(k.revokedAt)}</span> : <span className="badge ok">active</span>) },
              {
                num: true,
                cell: (k) =>
                  !k.revokedAt && (
                    <ActionButton run={() => revoke.run(k.id)} after={keys.reload} confirm={`Revoke “${k.name}”? Requests with it are refused from now on.`}>
                      Revoke
                    </ActionButton>
                  ),
              },
            ]}
          />
        )}
      </QueryResult>
    </section>
  );
}
