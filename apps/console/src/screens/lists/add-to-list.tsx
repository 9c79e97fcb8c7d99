import { useId, useState } from 'react';
import { Link } from 'react-router';
import { Notice } from '../../components/action-button.js';
import { FormError } from '../../components/states.js';
import { request } from '../../graphql/client.js';
import { AddToShortlistDocument, CreateShortlistDocument, ShortlistsDocument } from '../../graphql/generated.js';
import { useMutation, useQuery } from '../../graphql/use-query.js';

const NEW = '__new__';

/** Puts accounts on a shortlist: an existing one, or a new one named here. Used by Discover and the profile. */
export function AddToList({ accountIds, onAdded }: { accountIds: string[]; onAdded?: () => void }) {
  const id = useId();
  const lists = useQuery(() => request(ShortlistsDocument).then((d) => d.shortlists));
  const [choice, setChoice] = useState('');
  const [name, setName] = useState('');
  const [done, setDone] = useState<{ id: string; text: string }>();
  const target = choice || (lists.data?.[0]?.id ?? NEW);
  // A new list is created first, then filled: two calls, one error place.
  const save = useMutation(async (listId: string) => {
    const id = listId === NEW ? (await request(CreateShortlistDocument, { input: { name: name.trim() } })).createShortlist.id : listId;
    return { id, result: (await request(AddToShortlistDocument, { shortlistId: id, accountIds })).addToShortlist };
  });
  const busy = save.pending;
  const error = save.error;
  const add = async () => {
    setDone(undefined);
    const r = await save.run(target);
    if (!r) return;
    setDone({ id: r.id, text: `${r.result.added} added to “${r.result.shortlist.name}”${r.result.alreadyOnList ? `, ${r.result.alreadyOnList} already on it` : ''}.` });
    setChoice(r.id);
    setName('');
    await lists.reload();
    onAdded?.();
  };
  return (
    <div style={{ display: 'grid', gap: 8 }}>
      <div className="inline-form">
        <div className="field" style={{ flex: '0 1 240px' }}>
          <label htmlFor={`${id}-list`}>Shortlist</label>
          <select id={`${id}-list`} value={target} onChange={(e) => setChoice(e.target.value)} disabled={!lists.data}>
            {(lists.data ?? []).map((l) => (
              <option key={l.id} value={l.id}>
                {l.name} ({l.entryCount})
              </option>
            ))}
            <option value={NEW}>New list…</option>
          </select>
        </div>
        {target === NEW && (
          <div className="field" style={{ flex: '0 1 240px' }}>
            <label htmlFor={`${id}-name`}>New list name</label>
            <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. Spring EV launch" />
          </div>
        )}
        <button type="button" className="btn primary" disabled={busy || accountIds.length === 0 || (target === NEW && !name.trim())} onClick={add}>
          {busy ? 'Adding…' : accountIds.length > 1 ? `Add ${accountIds.length} to list` : 'Add to list'}
        </button>
      </div>
      <FormError error={error ?? lists.error} />
      <Notice>
        {done && (
          <>
            {done.text} <Link to={`/lists/${done.id}`}>Open the list</Link>
          </>
        )}
      </Notice>
    </div>
  );
}
