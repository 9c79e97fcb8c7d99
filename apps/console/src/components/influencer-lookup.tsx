import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ApiError, request } from '../graphql/client.js';
import { InfluencerLookupDocument, type InfluencerLookupQuery } from '../graphql/generated.js';
import { FormError } from './states.js';

type Answer = InfluencerLookupQuery['influencerLookup'];

/** The networks Renown can read a handle from, with what a handle there looks like. */
export const LOOKUP_PLATFORMS = [
  { value: 'bluesky', label: 'Bluesky', placeholder: 'alice.bsky.social or did:plc:…' },
  { value: 'mastodon', label: 'Mastodon', placeholder: '@bob@fosstodon.org' },
  { value: 'youtube', label: 'YouTube', placeholder: '@channel, UC… or youtube.com/@channel' },
  { value: 'instagram', label: 'Instagram', placeholder: '@ev_julia or instagram.com/ev_julia' },
] as const;

/** While a look-up is fetched or scored, it is asked again this often. */
export const LOOKUP_POLL_MS = 1500;
const WORKING = new Set(['fetching', 'scoring']);
const TONE: Record<string, string> = { ready: 'ok', fetching: 'accent', scoring: 'accent', 'not-found': 'warn', suspended: 'warn', 'opted-out': 'warn', unavailable: 'warn', failed: 'danger' };

/**
 * "Who is this?" for any handle: asks influencerLookup, shows its sentence, and while the handle is being
 * fetched or scored asks again every 1.5 s until it is ready (score and a link to the profile) or settled
 * (not found, suspended, opted out, unavailable, failed: the sentence says which).
 */
export function InfluencerLookupBox() {
  const id = useId();
  const [platform, setPlatform] = useState<string>('bluesky');
  const [handle, setHandle] = useState('');
  const [answer, setAnswer] = useState<Answer>();
  const [error, setError] = useState<ApiError>();
  const [pending, setPending] = useState(false);
  // Each submit gets a ticket; a poll or answer from an older one is dropped (and so is everything after unmount).
  const ticket = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(
    () => () => {
      ticket.current += 1;
      clearTimeout(timer.current);
    },
    [],
  );

  const ask = async (mine: number, p: string, h: string) => {
    try {
      const res = await request(InfluencerLookupDocument, { platform: p, handle: h });
      if (mine !== ticket.current) return;
      setAnswer(res.influencerLookup);
      setError(undefined);
      if (WORKING.has(res.influencerLookup.status)) timer.current = setTimeout(() => void ask(mine, p, h), LOOKUP_POLL_MS);
      else setPending(false);
    } catch (e) {
      if (mine !== ticket.current) return;
      setError(e instanceof ApiError ? e : new ApiError(String(e), 'INTERNAL'));
      setAnswer(undefined);
      setPending(false);
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    clearTimeout(timer.current);
    const mine = ++ticket.current;
    setPending(true);
    setError(undefined);
    setAnswer(undefined);
    void ask(mine, platform, handle);
  };

  const working = answer && WORKING.has(answer.status);
  const placeholder = LOOKUP_PLATFORMS.find((p) => p.value === platform)?.placeholder;
  return (
    <div className="lookup">
      <form className="inline-form" onSubmit={submit} role="search" aria-label="Handle look-up">
        <div className="field lookup-platform">
          <label htmlFor={`${id}-platform`}>Network</label>
          <select id={`${id}-platform`} value={platform} onChange={(e) => setPlatform(e.target.value)}>
            {LOOKUP_PLATFORMS.map((p) => (
              <option key={p.value} value={p.value}>
                {p.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-handle`}>Handle</label>
          <input id={`${id}-handle`} value={handle} onChange={(e) => setHandle(e.target.value)} placeholder={placeholder} autoComplete="off" spellCheck={false} aria-describedby={`${id}-hint`} />
        </div>
        <button className="btn primary" type="submit" disabled={pending && !answer}>
          Look up
        </button>
      </form>
      <p className="small muted" id={`${id}-hint`}>
        A Bluesky handle (alice.bsky.social), a DID (did:plc:…) a Mastodon handle (@bob@fosstodon.org) or an Instagram username (@ev_julia, business and creator accounts only). Renown answers from what it holds, or reads the account from its network and scores it within seconds.
      </p>
      <div className="lookup-result" aria-live="polite" aria-atomic="true" data-testid="lookup-result">
        {answer && (
          <div className={`alert ${answer.status === 'ready' ? 'ok' : working ? 'info' : 'warn'}`}>
            <div className="row" style={{ gap: 12 }}>
              {working && <span className="spinner" aria-hidden="true" />}
              {answer.status === 'ready' && answer.score !== null && (
                <span className="score" aria-label={`Renown score ${Math.round(answer.score)}`}>
                  {Math.round(answer.score)}
                </span>
              )}
              <span>
                <span className={`badge ${TONE[answer.status] ?? ''}`}>{answer.status.replace('-', ' ')}</span> {answer.message}
              </span>
            </div>
            {answer.accountId && answer.status === 'ready' && (
              <Link className="btn small" to={`/accounts/${answer.accountId}`}>
                Open profile
              </Link>
            )}
          </div>
        )}
      </div>
      <FormError error={error} />
    </div>
  );
}
