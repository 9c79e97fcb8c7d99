import { useEffect, useId, useState, type FormEvent } from 'react';
import { ActionButton } from '../components/action-button.js';
import { DataTable } from '../components/data-table.js';
import { InfluencerLookupBox } from '../components/influencer-lookup.js';
import { InstagramUsernames } from './sources/instagram-usernames.js';
import { EmptyState, ErrorState, FormError, Loading, PageHeader, QueryResult } from '../components/states.js';
import { formatDateTime, formatNumber, formatPercent } from '../format.js';
import { request } from '../graphql/client.js';
import { CancelCrawlDocument, CrawlQuarantineDocument, CrawlsDocument, PauseCrawlDocument, ResumeCrawlDocument, StartCrawlDocument, type CrawlsQuery } from '../graphql/generated.js';
import { useMutation, useQuery } from '../graphql/use-query.js';
import { NetworkCredentialsCard } from './sources/network-credentials-card.js';

type Crawl = CrawlsQuery['crawls'][number];

const NETWORKS = [
  { value: 'bluesky', label: 'Bluesky', origin: 'AppView URL', placeholder: 'https://public.api.bsky.app' },
  { value: 'mastodon', label: 'Mastodon', origin: 'Instance URL', placeholder: 'https://mastodon.social' },
  { value: 'youtube', label: 'YouTube', origin: null, placeholder: '' },
] as const;
const networkLabel = (n: string) => NETWORKS.find((x) => x.value === n)?.label ?? n;

/** While any crawl is in one of these, the list is read again this often. */
export const CRAWLS_POLL_MS = 2500;
const ACTIVE = new Set(['queued', 'running', 'waiting']);
const CAN_PAUSE = new Set(['queued', 'running', 'waiting']);
const CAN_RESUME = new Set(['paused', 'waiting', 'failed']);
const CAN_CANCEL = new Set(['queued', 'running', 'paused', 'waiting', 'failed']);
const TONE: Record<string, string> = { queued: '', running: 'accent', paused: 'warn', waiting: 'warn', cancelled: '', done: 'ok', failed: 'danger' };

/** "" -> null, else the number typed (NaN stays NaN so the API names the problem). */
const numberOrNull = (v: string) => (v.trim() === '' ? null : Number(v));

/**
 * Sources: crawl an open network (Bluesky, Mastodon) for a vertical's people, watch the crawls' progress
 * (refreshed every few seconds while one runs), pause, resume or cancel them, and look up any handle.
 */
export function Sources() {
  const crawls = useQuery(() => request(CrawlsDocument).then((d) => d.crawls));
  const active = crawls.data?.some((c) => ACTIVE.has(c.status)) ?? false;
  const { reload } = crawls;
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => void reload(), CRAWLS_POLL_MS);
    return () => clearInterval(timer);
  }, [active, reload]);

  return (
    <div className="page">
      <PageHeader title="Sources" description="Crawl the open networks for a vertical's people, and look up any handle. Crawls run in the background, politely, within the budget you give." />
      <section className="card" aria-labelledby="lookup-heading">
        <div className="card-header">
          <h2 id="lookup-heading">Look up a handle</h2>
        </div>
        <InfluencerLookupBox />
      </section>
      <InstagramUsernames />
      <StartCrawlForm onStarted={reload} />
      <NetworkCredentialsCard />
      <section className="card" aria-labelledby="crawls-heading">
        <div className="card-header">
          <h2 id="crawls-heading">Crawls</h2>
          <p>{active ? 'Refreshing every few seconds while a crawl runs.' : 'Newest first.'}</p>
        </div>
        {crawls.error && crawls.data && <ErrorState error={crawls.error} retry={() => void reload()} title="The crawls could not be refreshed" />}
        <QueryResult state={crawls} errorTitle="Crawls could not be loaded" empty={(rows) => rows.length === 0 && <EmptyState title="No crawls yet">Start one above: give the vertical's words and a budget.</EmptyState>}>
          {(rows) => (
            <ul className="crawl-list">
              {rows.map((c) => (
                <li key={c.id}>
                  <CrawlItem crawl={c} reload={reload} />
                </li>
              ))}
            </ul>
          )}
        </QueryResult>
      </section>
    </div>
  );
}

