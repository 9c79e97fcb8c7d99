import { Link } from 'react-router';
import { EmptyState, ErrorState, Loading, PageHeader } from '../../components/states.js';
import { formatDate } from '../../format.js';
import { request } from '../../graphql/client.js';
import { CampaignsDocument } from '../../graphql/generated.js';
import { useQuery } from '../../graphql/use-query.js';
import { CampaignStatusBadge, PERK_LABELS } from './campaign-status.js';

export function CampaignList() {
  const q = useQuery(() => request(CampaignsDocument).then((d) => d.campaigns));
  return (
    <div className="page">
      <PageHeader
        title="Campaigns"
        description="Reward the right people with perks, and see what each perk earned."
        actions={
          <Link className="btn primary" to="/campaigns/new">
            New campaign
          </Link>
        }
      />
      {q.error ? (
        <ErrorState error={q.error} retry={q.reload} title="Campaigns could not be loaded" />
      ) : !q.data ? (
        <Loading />
      ) : q.data.length === 0 ? (
        <EmptyState
          title="No campaigns yet"
          action={
            <Link className="btn primary" to="/campaigns/new">
              Create your first campaign
            </Link>
          }
        >
          A campaign offers a perk (a product, a discount code, an experience) to creators you invite by email.
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>Campaign</th>
                <th>Perk</th>
                <th>Status</th>
                <th className="num">Claimed</th>
                <th>Claim by</th>
                <th>Created</th>
              </tr>
            </thead>
            <tbody>
              {q.data.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link to={`/campaigns/${c.id}`} style={{ fontWeight: 600 }}>
                      {c.name}
                    </Link>
                  </td>
                  <td>
                    {c.perkTitle} <span className="muted small">· {PERK_LABELS[c.perkKind]}</span>
                  </td>
                  <td>
                    <CampaignStatusBadge status={c.status} />
                  </td>
                  <td className="num">
                    {c.claimedCount} / {c.quantity}
                  </td>
                  <td>{formatDate(c.claimDeadline)}</td>
                  <td>{formatDate(c.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
