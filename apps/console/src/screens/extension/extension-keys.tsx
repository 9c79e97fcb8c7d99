import { useState, type FormEvent } from 'react';
import { ActionButton } from '../../components/action-button.js';
import { DataTable } from '../../components/data-table.js';
import { Field, formValues } from '../../components/field.js';
import { OneTimeSecret } from '../../components/one-time-secret.js';
import { EmptyState, FormError, QueryResult } from '../../components/states.js';
import { formatDate, formatDateTime } from '../../format.js';
import { request } from '../../graphql/client.js';
import { CreateExtensionKeyDocument, ExtensionKeysDocument, RevokeApiKeyDocument } from '../../graphql/generated.js';
import { useMutation, useQuery } from '../../graphql/use-query.js';

/**
 * Settings → Browser extension: the viewer's own extension keys (read-only: look-ups and adding to lists),
 * made here to paste into the extension, or made by "Sign in through Renown" from the extension's options.
 */
export function ExtensionKeys() {
  const keys = useQuery(() => request(ExtensionKeysDocument).then((d) => d.apiKeys));
  const [created, setCreated] = useState<{ name: string; secret: string }>();
  const create = useMutation((name: string) => request(CreateExtensionKeyDocument, { name }));
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
    <section className="card" aria-labelledby="extension-heading">
      <div className="card-header">
        <h2 id="extension-heading">Browser extension</h2>
        <p>
          Scores beside the handles you read on Bluesky, Mastodon, YouTube, Instagram and X. An extension key can only look handles up and add
          accounts to your lists; revoke it here and it stops at once. In the extension's options, “Sign in through Renown” makes one for you.
        </p>
      </div>
      <form className="inline-form" onSubmit={submit}>
        <Field label="New extension key name" name="name" required placeholder="e.g. Chrome on my laptop" />
        <button className="btn primary" type="submit" disabled={create.pending}>
          {create.pending ? 'Creating…' : 'Create extension key'}
        </button>
      </form>
      <FormError error={create.error} />
      {created && <OneTimeSecret title={`Paste the key “${created.name}” into the extension's options now.`} secret={created.secret} label="New extension key" onDismiss={() => setCreated(undefined)} testId="new-extension-key" />}
      <FormError error={revoke.error} />
      <QueryResult state={keys} errorTitle="The extension keys could not be loaded" empty={(rows) => rows.length === 0 && <EmptyState title="No extension keys yet">Create one above, or sign in from the extension.</EmptyState>}>
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
                    <ActionButton run={() => revoke.run(k.id)} after={keys.reload} confirm={`Revoke “${k.name}”? The extension using it stops at once.`}>
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
