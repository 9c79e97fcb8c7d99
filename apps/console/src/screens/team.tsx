import { useState, type FormEvent } from 'react';
import { Field, formValues } from '../components/field.js';
import { ActionButton, Notice } from '../components/action-button.js';
import { DataTable } from '../components/data-table.js';
import { EmptyState, FormError, PageHeader, QueryResult } from '../components/states.js';
import { formatDate, roleLabel } from '../format.js';
import { request } from '../graphql/client.js';
import { ChangeMemberRoleDocument, InviteTeamMemberDocument, RemoveMemberDocument, RevokeTeamInvitationDocument, TeamDocument, TeamInvitationsDocument, type BrandRole } from '../graphql/generated.js';
import { useMutation, useQuery } from '../graphql/use-query.js';
import { canManage, useViewer } from '../session.js';

const ROLES: { value: BrandRole; label: string; hint: string }[] = [
  { value: 'MEMBER', label: 'Member', hint: 'discovers, runs campaigns' },
  { value: 'ADMIN', label: 'Admin', hint: 'also manages the team and API keys' },
  { value: 'OWNER', label: 'Owner', hint: 'also billing; only owners add owners' },
];

export function Team() {
  const viewer = useViewer();
  const manager = canManage(viewer);
  const members = useQuery(() => request(TeamDocument).then((d) => d.teamMembers));
  const invitations = useQuery(() => (manager ? request(TeamInvitationsDocument).then((d) => d.teamInvitations) : Promise.resolve([])), [manager]);
  const [notice, setNotice] = useState<string>();
  const invite = useMutation((email: string, role: BrandRole) => request(InviteTeamMemberDocument, { email, role }));
  const change = useMutation((userId: string, role: BrandRole) => request(ChangeMemberRoleDocument, { userId, role }));
  const remove = useMutation((userId: string) => request(RemoveMemberDocument, { userId }));
  const revoke = useMutation((id: string) => request(RevokeTeamInvitationDocument, { id }));

  const submitInvite = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const v = formValues(form);
    const res = await invite.run(v.email!, v.role as BrandRole);
    if (res) {
      setNotice(`Invitation sent to ${res.inviteTeamMember.email}.`);
      form.reset();
      await invitations.reload();
    }
  };

  return (
    <div className="page">
      <PageHeader title="Team" description={`The people who work on ${viewer.brand?.name ?? 'this brand'} in Renown.`} />
      {manager && (
        <section className="card" aria-labelledby="invite-heading">
          <div className="card-header">
            <h2 id="invite-heading">Invite a teammate</h2>
            <p>They get an email with a link that works once, for 7 days.</p>
          </div>
          <form className="inline-form" onSubmit={submitInvite}>
            <Field label="Email" name="email" type="email" required placeholder="name@company.com" />
            <div className="field" style={{ flex: '0 1 160px' }}>
              <label htmlFor="invite-role">Role</label>
              <select id="invite-role" name="role" defaultValue="MEMBER">
                {ROLES.filter((r) => r.value !== 'OWNER' || viewer.role === 'OWNER').map((r) => (
                  <option key={r.value} value={r.value}>
                    {r.label}
                  </option>
                ))}
              </select>
            </div>
            <button className="btn primary" type="submit" disabled={invite.pending}>
              {invite.pending ? 'Sending…' : 'Send invitation'}
            </button>
          </form>
          <p className="small muted">{ROLES.map((r) => `${r.label}: ${r.hint}`).join(' · ')}.</p>
          <FormError error={invite.error} />
          <Notice>{notice}</Notice>
        </section>
      )}

      <section className="card" aria-labelledby="members-heading">
        <h2 id="members-heading">Members</h2>
        <FormError error={change.error ?? remove.error} />
        <QueryResult state={members} errorTitle="The team could not be loaded">
          {(rows) => (
            <DataTable
              rows={rows}
              rowKey={(m) => m.userId}
              columns={[
                { header: 'Name', cell: (m) => <>{m.name || '–'} {m.userId === viewer.user?.id && <span className="badge accent">you</span>}</> },
                { header: 'Email', cell: (m) => m.email },
                {
                  header: 'Role',
                  cell: (m) =>
                    manager && m.userId !== viewer.user?.id ? (
                      <select
                        aria-label={`Role of ${m.email}`}
                        value={m.role}
                        onChange={async (e) => {
                          if (await change.run(m.userId, e.target.value as BrandRole)) await members.reload();
                        }}
                      >
                        {ROLES.map((r) => (
                          <option key={r.value} value={r.value}>
                            {r.label}
                          </option>
                        ))}
                      </select>
                    ) : (
                      <span className="badge">{roleLabel(m.role)}</span>
                    ),
                },
                { header: 'Joined', cell: (m) => formatDate(m.joinedAt) },
                manager && {
                  num: true,
                  cell: (m) =>
                    m.userId !== viewer.user?.id && (
                      <ActionButton run={() => remove.run(m.userId)} after={members.reload} confirm={`Remove ${m.email} from ${viewer.brand?.name}? Their access ends at once.`}>
                        Remove
                      </ActionButton>
                    ),
                },
              ]}
            />
          )}
        </QueryResult>
      </section>

      {manager && (
        <section className="card" aria-labelledby="pending-heading">
          <h2 id="pending-heading">Pending invitations</h2>
          <FormError error={revoke.error} />
          <QueryResult state={invitations} empty={(rows) => rows.length === 0 && <EmptyState title="No pending invitations">Invitations you send appear here until they are accepted.</EmptyState>}>
            {(rows) => (
              <DataTable
                rows={rows}
                rowKey={(i) => i.id}
                columns={[
                  { header: 'Email', cell: (i) => i.email },
                  { header: 'Role', cell: (i) => <span className="badge">{roleLabel(i.role)}</span> },
                  { header: 'Sent', cell: (i) => formatDate(i.invitedAt) },
                  { header: 'Expires', cell: (i) => formatDate(i.expiresAt) },
                  {
                    num: true,
                    cell: (i) => (
                      <ActionButton run={() => revoke.run(i.id)} after={invitations.reload}>
                        Revoke
                      </ActionButton>
                    ),
                  },
                ]}
              />
            )}
          </QueryResult>
        </section>
      )}
    </div>
  );
}
