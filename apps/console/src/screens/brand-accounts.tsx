import { useState, type FormEvent } from 'react';
import { ActionButton, Notice } from '../components/action-button.js';
import { AccountName, ScoreBadge } from '../components/account-name.js';
import { DataTable } from '../components/data-table.js';
import { Field, formValues } from '../components/field.js';
import { EmptyState, FormError, QueryResult } from '../components/states.js';
import { formatCompact, formatDate } from '../format.js';
import { request } from '../graphql/client.js';
import { BrandAccountsDocument, RegisterBrandAccountDocument, RemoveBrandAccountDocument } from '../graphql/generated.js';
import { useMutation, useQuery } from '../graphql/use-query.js';

export const PLATFORMS = ['twitter', 'bluesky', 'mastodon', 'youtube', 'instagram', 'snap'] as const;

/** The brand's own social accounts: what "who matters to us" and alerts are measured against. */
export function BrandAccounts() {
  const accounts = useQuery(() => request(BrandAccountsDocument).then((d) => d.brandAccounts));
  const register = useMutation((platform: string, handle: string) => request(RegisterBrandAccountDocument, { input: { platform, handle } }));
  const remove = useMutation((accountId: string) => request(RemoveBrandAccountDocument, { accountId }));
  const [notice, setNotice] = useState<string>();
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const v = formValues(form);
    setNotice(undefined);
    const res = await register.run(v.platform!, v.handle!.trim());
    if (res) {
      const a = res.registerBrandAccount;
      setNotice(`@${a.handle ?? a.externalId} on ${a.platform} is registered. "Who matters to us" is recomputed in the background.`);
      form.reset();
      await accounts.reload();
    }
  };
  return (
    <section className="card" aria-labelledby="social-heading">
      <div className="card-header">
        <h2 id="social-heading">Your brand's social accounts</h2>
        <p>Renown ranks who follows, mentions and engages with these, and alerts you when someone influential does.</p>
      </div>
      <form className="inline-form" onSubmit={submit}>
        <div className="field" style={{ flex: '0 1 160px' }}>
          <label htmlFor="brand-account-platform">Platform</label>
          <select id="brand-account-platform" name="platform" defaultValue="twitter">
            {PLATFORMS.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </div>
        <Field label="Handle" name="handle" required placeholder="@acmemotors" />
        <button className="btn primary" type="submit" disabled={register.pending}>
          {register.pending ? 'Adding…' : 'Add account'}
        </button>
      </form>
      <p className="small muted">The account must already be known to Renown (imported).</p>
      <FormError error={register.error ?? remove.error} />
      <Notice>{notice}</Notice>
      <QueryResult state={accounts} errorTitle="The brand's accounts could not be loaded" empty={(rows) => rows.length === 0 && <EmptyState title="No accounts registered">Add the brand's own handles above to see who matters to your audience.</EmptyState>}>
        {(rows) => (
          <DataTable
            rows={rows}
            rowKey={(a) => a.id}
            label="The brand's social accounts"
            columns={[
              { header: 'Account', cell: (a) => <AccountName account={a} link={a.seenByRenown} /> },
              { header: 'Followers', num: true, cell: (a) => formatCompact(a.followersCount) },
              { header: 'Score', num: true, cell: (a) => <ScoreBadge score={a.globalScore} label="Renown score" /> },
              { header: 'Added', cell: (a) => formatDate(a.registeredAt) },
              { header: 'Data', cell: (a) => (a.seenByRenown ? <span className="badge ok">imported</span> : <span className="badge warn">waiting for data</span>) },
              {
                num: true,
                cell: (a) => (
                  <ActionButton run={() => remove.run(a.id)} after={accounts.reload} confirm={`Stop watching @${a.handle ?? a.externalId}? Its alert history stays.`} label={`Remove @${a.handle ?? a.externalId}`}>
                    Remove
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
