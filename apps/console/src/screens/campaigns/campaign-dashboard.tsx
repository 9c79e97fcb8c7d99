import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { FunnelChart } from '../../components/charts/funnel-chart.js';
import { ActionButton, Notice } from '../../components/action-button.js';
import { DataTable } from '../../components/data-table.js';
import { EmptyState, ErrorState, FormError, Loading, BackLink, PageHeader } from '../../components/states.js';
import { formatCompact, formatDate, formatDateTime, formatNumber } from '../../format.js';
import { request } from '../../graphql/client.js';
import { CampaignDashboardDocument, InfluencerContactsDocument, InviteToCampaignDocument, MarkClaimShippedDocument, RevokeInvitationDocument, SetCampaignStatusDocument, ShortlistsDocument, type CampaignDashboardQuery, type CampaignStatus } from '../../graphql/generated.js';
import { useMutation, useQuery } from '../../graphql/use-query.js';
import { CampaignStatusBadge, PERK_LABELS } from './campaign-status.js';

type Data = CampaignDashboardQuery;

const money = (cents: number) => `$${(cents / 100).toLocaleString(undefined, { maximumFractionDigits: 0 })}`;

export function CampaignDashboard() {
  const { id = '' } = useParams();
  const q = useQuery(() => request(CampaignDashboardDocument, { id }), [id]);
  const status = useMutation((s: CampaignStatus) => request(SetCampaignStatusDocument, { id, status: s }));
  const change = async (s: CampaignStatus) => {
    if (await status.run(s)) await q.reload();
  };
  if (q.error && !q.data) {
    return (
      <div className="page">
        <PageHeader title="Campaign" />
        <ErrorState error={q.error} retry={q.reload} title="This campaign could not be loaded" />
        <Link to="/campaigns">← All campaigns</Link>
      </div>
    );
  }
  if (!q.data) {
    return (
      <div className="page">
        <Loading />
      </div>
    );
  }
  const { campaign: c, campaignReport: r } = q.data;
  return (
    <div className="page">
      <BackLink to="/campaigns">All campaigns</BackLink>
      <PageHeader
        title={c.name}
        description={
          <>
            <CampaignStatusBadge status={c.status} /> {c.perkTitle} · {PERK_LABELS[c.perkKind]} · claim by {formatDate(c.claimDeadline)}
          </>
        }
        actions={
          <>
            <button type="button" className="btn" onClick={() => q.reload()} disabled={q.loading}>
              Refresh
            </button>
            <a className="btn" href={`/campaigns/${encodeURIComponent(c.id)}/report.csv`} download>
              Export report (CSV)
            </a>
            {c.status === 'draft' && (
              <button type="button" className="btn primary" onClick={() => change('active')} disabled={status.pending}>
                Launch
              </button>
            )}
            {c.status === 'active' && (
              <button type="button" className="btn" onClick={() => change('paused')} disabled={status.pending}>
                Pause
              </button>
            )}
            {c.status === 'paused' && (
              <button type="button" className="btn primary" onClick={() => change('active')} disabled={status.pending}>
                Resume
              </button>
            )}
            {(c.status === 'active' || c.status === 'paused') && (
              <button
                type="button"
                className="btn danger"
                disabled={status.pending}
                onClick={() => {
                  if (confirm('End this campaign? Open links stop working; claims already made stay.')) void change('ended');
                }}
              >
                End
              </button>
            )}
          </>
        }
      />
      <FormError error={status.error} />
      {q.error && <ErrorState error={q.error} retry={q.reload} title="Refreshing failed; showing the last figures" />}

      <div className="stats">
        <Stat label="Claimed" value={`${c.claimedCount} / ${c.quantity}`} />
        <Stat label="Posts (disclosed)" value={`${r.posts} (${r.disclosedPosts})`} />
        <Stat label="Engagements" value={formatCompact(r.engagements)} />
        <Stat label="Reach" value={formatCompact(r.reach)} />
        <Stat label={`Earned media value (${r.formulaVersion})`} value={money(r.emvCents)} />
      </div>

      <section className="card" aria-labelledby="funnel-heading">
        <div className="card-header">
          <h2 id="funnel-heading">Funnel</h2>
          <p>{r.declined > 0 ? `${r.declined} declined.` : ''}</p>
        </div>
        {r.invited === 0 ? (
          <EmptyState title="Nobody invited yet">{c.status === 'draft' ? 'Launch the campaign, then invite creators.' : 'Invite creators to see how they respond.'}</EmptyState>
        ) : (
          <FunnelChart
            label="Campaign funnel"
            stages={[
              { label: 'Invited', count: r.invited },
              { label: 'Opened link', count: r.openedLink },
              { label: 'Claimed', count: r.claimed },
              { label: 'Posted', count: r.posted },
            ]}
          />
        )}
      </section>

      {c.status === 'active' && <InviteMore campaignId={c.id} invitedEmails={new Set(q.data.campaignInvitations.map((i) => i.email ?? ''))} reload={q.reload} />}
      <Claims claims={q.data.campaignClaims} perkKind={c.perkKind} reload={q.reload} />
      <Posts lines={r.influencers} disclosureRequired={c.disclosureRequired} />
      <Invitations invitations={q.data.campaignInvitations} reload={q.reload} />
    </div>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="card stat">
      <span className="label">{label}</span>
      <span className="value">{value}</span>
    </div>
  );
}

