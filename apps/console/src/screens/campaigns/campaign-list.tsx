import { Link } from 'react-router';
import { DataTable } from '../../components/data-table.js';
import { EmptyState, PageHeader, QueryResult } from '../../components/states.js';
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
      <QueryResult
        state={q}
        errorTitle="Campaigns could not be loaded"
        empty={(rows) =>
          rows.length === 0 && (
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
          )
        }
      >
        {(rows) => (
          <DataTable
            rows={rows}
            rowKey={(c) => c.id}
            label="Campaigns"
            columns={[
              {
                header: 'Campaign',
                cell: (c) => (
                  <Link to={`/campaigns/${c.id}`} style={{ fontWeight: 600 }}>
                    {c.name}
                  </Link>
                ),
              },
              { header: 'Perk', cell: (c) => <>{c.perkTitle} <span className="muted small">· {PERK_LABELS[c.perkKind]}</span></> },
              { header: 'Status', cell: (c) => <CampaignStatusBadge status={c.status} /> },
              { header: 'Claimed', num: true, cell: (c) => `${c.claimedCount} / ${c.quantity}` },
              { header: 'Claim by', cell: (c) => formatDate(c.claimDeadline) },
              { header: 'Created', cell: (c) => formatDate(c.createdAt) },
            ]}
          />
        )}
      </QueryResult>
    </div>
  );
}
