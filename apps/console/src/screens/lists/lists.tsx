import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { DataTable } from '../../components/data-table.js';
import { Field } from '../../components/field.js';
import { EmptyState, FormError, PageHeader, QueryResult } from '../../components/states.js';
import { formatDateTime } from '../../format.js';
import { request } from '../../graphql/client.js';
import { CreateShortlistDocument, ShortlistsDocument } from '../../graphql/generated.js';
import { useMutation, useQuery } from '../../graphql/use-query.js';

/** The brand's shortlists, and a new one. */
export function Lists() {
  const navigate = useNavigate();
  const lists = useQuery(() => request(ShortlistsDocument).then((d) => d.shortlists));
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const create = useMutation(() => request(CreateShortlistDocument, { input: { name: name.trim(), description } }));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await create.run();
    if (r) navigate(`/lists/${r.createShortlist.id}`);
  };
  return (
    <div className="page">
      <PageHeader title="Lists" description="Shortlists of people to watch or invite, with your notes and tags. Add people from Discover or a profile." />
      <section className="card" aria-labelledby="new-list-heading">
        <h2 id="new-list-heading">New list</h2>
        <form className="inline-form" onSubmit={submit}>
          <Field label="List name" value={name} onChange={(e) => setName(e.target.value)} required placeholder="Spring EV launch" />
          <Field label="Description" value={description} onChange={(e) => setDescription(e.target.value)} placeholder="optional" />
          <button className="btn primary" type="submit" disabled={create.pending || !name.trim()}>
            Create list
          </button>
        </form>
        <FormError error={create.error} />
      </section>
      <section className="card" aria-labelledby="lists-heading">
        <h2 id="lists-heading">Your lists</h2>
        <QueryResult state={lists} errorTitle="Lists could not be loaded" empty={(rows) => rows.length === 0 && <EmptyState title="No lists yet" action={<Link to="/discover" className="btn">Find people in Discover</Link>}>Create one above, or add people from a search.</EmptyState>}>
          {(rows) => (
            <DataTable
              rows={rows}
              rowKey={(l) => l.id}
              label="Shortlists"
              columns={[
                { header: 'List', cell: (l) => <span style={{ display: 'grid' }}><Link to={`/lists/${l.id}`}>{l.name}</Link>{l.description && <span className="small muted">{l.description}</span>}</span> },
                { header: 'People', num: true, cell: (l) => l.entryCount },
                { header: 'Tags', cell: (l) => <span className="chips">{l.tags.slice(0, 5).map((t) => <span key={t.tag} className="badge">{t.tag} · {t.count}</span>)}</span> },
                { header: 'Changed', cell: (l) => formatDateTime(l.updatedAt) },
                { num: true, cell: (l) => <a className="btn small" href={l.csvPath} download>CSV</a> },
              ]}
            />
          )}
        </QueryResult>
      </section>
    </div>
  );
}
