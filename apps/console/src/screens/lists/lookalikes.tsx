import { useState } from 'react';
import { InfluencerTable } from '../../components/influencer-table.js';
import { EmptyState, QueryResult } from '../../components/states.js';
import { request } from '../../graphql/client.js';
import { LookalikesDocument } from '../../graphql/generated.js';
import { useQuery } from '../../graphql/use-query.js';
import { AddToList } from './add-to-list.js';

/** "More like this": accounts with similar topics and audience to one account, each with why (on a list: people not on it yet). */
export function Lookalikes({ accountId, name, headingLevel = 2, excludeShortlistId, onAdded }: { accountId: string; name: string; headingLevel?: 2 | 3; excludeShortlistId?: string; onAdded?: () => void }) {
  const q = useQuery(() => request(LookalikesDocument, { accountId, excludeShortlistId: excludeShortlistId ?? null }).then((d) => d.lookalikes), [accountId, excludeShortlistId]);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section className="card" aria-labelledby={`lookalikes-${accountId}`}>
      <div className="card-header">
        <Heading id={`lookalikes-${accountId}`}>More like {name}</Heading>
        {q.data && <p>{q.data.candidatesConsidered} candidates compared by shared topics and engagers.</p>}
      </div>
      <QueryResult state={q} errorTitle="Lookalikes could not be found" empty={(d) => d.results.length === 0 && <EmptyState title="No lookalikes yet">Nobody shares enough topics or engagers with this account.</EmptyState>}>
        {(d) => {
          const rows = d.results.filter((r) => r.influencer);
          return (
            <>
              <InfluencerTable
                rows={rows}
                row={(r) => ({ ...r.influencer!, why: r.why })}
                label={`Lookalikes of ${name}`}
                select={{ selected, toggle: (id) => setSelected((s) => (s.has(id) ? new Set([...s].filter((x) => x !== id)) : new Set([...s, id]))) }}
                extra={[{ header: 'Similarity', num: true, cell: (r) => `${Math.round(r.similarity * 100)}%` }]}
              />
              <AddToList accountIds={[...selected]} onAdded={onAdded} />
            </>
          );
        }}
      </QueryResult>
    </section>
  );
}

