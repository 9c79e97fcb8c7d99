import { parse } from 'csv-parse/browser/esm/sync';
import { useEffect, useId, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { Link } from 'react-router';
import { DataTable } from '../../components/data-table.js';
import { FormError } from '../../components/states.js';
import { ApiError, request } from '../../graphql/client.js';
import { LookupManyDocument, LookupProgressDocument } from '../../graphql/generated.js';

/** At most this many usernames per list (the API refuses more). */
export const MAX_USERNAMES = 500;
/** While any username is being fetched or scored, the list asks again this often. */
export const USERNAMES_POLL_MS = 1500;
const WORKING = new Set(['fetching', 'scoring']);
const TONE: Record<string, string> = { ready: 'ok', scoring: 'accent', fetching: 'accent', queued: 'accent', known: 'ok', 'not-found': 'warn', unavailable: 'warn', invalid: 'danger', failed: 'danger', refused: 'danger', duplicate: '' };

interface Row {
  input: string;
  handle: string | null;
  /** What the list call said (queued, known, invalid, duplicate, refused). */
  outcome: string;
  /** The look-up's status as it resolves (fetching, scoring, ready, not-found...). */
  status: string | null;
  message: string;
  accountId: string | null;
}

/**
 * The usernames of a CSV file: the column named "username" (any case) when the first row has one, else the first
 * cell of every line. Empty cells are skipped; what is left is sent as written (the API says which are invalid).
 */
export function usernamesFromCsv(text: string): string[] {
  const rows = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, relax_quotes: true, trim: true }) as string[][];
  if (!rows.length) return [];
  const column = rows[0].findIndex((c) => c.trim().toLowerCase().replace(/^@/, '') === 'username');
  const body = column >= 0 ? rows.slice(1) : rows;
  const at = column >= 0 ? column : 0;
  return body.map((r) => (r[at] ?? '').trim()).filter(Boolean);
}

/**
 * Instagram has no search to crawl: its accounts come in by username. A CSV of usernames (a "username" column, or
 * one per line) is sent as one list; each username's status is shown as it resolves (fetched, scored, not shared by
 * Instagram...), asked again every 1.5 s while any is still being read.
 */
export function InstagramUsernames() {
  const id = useId();
  const [handles, setHandles] = useState<string[]>([]);
  const [fileError, setFileError] = useState<string>();
  const [rows, setRows] = useState<Row[]>([]);
  const [error, setError] = useState<ApiError>();
  const [pending, setPending] = useState(false);
  const ticket = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(
    () => () => {
      ticket.current += 1;
      clearTimeout(timer.current);
    },
    [],
  );

  const readFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    setFileError(undefined);
    setHandles([]);
    if (!file) return;
    try {
      const found = usernamesFromCsv(await file.text());
      if (found.length > MAX_USERNAMES) setFileError(`The file has ${found.length} usernames; send at most ${MAX_USERNAMES} at a time.`);
      else if (!found.length) setFileError('No usernames in this file: give a column named "username", or one username per line.');
      setHandles(found);
    } catch (err) {
      setFileError(`The file could not be read as CSV: ${(err as Error).message}`);
    }
  };

  const waitingIn = (current: Row[]) => current.filter((r) => r.handle && r.outcome === 'queued' && (r.status === null || WORKING.has(r.status)));
  /** Asks again in a moment while some are still being read; otherwise the list is done. */
  const later = (mine: number, current: Row[]) => {
    if (waitingIn(current).length) timer.current = setTimeout(() => void poll(mine, current), USERNAMES_POLL_MS);
    else setPending(false);
  };

  const poll = async (mine: number, current: Row[]) => {
    const waiting = waitingIn(current);
    if (mine !== ticket.current) return;
    try {
      const res = await request(LookupProgressDocument, { platform: 'instagram', handles: waiting.map((r) => r.handle!) });
      if (mine !== ticket.current) return;
      const byHandle = new Map(res.lookupProgress.map((p) => [p.query, p]));
      const next = current.map((r) => {
        const p = r.outcome === 'queued' && r.handle ? byHandle.get(r.handle) : undefined;
        return p ? { ...r, status: p.status, message: p.message, accountId: p.accountId ?? r.accountId } : r;
      });
      setRows(next);
      later(mine, next);
    } catch (e) {
      if (mine !== ticket.current) return;
      setError(e instanceof ApiError ? e : new ApiError(String(e), 'INTERNAL'));
      setPending(false);
    }
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    clearTimeout(timer.current);
    const mine = ++ticket.current;
    setError(undefined);
    setPending(true);
    try {
      const res = await request(LookupManyDocument, { platform: 'instagram', handles });
      if (mine !== ticket.current) return;
      const first: Row[] = res.lookupMany.map((r) => ({ input: r.input, handle: r.handle ?? null, outcome: r.outcome, status: r.status ?? null, message: r.message, accountId: r.accountId ?? null }));
      setRows(first);
      later(mine, first);
    } catch (err) {
      if (mine !== ticket.current) return;
      setError(err instanceof ApiError ? err : new ApiError(String(err), 'INTERNAL'));
      setPending(false);
    }
  };

  const shown = (r: Row) => (r.outcome === 'queued' || r.outcome === 'known' ? (r.status ?? r.outcome) : r.outcome);
  const working = rows.filter((r) => r.outcome === 'queued' && (r.status === null || WORKING.has(r.status))).length;
  return (
    <section className="card" aria-labelledby={`${id}-heading`}>
      <div className="card-header">
        <h2 id={`${id}-heading`}>Instagram usernames</h2>
        <p>
          Instagram cannot be searched or crawled: its business and creator accounts come in by username, read through your brand's professional account. Upload a CSV with a column named “username”, or one username per line (at most {MAX_USERNAMES}).
        </p>
      </div>
      <form onSubmit={submit} aria-labelledby={`${id}-heading`} noValidate>
        <div className="field">
          <label htmlFor={`${id}-file`}>CSV of usernames</label>
          <input id={`${id}-file`} type="file" accept=".csv,text/csv,text/plain" onChange={readFile} aria-describedby={`${id}-count`} />
        </div>
        <p className="small" role="status" id={`${id}-count`}>
          {fileError ?? (
            <>
              <strong>{handles.length}</strong> username{handles.length === 1 ? '' : 's'} ready to look up.
            </>
          )}
        </p>
        <div className="row">
          <button className="btn primary" type="submit" disabled={pending || !handles.length || handles.length > MAX_USERNAMES}>
            {pending ? 'Looking up…' : 'Look them up'}
          </button>
        </div>
      </form>
      <FormError error={error} />
      {rows.length > 0 && (
        <>
          <p className="small muted" aria-live="polite" data-testid="usernames-progress">
            {working ? `${working} still being read from Instagram…` : 'Every username has its answer.'}
          </p>
          <DataTable
            rows={rows}
            rowKey={(r) => `${rows.indexOf(r)} ${r.input}`}
            label="Instagram usernames"
            columns={[
              { header: 'Username', cell: (r) => (r.handle ? `@${r.handle}` : r.input) },
              {
                header: 'Status',
                cell: (r) => (
                  <span className={`badge ${TONE[shown(r)] ?? ''}`} data-testid="username-status">
                    {shown(r)}
                  </span>
                ),
              },
              { header: 'What happened', cell: (r) => r.message },
              { header: '', label: 'Profile', cell: (r) => (r.accountId && (r.status === 'ready' || r.status === 'scoring') ? <Link to={`/accounts/${r.accountId}`}>Open profile</Link> : null) },
            ]}
          />
        </>
      )}
    </section>
  );
}
