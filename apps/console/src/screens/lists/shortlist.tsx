import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ActionButton } from '../../components/action-button.js';
import { influencerName, InfluencerTable } from '../../components/influencer-table.js';
import { EmptyState, ErrorState, FormError, Loading, BackLink, PageHeader } from '../../components/states.js';
import { request } from '../../graphql/client.js';
import { DeleteShortlistDocument, RemoveFromShortlistDocument, ShortlistDocument, UpdateShortlistEntryDocument, type ShortlistQuery } from '../../graphql/generated.js';
import { useMutation, useQuery } from '../../graphql/use-query.js';
import { Pager } from '../../components/pager.js';
import { Lookalikes } from './lookalikes.js';

type Entry = ShortlistQuery['shortlist']['entries']['entries'][number];

/** One shortlist: its people as search shows them, the brand's note and tags on each, CSV export, lookalikes. */
export function Shortlist() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const [tag, setTag] = useState('');
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const after = cursors[cursors.length - 1] ?? null;
  const q = useQuery(() => request(ShortlistDocument, { id, tag: tag || null, after }).then((d) => d.shortlist), [id, tag, after]);
  const remove = useMutation((accountId: string) => request(RemoveFromShortlistDocument, { shortlistId: id, accountIds: [accountId] }));
  const del = useMutation(() => request(DeleteShortlistDocument, { id }));
  const [editing, setEditing] = useState<string>();
  const [seed, setSeed] = useState<{ id: string; name: string }>();
  const l = q.data;
  if (q.error && !l) {
    return (
      <div className="page">
        <BackLink to="/lists">Lists</BackLink>
        {q.error.code === 'NOT_FOUND' ? <EmptyState title="No such list">It may have been deleted, or it belongs to another brand.</EmptyState> : <ErrorState error={q.error} retry={q.reload} title="This list could not be loaded" />}
      </div>
    );
  }
  if (!l) return <div className="page"><Loading /></div>;
  const rows = l.entries.entries.filter((e): e is Entry & { influencer: NonNullable<Entry['influencer']> } => !!e.influencer);
  return (
    <div className="page">
      <BackLink to="/lists">Lists</BackLink>
      <PageHeader
        title={l.name}
        description={l.description || `${l.entryCount} ${l.entryCount === 1 ? 'person' : 'people'}`}
        actions={
          <>
            <a className="btn" href={l.csvPath} download>
              Export CSV
            </a>
            <Link className="btn primary" to="/campaigns/new" state={{ shortlistId: l.id, shortlistName: l.name }}>
              Invite this list to a campaign
            </Link>
            <ActionButton run={() => del.run()} after={() => navigate('/lists')} confirm={`Delete “${l.name}”? Campaigns already invited keep their invitations.`}>
              Delete list
            </ActionButton>
          </>
        }
      />
      <FormError error={del.error ?? remove.error} />
      <section className="card" aria-labelledby="entries-heading">
        <div className="card-header">
          <h2 id="entries-heading">People</h2>
          {l.tags.length > 0 && (
            <div className="chips" role="group" aria-label="Filter by tag">
              <button type="button" className={`chip${tag ? '' : ' topic'}`} aria-pressed={!tag} onClick={() => (setTag(''), setCursors([null]))}>
                all
              </button>
              {l.tags.map((t) => (
                <button key={t.tag} type="button" className={`chip${tag === t.tag ? ' topic' : ''}`} aria-pressed={tag === t.tag} onClick={() => (setTag(t.tag), setCursors([null]))}>
                  {t.tag} · {t.count}
                </button>
              ))}
            </div>
          )}
        </div>
        {rows.length === 0 ? (
          <EmptyState title={tag ? `Nobody tagged “${tag}”` : 'Nobody on this list yet'} action={<Link className="btn" to="/discover">Find people in Discover</Link>}>
            Select people in a search or on a profile and add them here.
          </EmptyState>
        ) : (
          <InfluencerTable
            rows={rows}
            row={(e) => e.influencer}
            label={`People on ${l.name}`}
            extra={[
              {
                header: 'Note and tags',
                cell: (e) =>
                  editing === e.accountId ? (
                    <EntryEditor entry={e} listId={l.id} name={influencerName(e.influencer)} onDone={async () => (setEditing(undefined), await q.reload())} />
                  ) : (
                    <span style={{ display: 'grid', gap: 4 }}>
                      {e.note && <span className="small">{e.note}</span>}
                      <span className="chips">
                        {e.tags.map((t) => (
                          <span key={t} className="badge">
                            {t}
                          </span>
                        ))}
                      </span>
                      <button type="button" className="btn link small" onClick={() => setEditing(e.accountId)} aria-label={`Edit note and tags of ${influencerName(e.influencer)}`}>
                        {e.note || e.tags.length ? 'Edit' : 'Add note or tags'}
                      </button>
                    </span>
                  ),
              },
              {
                label: 'Actions',
                cell: (e) => (
                  <span style={{ display: 'grid', gap: 6, justifyItems: 'end' }}>
                    <button type="button" className="btn small" onClick={() => setSeed({ id: e.accountId, name: influencerName(e.influencer) })}>
                      More like this
                    </button>
                    <ActionButton run={() => remove.run(e.accountId)} after={q.reload} label={`Remove ${influencerName(e.influencer)} from the list`}>
                      Remove
                    </ActionButton>
                  </span>
                ),
              },
            ]}
          />
        )}
        <Pager page={cursors.length} hasPrevious={cursors.length > 1} hasNext={l.entries.hasNextPage} loading={q.loading} onPrevious={() => setCursors((c) => c.slice(0, -1))} onNext={() => l.entries.endCursor && setCursors((c) => [...c, l.entries.endCursor!])} />
      </section>
      {seed && <Lookalikes accountId={seed.id} name={seed.name} excludeShortlistId={l.id} onAdded={() => void q.reload()} />}
    </div>
  );
}

function EntryEditor({ entry, listId, name, onDone }: { entry: Entry; listId: string; name: string; onDone: () => Promise<void> }) {
  const save = useMutation((note: string, tags: string[]) => request(UpdateShortlistEntryDocument, { shortlistId: listId, accountId: entry.accountId, input: { note, tags } }));
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const tags = String(f.get('tags') ?? '')
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean);
    if (await save.run(String(f.get('note') ?? ''), tags)) await onDone();
  };
  return (
    <form onSubmit={submit} style={{ gap: 6, minWidth: 220 }} aria-label={`Note and tags of ${name}`}>
      <textarea name="note" aria-label={`Note on ${name}`} defaultValue={entry.note} rows={2} style={{ minHeight: 0 }} />
      <input name="tags" aria-label={`Tags of ${name}`} defaultValue={entry.tags.join(', ')} placeholder="tags, comma-separated" />
      <FormError error={save.error} />
      <div className="row">
        <button type="submit" className="btn small primary" disabled={save.pending}>
          Save
        </button>
        <button type="button" className="btn small" onClick={() => void onDone()}>
          Cancel
        </button>
      </div>
    </form>
  );
}