function Claims({ claims, perkKind, reload }: { claims: Data['campaignClaims']; perkKind: string; reload: () => Promise<void> }) {
  const [shipping, setShipping] = useState<string>();
  const ship = useMutation((claimId: string, carrier: string, trackingNumber: string) => request(MarkClaimShippedDocument, { claimId, carrier, trackingNumber }));
  return (
    <section className="card" aria-labelledby="claims-heading">
      <h2 id="claims-heading">Claims</h2>
      <FormError error={ship.error} />
      {claims.length === 0 ? (
        <EmptyState title="No claims yet">Claims appear here as soon as creators accept the perk.</EmptyState>
      ) : (
        <DataTable
          rows={claims}
          rowKey={(cl) => cl.id}
          columns={[
            { header: 'Creator', cell: (cl) => (cl.erased ? <span className="muted">erased on request</span> : cl.handle ? `@${cl.handle}` : '–') },
            { header: 'Email', cell: (cl) => cl.email ?? '–' },
            {
              header: perkKind === 'code' ? 'Code' : perkKind === 'physical' ? 'Variant and address' : 'Perk',
              cell: (cl) => (
                <>
                  {cl.code && <code>{cl.code}</code>}
                  {cl.variant && <span>{cl.variant} </span>}
                  {cl.shippingAddress && (
                    <span className="small muted">
                      {cl.shippingAddress.name}, {cl.shippingAddress.city}, {cl.shippingAddress.country}
                    </span>
                  )}
                  {!cl.code && !cl.variant && !cl.shippingAddress && '–'}
                </>
              ),
            },
            {
              header: 'Status',
              cell: (cl) => (
                <>
                  <span className={`badge ${cl.status === 'shipped' ? 'ok' : 'accent'}`}>{cl.status}</span>
                  {cl.trackingNumber && (
                    <span className="small muted">
                      {' '}
                      {cl.carrier} {cl.trackingNumber}
                    </span>
                  )}
                </>
              ),
            },
            { header: 'Claimed', cell: (cl) => formatDateTime(cl.createdAt) },
            perkKind === 'physical' && {
              num: true,
              cell: (cl) =>
                cl.status !== 'shipped' &&
                (shipping === cl.id ? (
                  <form
                    className="row"
                    onSubmit={async (e) => {
                      e.preventDefault();
                      const f = new FormData(e.currentTarget);
                      if (await ship.run(cl.id, String(f.get('carrier')), String(f.get('tracking')))) {
                        setShipping(undefined);
                        await reload();
                      }
                    }}
                  >
                    <input name="carrier" aria-label="Carrier" placeholder="Carrier" required style={{ width: 110 }} />
                    <input name="tracking" aria-label="Tracking number" placeholder="Tracking number" required style={{ width: 150 }} />
                    <button className="btn small primary" type="submit" disabled={ship.pending}>
                      Save
                    </button>
                  </form>
                ) : (
                  <button className="btn small" type="button" onClick={() => setShipping(cl.id)}>
                    Mark shipped
                  </button>
                )),
            },
          ]}
        />
      )}
    </section>
  );
}

function Posts({ lines, disclosureRequired }: { lines: Data['campaignReport']['influencers']; disclosureRequired: boolean }) {
  const posted = lines.filter((l) => l.posts > 0);
  return (
    <section className="card" aria-labelledby="posts-heading">
      <div className="card-header">
        <h2 id="posts-heading">Posts and disclosure</h2>
        <p>Posts by claimers that carry the campaign's hashtag, mention or link.</p>
      </div>
      {posted.length === 0 ? (
        <EmptyState title="No linked posts yet">Posts show up here once ingestion sees them.</EmptyState>
      ) : (
        <DataTable
          rows={posted}
          rowKey={(l) => l.invitationId}
          columns={[
            { header: 'Creator', cell: (l) => <>{l.handle ? `@${l.handle}` : '–'} <span className="muted small">{l.platform}</span></> },
            { header: 'Posts', num: true, cell: (l) => l.posts },
            {
              header: 'Disclosure',
              cell: (l) =>
                l.posts - l.disclosedPosts === 0 ? (
                  <span className="badge ok">disclosed</span>
                ) : (
                  <span className={`badge ${disclosureRequired ? 'danger' : 'warn'}`}>{l.posts - l.disclosedPosts} without #ad/#sponsored</span>
                ),
            },
            { header: 'Engagements', num: true, cell: (l) => formatNumber(l.engagements) },
            { header: 'Reach', num: true, cell: (l) => formatNumber(l.reach) },
            { header: 'EMV', num: true, cell: (l) => money(l.emvCents) },
          ]}
        />
      )}
    </section>
  );
}

