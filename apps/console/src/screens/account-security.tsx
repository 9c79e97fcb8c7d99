import { useState, type FormEvent } from 'react';
import { Field, formValues } from '../components/field.js';
import { ErrorState, FormError, Loading } from '../components/states.js';
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
      {changed && (
        <div className="alert ok" role="status">
          Password changed. Every other device was logged out.
        </div>
      )}
      <h3>Devices</h3>
      <FormError error={revoke.error} />
      {sessions.error ? (
        <ErrorState error={sessions.error} retry={sessions.reload} />
      ) : !sessions.data ? (
        <Loading />
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>Device</th>
                <th>Signed in</th>
                <th>Last seen</th>
                <th aria-label="Actions" />
              </tr>
            </thead>
            <tbody>
              {sessions.data.map((s) => (
                <tr key={s.id}>
                  <td>
                    <span className="small">{s.userAgent ? s.userAgent.slice(0, 80) : 'unknown device'}</span> {s.current && <span className="badge accent">this device</span>}
                  </td>
                  <td>{formatDateTime(s.createdAt)}</td>
                  <td>{formatDateTime(s.lastSeenAt)}</td>
                  <td className="num">
                    {!s.current && (
                      <button
                        type="button"
                        className="btn small danger"
                        onClick={async () => {
                          if ((await revoke.run(s.id)) !== undefined) await sessions.reload();
                        }}
                      >
                        Log out
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
