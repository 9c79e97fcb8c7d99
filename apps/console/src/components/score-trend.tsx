import { useEffect, useState } from 'react';
import { request } from '../graphql/client.js';
import { ScoreTrendDocument } from '../graphql/generated.js';
import { Sparkline } from './charts/sparkline.js';

// Trends of accounts already drawn on this page: paging back and forth does not ask again.
const cache = new Map<string, Promise<number[]>>();

// accountInfluence is a whole profile query (top posts included): at most two at a time, so a page of
// trends never holds up the search or a click (browsers open only six connections per host).
const MAX_IN_FLIGHT = 2;
let inFlight = 0;
const waiting: (() => void)[] = [];
async function throttled<T>(task: () => Promise<T>): Promise<T> {
  if (inFlight >= MAX_IN_FLIGHT) await new Promise<void>((go) => waiting.push(go));
  inFlight += 1;
  try {
    return await task();
  } finally {
    inFlight -= 1;
    waiting.shift()?.();
  }
}

/**
 * The last 30 days of an account's score as a sparkline. Search rows carry no history, so each row asks for
 * its own once it is drawn (throttled); a failure just leaves the dash, the row stays useful.
 */
export function ScoreTrend({ accountId, name }: { accountId: string; name: string }) {
  const [values, setValues] = useState<number[]>();
  useEffect(() => {
    let live = true;
    let load = cache.get(accountId);
    if (!load) {
      load = throttled(() => request(ScoreTrendDocument, { accountId }))
        .then((d) => (d.accountInfluence?.history ?? []).map((p) => Math.round(p.score)))
        .catch(() => []);
      cache.set(accountId, load);
    }
    void load.then((v) => live && setValues(v));
    return () => {
      live = false;
    };
  }, [accountId]);
  if (!values) return <span className="muted small" aria-label="Loading trend">…</span>;
  const first = values[0];
  const last = values[values.length - 1];
  const trend = first === undefined || last === undefined ? '' : last > first ? `up from ${first} to ${last}` : last < first ? `down from ${first} to ${last}` : `steady at ${last}`;
  const label = `Score of ${name} over 30 days: ${values.length < 2 ? (values.length ? `${values[0]}, one day scored so far` : 'not scored yet') : trend}`;
  if (values.length < 2) {
    return (
      <span role="img" aria-label={label} title={label} className="muted small">
        {values.length ? '· new' : '–'}
      </span>
    );
  }
  return <Sparkline values={values} label={label} />;
}
