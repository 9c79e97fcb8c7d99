import { useState, type FormEvent } from 'react';
import { AccountSecurity } from './account-security.js';
import { BrandAccounts } from './brand-accounts.js';
import { ExtensionKeys } from './extension/extension-keys.js';
import { Field, formValues } from '../components/field.js';
import { Notice } from '../components/action-button.js';
import { KeysCard } from '../components/keys-card.js';
import { FormError, PageHeader } from '../components/states.js';
import { request } from '../graphql/client.js';
import { ApiKeysDocument, CreateApiKeyDocument, RevokeApiKeyDocument, UpdateBrandDocument } from '../graphql/generated.js';
import { useMutation } from '../graphql/use-query.js';
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
  return (
    <KeysCard
      heading="API keys"
      headingId="keys-heading"
      intro={
        <>
          For scripts and integrations: send <code>Authorization: Bearer &lt;key&gt;</code> to <code>/graphql</code>.
        </>
      }
      load={() => request(ApiKeysDocument).then((d) => d.apiKeys)}
      create={(name) => request(CreateApiKeyDocument, { name })}
      revoke={(id) => request(RevokeApiKeyDocument, { id })}
      field={{ label: 'New key name', placeholder: 'e.g. CRM sync', button: 'Create key' }}
      secret={{ title: (name) => `Copy the key “${name}” now.`, label: 'New API key', testId: 'new-api-key' }}
      empty={{ title: 'No API keys yet', text: 'Create one above to use Renown from your own tools.' }}
      revokeConfirm={(name) => `Revoke “${name}”? Requests with it are refused from now on.`}
    />
  );
}
