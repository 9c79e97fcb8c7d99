import { useEffect, useRef, useState } from 'react';
import { request } from '../graphql/client.js';
import { ScoreTrendDocument } from '../graphql/generated.js';
import { Sparkline } from './charts/sparkline.js';

// Trends already loaded on this page: paging back and forth does not ask again.
const cache = new Map<string, number[]>();

// accountInfluence is a whole profile query (top posts included): at most two at a time, only for rows on
// screen, and a row that leaves the page before its turn never asks, so a page of trends never holds up the
// search or a click (browsers open only six connections per host) nor leaves work queued on the server.
const MAX_IN_FLIGHT = 2;
let inFlight = 0;
const waiting: (() => void)[] = [];
async function whenFree(): Promise<() => void> {
  if (inFlight >= MAX_IN_FLIGHT) await new Promise<void>((go) => waiting.push(go));
  inFlight += 1;
  return () => {
    inFlight -= 1;
    waiting.shift()?.();
  };
}

/**
 * The last 30 days of an account's score as a sparkline. Search rows carry no history, so each row asks for
 * its own when it is on screen (throttled); a failure just leaves the dash, the row stays useful.
 */
export function ScoreTrend({ accountId, name }: { accountId: string; name: string }) {
  const [values, setValues] = useState<number[] | undefined>(cache.get(accountId));
  const ref = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    if (cache.has(accountId)) return setValues(cache.get(accountId));
    let live = true;
    let started = false;
    const load = async () => {
      if (started) return;
      started = true;
      const release = await whenFree();
      try {
        if (!live) return;
        const d = await request(ScoreTrendDocument, { accountId }).catch(() => undefined);
        const v = (d?.accountInfluence?.history ?? []).map((p) => Math.round(p.score));
        if (d) cache.set(accountId, v);
        if (live) setValues(v);
      } finally {
        release();
      }
    };
    const el = ref.current;
    if (!el || typeof IntersectionObserver === 'undefined') {
      void load();
      return () => void (live = false);
    }
    const seen = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && void load());
    seen.observe(el);
    return () => {
      live = false;
      seen.disconnect();
    };
  }, [accountId]);
  if (!values) {
    return (
      <span ref={ref} className="muted small" aria-label="Loading trend">
        …
      </span>
    );
  }
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