function Invitations({ invitations, reload }: { invitations: Data['campaignInvitations']; reload: () => Promise<void> }) {
  const revoke = useMutation((id: string) => request(RevokeInvitationDocument, { id }));
  return (
    <section className="card" aria-labelledby="inv-heading">
      <h2 id="inv-heading">Invitations</h2>
      <FormError error={revoke.error} />
      {invitations.length === 0 ? (
        <EmptyState title="No invitations yet" />
      ) : (
        <DataTable
          rows={invitations}
          rowKey={(i) => i.id}
          columns={[
            { header: 'Creator', cell: (i) => <>{i.email ?? '–'} {i.handle && <span className="muted small">@{i.handle}</span>}</> },
            { header: 'Status', cell: (i) => <span className={`badge ${i.status === 'claimed' ? 'ok' : i.status === 'pending' ? 'accent' : ''}`}>{i.status}</span> },
            { header: 'Sent', cell: (i) => formatDateTime(i.createdAt) },
            { header: 'Opened', cell: (i) => (i.openedAt ? formatDateTime(i.openedAt) : '–') },
            { header: 'Expires', cell: (i) => formatDate(i.expiresAt) },
            {
              num: true,
              cell: (i) =>
                i.status === 'pending' && (
                  <ActionButton run={() => revoke.run(i.id)} after={reload}>
                    Withdraw
                  </ActionButton>
                ),
            },
          ]}
        />
      )}
    </section>
  );
}

/** Invites more of the brand's contacts to a live campaign (those not invited yet). */
function InviteMore({ campaignId, invitedEmails, reload }: { campaignId: string; invitedEmails: Set<string>; reload: () => Promise<void> }) {
  const contacts = useQuery(() => request(InfluencerContactsDocument).then((d) => d.influencerContacts));
  const [selected, setSelected] = useState<string[]>([]);
  const [note, setNote] = useState<string>();
  const lists = useQuery(() => request(ShortlistsDocument).then((d) => d.shortlists));
  const [listId, setListId] = useState('');
  const invite = useMutation((targeting: { contactIds?: string[]; shortlistId?: string }) => request(InviteToCampaignDocument, { campaignId, targeting }));
  const open = (contacts.data ?? []).filter((c) => c.email && !invitedEmails.has(c.email));
  const say = (r: { inviteToCampaign: { invited: number; skipped: { reason: string }[] } }) =>
    setNote(`${r.inviteToCampaign.invited} invitation(s) queued${r.inviteToCampaign.skipped.length ? `; ${r.inviteToCampaign.skipped.length} skipped: ${r.inviteToCampaign.skipped.map((s) => s.reason).join('; ')}` : ''}.`);
  return (
    <section className="card" aria-labelledby="invite-more-heading">
      <div className="card-header">
        <h2 id="invite-more-heading">Invite more creators</h2>
        <p>
          From a shortlist or your contacts (invitations go to the emails your brand holds). Import contacts in the <Link to="/campaigns/new">campaign wizard</Link>.
        </p>
      </div>
      <div className="inline-form">
        <div className="field" style={{ flex: '0 1 300px' }}>
          <label htmlFor="invite-list">Shortlist</label>
          <select id="invite-list" value={listId} onChange={(e) => setListId(e.target.value)} disabled={!lists.data?.length}>
            <option value="">{lists.data?.length === 0 ? 'No lists yet' : 'Choose a list'}</option>
            {(lists.data ?? []).map((l) => (
              <option key={l.id} value={l.id}>
                {l.name} ({l.entryCount})
              </option>
            ))}
          </select>
        </div>
        <button
          type="button"
          className="btn primary"
          disabled={!listId || invite.pending}
          onClick={async () => {
            const r = await invite.run({ shortlistId: listId });
            if (r) {
              say(r);
              await reload();
            }
          }}
        >
          Invite the list
        </button>
      </div>
      <FormError error={invite.error ?? contacts.error} />
      <Notice>{note}</Notice>
      {!contacts.data ? (
        !contacts.error && <Loading />
      ) : open.length === 0 ? (
        <p className="muted small">Every contact with an email is already invited.</p>
      ) : (
        <div className="row">
          {open.map((c) => (
            <label key={c.id} className="chip choice">
              <input type="checkbox" checked={selected.includes(c.id)} onChange={(e) => setSelected((s) => (e.target.checked ? [...s, c.id] : s.filter((x) => x !== c.id)))} />
              {c.displayName || c.handle || c.email}
            </label>
          ))}
          <button
            type="button"
            className="btn primary small"
            disabled={!selected.length || invite.pending}
            onClick={async () => {
              const r = await invite.run({ contactIds: selected });
              if (r) {
                say(r);
                setSelected([]);
                await reload();
              }
            }}
          >
            Invite {selected.length || ''}
          </button>
        </div>
      )}
    </section>
  );
}