function StartCrawlForm({ onStarted }: { onStarted: () => Promise<void> }) {
  const id = useId();
  const [network, setNetwork] = useState<string>('bluesky');
  const [terms, setTerms] = useState('');
  const [origin, setOrigin] = useState('');
  const [maxAccounts, setMaxAccounts] = useState('');
  const [maxHours, setMaxHours] = useState('');
  const [started, setStarted] = useState<string>();
  const start = useMutation(() =>
    request(StartCrawlDocument, {
      input: {
        network,
        terms: terms
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean),
        origin: network === 'youtube' ? null : origin.trim() || null,
        maxAccounts: numberOrNull(maxAccounts),
        maxHours: numberOrNull(maxHours),
      },
    }),
  );
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setStarted(undefined);
    const r = await start.run();
    if (r) {
      setStarted(`Crawl of ${networkLabel(r.startCrawl.network)} for “${r.startCrawl.terms.join(', ')}” queued.`);
      setTerms('');
      await onStarted();
    }
  };
  const net = NETWORKS.find((n) => n.value === network) ?? NETWORKS[0];
  return (
    <section className="card" aria-labelledby={`${id}-heading`}>
      <div className="card-header">
        <h2 id={`${id}-heading`}>New crawl</h2>
        <p>
          Searches the network for the words, keeps the accounts that post about the vertical, and grows from their engagers and follows. YouTube spends the day's quota of your key (see below) and
          waits for the next day when it is spent; Instagram has no search: look its accounts up, or send a list of usernames.
        </p>
      </div>
      <form onSubmit={submit} aria-labelledby={`${id}-heading`} noValidate>
        <div className="crawl-form">
          <div className="field">
            <label htmlFor={`${id}-network`}>Network</label>
            <select id={`${id}-network`} value={network} onChange={(e) => setNetwork(e.target.value)}>
              {NETWORKS.map((n) => (
                <option key={n.value} value={n.value}>
                  {n.label}
                </option>
              ))}
            </select>
          </div>
          <div className="field wide">
            <label htmlFor={`${id}-terms`}>The vertical's words</label>
            <input id={`${id}-terms`} value={terms} onChange={(e) => setTerms(e.target.value)} placeholder="cars, electric vehicles, #EV" aria-describedby={`${id}-terms-hint`} />
            <span className="hint" id={`${id}-terms-hint`}>
              Comma-separated; each must name a topic Renown knows.
            </span>
          </div>
          {net.origin && (
          <div className="field wide">
            <label htmlFor={`${id}-origin`}>{net.origin} (optional)</label>
            <input id={`${id}-origin`} type="url" value={origin} onChange={(e) => setOrigin(e.target.value)} placeholder={net.placeholder} aria-describedby={`${id}-origin-hint`} />
            <span className="hint" id={`${id}-origin-hint`}>
              Leave empty for the configured {network === 'bluesky' ? 'AppView' : 'instance'}.
            </span>
          </div>
          )}
          <div className="field">
            <label htmlFor={`${id}-max-accounts`}>Max accounts</label>
            <input id={`${id}-max-accounts`} type="number" inputMode="numeric" min={1} step={1} value={maxAccounts} onChange={(e) => setMaxAccounts(e.target.value)} placeholder="e.g. 500" aria-describedby={`${id}-budget-hint`} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-max-hours`}>Max hours</label>
            <input id={`${id}-max-hours`} type="number" inputMode="decimal" min={0} step="any" value={maxHours} onChange={(e) => setMaxHours(e.target.value)} placeholder="e.g. 2" aria-describedby={`${id}-budget-hint`} />
          </div>
        </div>
        <p className="small muted" id={`${id}-budget-hint`}>
          Budget: a number of accounts, hours, or both; the crawl stops at whichever comes first.
        </p>
        <div className="row">
          <button className="btn primary" type="submit" disabled={start.pending}>
            {start.pending ? 'Starting…' : 'Start crawl'}
          </button>
        </div>
      </form>
      <FormError error={start.error} />
      {started && (
        <div className="alert ok" role="status">
          {started}
        </div>
      )}
    </section>
  );
}

function CrawlItem({ crawl: c, reload }: { crawl: Crawl; reload: () => Promise<void> }) {
  const headingId = useId();
  const pause = useMutation(() => request(PauseCrawlDocument, { id: c.id }));
  const resume = useMutation(() => request(ResumeCrawlDocument, { id: c.id }));
  const cancel = useMutation(() => request(CancelCrawlDocument, { id: c.id }));
  const error = pause.error ?? resume.error ?? cancel.error;
  const busy = pause.pending || resume.pending || cancel.pending;
  const title = `${networkLabel(c.network)} · ${c.terms.join(', ')}`;
  return (
    <article className="crawl" aria-labelledby={headingId}>
      <div className="card-header">
        <div>
          <h3 id={headingId}>{title}</h3>
          <p className="small muted">
            {c.origin} · {c.startedAt ? `started ${formatDateTime(c.startedAt)}` : `created ${formatDateTime(c.createdAt)}`}
            {c.finishedAt && ` · ended ${formatDateTime(c.finishedAt)}`}
            {c.topicSlugs.length > 0 && ` · topics: ${c.topicSlugs.join(', ')}`}
          </p>
        </div>
        <span className={`badge ${TONE[c.status] ?? ''}`} aria-label={`Status: ${c.status}`} data-testid="crawl-status">
          {c.status}
        </span>
      </div>
      {c.statusReason && <p className="small crawl-reason">{c.statusReason}</p>}
      <Progress crawl={c} />
      <dl className="crawl-counts">
        {(
          [
            ['Found', c.counts.found],
            ['Kept', c.counts.kept],
            ['Dropped', c.counts.dropped],
            ['Opted out', c.counts.optedOut],
            ['Not found', c.counts.notFound],
            ['Suspended', c.counts.suspended],
            ['Failed', c.counts.failed],
            ['Requests', c.requests],
          ] as const
        ).map(([label, v]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{formatNumber(v)}</dd>
          </div>
        ))}
        <div>
          <dt>Rate limit used</dt>
          <dd title={c.rateLimit ? `${formatNumber(c.rateLimit.remaining)} of ${formatNumber(c.rateLimit.limit)} requests left in this ${c.rateLimit.windowSeconds} s window` : undefined}>{c.rateLimit ? formatPercent(c.rateLimit.usedShare) : '–'}</dd>
        </div>
      </dl>
      <div className="row">
        {CAN_PAUSE.has(c.status) && (
          <ActionButton variant="plain" disabled={busy} run={pause.run} after={reload} label={`Pause the crawl ${title}`}>
            Pause
          </ActionButton>
        )}
        {CAN_RESUME.has(c.status) && (
          <ActionButton variant="primary" disabled={busy} run={resume.run} after={reload} label={`Resume the crawl ${title}`}>
            Resume
          </ActionButton>
        )}
        {CAN_CANCEL.has(c.status) && (
          <ActionButton disabled={busy} run={cancel.run} after={reload} confirm="Cancel this crawl for good? The accounts it imported stay." label={`Cancel the crawl ${title}`}>
            Cancel
          </ActionButton>
        )}
      </div>
      <FormError error={error} />
      <Quarantine crawlId={c.id} count={c.counts.quarantined} />
    </article>
  );
}

/** Fetched of the account budget; with only an hours budget, the time spent of it. */
function Progress({ crawl: c }: { crawl: Crawl }) {
  const fetched = c.counts.fetched;
  let label: string;
  let share: number | null = null;
  if (c.maxAccounts) {
    share = Math.min(1, fetched / c.maxAccounts);
    label = `${formatNumber(fetched)} of ${formatNumber(c.maxAccounts)} accounts fetched`;
  } else {
    label = `${formatNumber(fetched)} accounts fetched`;
    if (c.maxHours && c.startedAt) {
      const end = c.finishedAt ? new Date(c.finishedAt).getTime() : Date.now();
      share = Math.min(1, (end - new Date(c.startedAt).getTime()) / (c.maxHours * 3_600_000));
    }
  }
  const budget = [c.maxAccounts && `${formatNumber(c.maxAccounts)} accounts`, c.maxHours && `${c.maxHours} h`].filter(Boolean).join(' or ');
  return (
    <div className="meter">
      <div className="row between small">
        <span style={{ fontWeight: 550 }}>{label}</span>
        <span className="muted">
          budget {budget || '–'}
          {c.counts.pending + c.counts.fetching > 0 && ` · ${formatNumber(c.counts.pending + c.counts.fetching)} waiting to be read`}
        </span>
      </div>
      <div className="bar" role="progressbar" aria-label={c.maxAccounts ? 'Accounts fetched of the budget' : 'Time spent of the budget'} aria-valuemin={0} aria-valuemax={100} aria-valuenow={share === null ? undefined : Math.round(share * 100)} aria-valuetext={label}>
        <span style={{ width: `${Math.round((share ?? 0) * 100)}%` }} />
      </div>
    </div>
  );
}

/** The pages the crawl set aside, read when opened. */
function Quarantine({ crawlId, count }: { crawlId: string; count: number }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="quarantine" onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
      <summary>Quarantined pages ({formatNumber(count)})</summary>
      {open && <QuarantineList crawlId={crawlId} />}
    </details>
  );
}

function QuarantineList({ crawlId }: { crawlId: string }) {
  const q = useQuery(() => request(CrawlQuarantineDocument, { crawlId }).then((d) => d.crawlQuarantine), [crawlId]);
  if (q.error) return <ErrorState error={q.error} retry={() => void q.reload()} title="Quarantined pages could not be loaded" />;
  if (!q.data) return <Loading label="Loading quarantined pages…" />;
  if (!q.data.length) return <p className="small muted">No pages set aside: every page this crawl read could be used.</p>;
  return (
    <DataTable
      rows={q.data}
      rowKey={(p) => `${p.url} ${p.createdAt}`}
      label="Quarantined pages"
      columns={[
        { header: 'Page', cell: (p) => <code className="url">{p.url}</code> },
        { header: 'Why', cell: (p) => p.reason },
        { header: 'When', cell: (p) => formatDateTime(p.createdAt) },
      ]}
    />
  );
}
