import { useState, type FormEvent } from 'react';
import { Field, formValues } from '../components/field.js';
import { ActionButton, Notice } from '../components/action-button.js';
import { DataTable } from '../components/data-table.js';
import { FormError, QueryResult } from '../components/states.js';
import { formatDateTime } from '../format.js';
import { request } from '../graphql/client.js';
import { ChangePasswordDocument, RevokeSessionDocument, SessionsDocument } from '../graphql/generated.js';
import { useMutation, useQuery } from '../graphql/use-query.js';
import { useSession } from '../session.js';

/** The person's own sessions (devices) and password: visible to every role. */
export function AccountSecurity() {
  const { setViewer } = useSession();
  const sessions = useQuery(() => request(SessionsDocument).then((d) => d.sessions));
  const revoke = useMutation((id: string) => request(RevokeSessionDocument, { id }));
  const change = useMutation((currentPassword: string, newPassword: string) => request(ChangePasswordDocument, { currentPassword, newPassword }));
  const [changed, setChanged] = useState(false);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const v = formValues(form);
    setChanged(false);
    const res = await change.run(v.currentPassword!, v.newPassword!);
    if (res) {
      setViewer(res.changePassword.viewer);
      form.reset();
      setChanged(true);
      await sessions.reload();
    }
  };
  return (
    <section className="card" aria-labelledby="security-heading">
      <h2 id="security-heading">Your sign-in</h2>
      <form className="inline-form" onSubmit={submit}>
        <Field label="Current password" name="currentPassword" type="password" autoComplete="current-password" required />
        <Field label="New password" name="newPassword" type="password" autoComplete="new-password" required minLength={10} />
        <button className="btn" type="submit" disabled={change.pending}>
          Change password
        </button>
      </form>
      <FormError error={change.error} />
      <Notice>{changed && 'Password changed. Every other device was logged out.'}</Notice>
      <h3>Devices</h3>
      <FormError error={revoke.error} />
      <QueryResult state={sessions}>
        {(rows) => (
          <DataTable
            rows={rows}
            rowKey={(s) => s.id}
            columns={[
              { header: 'Device', cell: (s) => <><span className="small">{s.userAgent ? s.userAgent.slice(0, 80) : 'unknown device'}</span> {s.current && <span className="badge accent">this device</span>}</> },
              { header: 'Signed in', cell: (s) => formatDateTime(s.createdAt) },
              { header: 'Last seen', cell: (s) => formatDateTime(s.lastSeenAt) },
              {
                num: true,
                cell: (s) =>
                  !s.current && (
                    <ActionButton run={() => revoke.run(s.id)} after={sessions.reload}>
                      Log out
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
