import { useState, type FormEvent, type ReactNode } from 'react';
import type { ApiKeysQuery } from '../graphql/generated.js';
import { formatDate, formatDateTime } from '../format.js';
import { useMutation, useQuery } from '../graphql/use-query.js';
import { ActionButton } from './action-button.js';
import { DataTable } from './data-table.js';
import { Field, formValues } from './field.js';
import { OneTimeSecret } from './one-time-secret.js';
import { EmptyState, FormError, QueryResult } from './states.js';

type KeyRow = ApiKeysQuery['apiKeys'][number];

export interface KeysCardProps {
  heading: string;
  headingId: string;
  intro: ReactNode;
  load(): Promise<KeyRow[]>;
  create(name: string): Promise<{ createApiKey: { secret: string; apiKey: { name: string } } }>;
  revoke(id: string): Promise<unknown>;
  field: { label: string; placeholder: string; button: string };
  secret: { title: (name: string) => string; label: string; testId: string };
  empty: { title: string; text: string };
  revokeConfirm: (name: string) => string;
}

/** A card of keys: make one (its secret shown once), the list with when each was last used, and Revoke. */
export function KeysCard(p: KeysCardProps) {
  const keys = useQuery(p.load);
  const [created, setCreated] = useState<{ name: string; secret: string }>();
  const create = useMutation(p.create);
  const revoke = useMutation(p.revoke);
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
    <section className="card" aria-labelledby={p.headingId}>
      <div className="card-header">
        <h2 id={p.headingId}>{p.heading}</h2>
        <p>{p.intro}</p>
      </div>
      <form className="inline-form" onSubmit={submit}>
        <Field label={p.field.label} name="name" required placeholder={p.field.placeholder} />
        <button className="btn primary" type="submit" disabled={create.pending}>
          {create.pending ? 'Creating…' : p.field.button}
        </button>
      </form>
      <FormError error={create.error} />
      {created && <OneTimeSecret title={p.secret.title(created.name)} secret={created.secret} label={p.secret.label} onDismiss={() => setCreated(undefined)} testId={p.secret.testId} />}
      <FormError error={revoke.error} />
      <QueryResult state={keys} errorTitle={`The ${p.heading.toLowerCase()} could not be loaded`} empty={(rows) => rows.length === 0 && <EmptyState title={p.empty.title}>{p.empty.text}</EmptyState>}>
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
                    <ActionButton run={() => revoke.run(k.id)} after={keys.reload} confirm={p.revokeConfirm(k.name)}>
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
