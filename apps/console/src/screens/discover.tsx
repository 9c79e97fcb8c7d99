import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { InfluencerLookupBox } from '../components/influencer-lookup.js';
import { InfluencerTable } from '../components/influencer-table.js';
import { EmptyState, ErrorState, FormError, Loading, PageHeader } from '../components/states.js';
import { formatCompact, formatDateTime } from '../format.js';
import { ApiError, request } from '../graphql/client.js';
import { InfluencersDocument, TopicSearchDocument, type InfluencerFilterInput, type InfluencersQuery, type InfluencerTopicMatch } from '../graphql/generated.js';
import { useQuery } from '../graphql/use-query.js';
import { Pager } from '../components/pager.js';
import { AddToList } from './lists/add-to-list.js';
import { PLATFORMS } from './brand-accounts.js';

type Connection = InfluencersQuery['influencers'];
type Applied = Connection['interpretation']['applied'];
type Range = { min?: number | null; max?: number | null } | null | undefined;
const PAGE = 20;

const rangeText = (r: Range, fmt: (v: number) => string = String) =>
  !r || (r.min == null && r.max == null) ? '' : r.min != null && r.max != null ? `${fmt(r.min)}–${fmt(r.max)}` : r.min != null ? `≥ ${fmt(r.min)}` : `≤ ${fmt(r.max!)}`;
const num = (v: string | undefined) => (v && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : null);
const range = (min: string | undefined, max: string | undefined, scale = 1) => {
  const a = num(min);
  const b = num(max);
  return a === null && b === null ? null : { min: a === null ? null : a * scale, max: b === null ? null : b * scale };
};

/**
 * Discover: what a marketer types is read into topics and filters (shown as chips they can remove or add
 * to), ranked by influence within those topics, with a why-line per row. A chip edit or a filter becomes an
 * explicit `filter` field, which replaces what the typed query said about it.
 */
export function Discover() {
  const navigate = useNavigate();
  const [text, setText] = useState('top influencers in automotive');
  const [search, setSearch] = useState<{ query: string; filter: InfluencerFilterInput }>();
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const after = cursors[cursors.length - 1] ?? null;
  const q = useQuery(() => (search ? request(InfluencersDocument, { query: search.query, filter: search.filter, first: PAGE, after }).then((d) => d.influencers) : Promise.resolve(undefined)), [search, after]);

  const run = (next: { query: string; filter: InfluencerFilterInput }) => {
    setSearch(next);
    setCursors([null]);
    setSelected(new Set());
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (text.trim()) run({ query: text.trim(), filter: {} });
  };
  const refine = (patch: InfluencerFilterInput) => search && run({ query: search.query, filter: { ...search.filter, ...patch } });
  const toggle = (id: string) =>
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  const data = q.data;
  const rows = data?.edges.map((e) => e.node) ?? [];

  return (
    <div className="page">
      <PageHeader title="Discover" description="Find the people who move opinion in a vertical: type it as you would say it." />
      <section className="card">
        <form className="inline-form" onSubmit={submit} role="search">
          <div className="field">
            <label htmlFor="discover-query">What are you looking for?</label>
            <input id="discover-query" type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder="top influencers in automotive" />
          </div>
          <button className="btn primary" type="submit" disabled={!text.trim() || (q.loading && !!search)}>
            Search
          </button>
        </form>
        <p className="small muted">Try “EV reviewers on bluesky writing in german” or “fitness creators with 10k-100k followers”.</p>
        {data && <Interpretation connection={data} refine={refine} />}
        {data && <Filters key={data.searchId ?? data.rankedAt} applied={data.interpretation.applied} refine={refine} />}
      </section>

      {!search ? (
        <EmptyState title="Search to see ranked influencers">Results are ranked by influence within the topics you ask for, each with a line on why.</EmptyState>
      ) : q.error ? (
        <ErrorState error={q.error} retry={q.reload} title="The search failed" />
      ) : !data ? (
        <Loading label="Ranking influencers…" />
      ) : rows.length === 0 ? (
        <EmptyState title="Nobody matches">{data.interpretation.suggestions.length ? 'Pick a suggestion above, or try other words.' : 'Remove a chip or widen a filter to see more people.'}</EmptyState>
      ) : (
        <section className="card" aria-labelledby="results-heading" aria-busy={q.loading}>
          <div className="card-header">
            <h2 id="results-heading">Results</h2>
            <p>Ranked {formatDateTime(data.rankedAt)}; the next pages keep this order.</p>
          </div>
          <InfluencerTable rows={rows} row={(r) => r} label="Influencers" select={{ selected, toggle }} rank={(_, i) => (cursors.length - 1) * PAGE + i + 1} />
          <Pager page={cursors.length} hasPrevious={cursors.length > 1} hasNext={data.pageInfo.hasNextPage} loading={q.loading} onPrevious={() => setCursors((c) => c.slice(0, -1))} onNext={() => data.pageInfo.endCursor && setCursors((c) => [...c, data.pageInfo.endCursor!])} />
          <div className="card" style={{ boxShadow: 'none' }} aria-labelledby="selection-heading">
            <h3 id="selection-heading">{selected.size ? `${selected.size} selected` : 'Select people to shortlist or invite them'}</h3>
            <div className="row" style={{ alignItems: 'flex-end' }}>
              <AddToList accountIds={[...selected]} />
              <button type="button" className="btn" disabled={!selected.size} onClick={() => navigate('/campaigns/new', { state: { socialAccountIds: [...selected], from: `${selected.size} people from the search “${search.query}”`, query: search.query } })}>
                Invite selected to a new campaign
              </button>
              <button type="button" className="btn" onClick={() => navigate('/campaigns/new', { state: { discoveryQuery: search.query, query: search.query } })}>
                Invite the best matches to a new campaign
              </button>
            </div>
          </div>
        </section>
      )}
      <section className="card" aria-labelledby="discover-lookup-heading">
        <div className="card-header">
          <h2 id="discover-lookup-heading">Know the handle? Look it up</h2>
          <p>Anyone on Bluesky, Mastodon, YouTube or Instagram, fetched and scored within seconds when Renown does not hold them yet.</p>
        </div>
        <InfluencerLookupBox />
      </section>
    </div>
  );
}

/** What the query was read as, as chips: × takes one away, suggestions and "Add topic" add one. */
function Interpretation({ connection: c, refine }: { connection: Connection; refine: (patch: InfluencerFilterInput) => void }) {
  const i = c.interpretation;
  const a = i.applied;
  const [adding, setAdding] = useState('');
  const [addError, setAddError] = useState<ApiError>();
  const topicIds = a.topics.map((t) => t.id);
  const addTopic = async (e: FormEvent) => {
    e.preventDefault();
    setAddError(undefined);
    try {
      const found = (await request(TopicSearchDocument, { text: adding })).topicSearch.topics[0];
      if (!found) return setAddError(new ApiError(`No topic called “${adding}”.`, 'NOT_FOUND'));
      setAdding('');
      if (!topicIds.includes(found.topic.id)) refine({ topics: [...topicIds, found.topic.id] });
    } catch (err) {
      setAddError(err instanceof ApiError ? err : new ApiError(String(err), 'INTERNAL'));
    }
  };
  const chip = (key: string, label: string, kind: 'topic' | 'filter', remove: () => void) => (
    <span key={key} className={`chip ${kind}`}>
      <span>{label}</span>
      <button type="button" aria-label={`Remove ${label}`} onClick={remove}>
        ×
      </button>
    </span>
  );
  const filters: [string, string, InfluencerFilterInput][] = [
    ...a.platforms.map((p): [string, string, InfluencerFilterInput] => [`p-${p}`, `on ${p}`, { platforms: a.platforms.filter((x) => x !== p) }]),
    ...a.languages.map((l): [string, string, InfluencerFilterInput] => [`l-${l}`, `in ${l}`, { languages: a.languages.filter((x) => x !== l) }]),
    ...a.locations.map((l): [string, string, InfluencerFilterInput] => [`loc-${l}`, `near ${l}`, { locations: a.locations.filter((x) => x !== l) }]),
  ];
  const ranges: [string, string, InfluencerFilterInput][] = [];
  if (rangeText(a.followers)) ranges.push(['followers', `${rangeText(a.followers, formatCompact)} followers`, { followers: {} }]);
  if (rangeText(a.score)) ranges.push(['score', `score ${rangeText(a.score)}`, { score: {} }]);
  if (rangeText(a.topicScore)) ranges.push(['topicScore', `topic score ${rangeText(a.topicScore)}`, { topicScore: {} }]);
  if (rangeText(a.engagementRate)) ranges.push(['er', `engagement ${rangeText(a.engagementRate, (v) => `${Math.round(v * 1000) / 10}%`)}`, { engagementRate: {} }]);
  if (a.activeWithinDays) ranges.push(['active', `active in ${a.activeWithinDays} days`, { activeWithinDays: null }]);
  if (a.audienceQualityMin) ranges.push(['aq', `audience quality ≥ ${a.audienceQualityMin}`, { audienceQualityMin: null }]);
  if (a.hasContactEmail !== null && a.hasContactEmail !== undefined) ranges.push(['email', a.hasContactEmail ? 'with contact email' : 'without contact email', { hasContactEmail: null }]);
  if (a.notInvitedToCampaignId) ranges.push(['notinv', 'not yet invited to the campaign', { notInvitedToCampaignId: null }]);
  return (
    <div style={{ display: 'grid', gap: 8 }} aria-live="polite">
      <div className="chips" role="group" aria-label="Understood as">
        <span className="small muted">Understood as:</span>
        {a.topics.length === 0 && <span className="small">no topic</span>}
        {a.topics.map((t) => chip(t.id, t.name, 'topic', () => refine({ topics: topicIds.filter((x) => x !== t.id) })))}
        {a.topics.length > 1 && (
          <button type="button" className="chip filter" onClick={() => refine({ topicMatch: (a.topicMatch === 'ALL' ? 'ANY' : 'ALL') as InfluencerTopicMatch })} aria-label={`Match ${a.topicMatch === 'ALL' ? 'all' : 'any'} of the topics; switch`}>
            {a.topicMatch === 'ALL' ? 'all of them' : 'any of them'} ⇄
          </button>
        )}
        {[...filters, ...ranges].map(([key, label, patch]) => chip(key, label, 'filter', () => refine(patch)))}
      </div>
      <form className="row" onSubmit={addTopic} style={{ display: 'flex' }}>
        <label htmlFor="add-topic" className="small">
          Add a topic
        </label>
        <input id="add-topic" value={adding} onChange={(e) => setAdding(e.target.value)} placeholder="e.g. electric vehicles" style={{ maxWidth: 240 }} />
        <button type="submit" className="btn small" disabled={!adding.trim()}>
          Add
        </button>
      </form>
      <FormError error={addError} />
      {i.messages.map((m) => (
        <p key={m} className="small" role="note">
          {m}
        </p>
      ))}
      {i.suggestions.length > 0 && (
        <div className="chips">
          <span className="small muted">Did you mean:</span>
          {i.suggestions.flatMap((s) =>
            s.topics.slice(0, 3).map((t) => (
              <button key={`${s.term}-${t.id}`} type="button" className="btn small" onClick={() => refine({ topics: [...topicIds.filter((x) => x !== t.id), t.id] })}>
                {t.name}
              </button>
            )),
          )}
        </div>
      )}
    </div>
  );
}

/** Every filter the API takes, prefilled with what is applied now. */
function Filters({ applied: a, refine }: { applied: Applied; refine: (patch: InfluencerFilterInput) => void }) {
  const apply = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const v = (k: string) => String(f.get(k) ?? '');
    const list = (k: string) =>
      v(k)
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean);
    const email = v('hasContactEmail');
    refine({
      platforms: f.getAll('platforms').map(String),
      languages: list('languages'),
      locations: list('locations'),
      followers: range(v('followersMin'), v('followersMax')) ?? {},
      score: range(v('scoreMin'), v('scoreMax')) ?? {},
      topicScore: range(v('topicScoreMin'), v('topicScoreMax')) ?? {},
      engagementRate: range(v('erMin'), v('erMax'), 0.01) ?? {},
      activeWithinDays: num(v('activeWithinDays')),
      audienceQualityMin: num(v('audienceQualityMin')),
      hasContactEmail: email === '' ? null : email === 'yes',
    });
  };
  const pct = (x: number | null | undefined) => (x == null ? '' : String(Math.round(x * 1000) / 10));
  const str = (x: number | null | undefined) => (x == null ? '' : String(x));
  return (
    <details>
      <summary style={{ cursor: 'pointer', fontWeight: 550 }}>Filters</summary>
      <form onSubmit={apply} style={{ marginTop: 12 }}>
        <fieldset>
          <legend>Platforms</legend>
          <div className="row">
            {PLATFORMS.map((p) => (
              <label key={p} className="choice">
                <input type="checkbox" name="platforms" value={p} defaultChecked={a.platforms.includes(p)} /> {p}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="filters">
          <RangeField label="Followers" name="followers" min={str(a.followers?.min)} max={str(a.followers?.max)} />
          <RangeField label="Score (1-100)" name="score" min={str(a.score?.min)} max={str(a.score?.max)} />
          <RangeField label="Topic score (1-100)" name="topicScore" min={str(a.topicScore?.min)} max={str(a.topicScore?.max)} />
          <RangeField label="Engagement per post (%)" name="er" min={pct(a.engagementRate?.min)} max={pct(a.engagementRate?.max)} step="0.1" />
          <div className="field">
            <label htmlFor="f-languages">Languages</label>
            <input id="f-languages" name="languages" defaultValue={a.languages.join(', ')} placeholder="de, en" />
          </div>
          <div className="field">
            <label htmlFor="f-locations">Locations</label>
            <input id="f-locations" name="locations" defaultValue={a.locations.join(', ')} placeholder="Berlin" />
          </div>
          <div className="field">
            <label htmlFor="f-active">Active within (days)</label>
            <input id="f-active" name="activeWithinDays" type="number" min={1} defaultValue={str(a.activeWithinDays)} />
          </div>
          <div className="field">
            <label htmlFor="f-aq">Audience quality at least</label>
            <input id="f-aq" name="audienceQualityMin" type="number" min={1} max={100} defaultValue={str(a.audienceQualityMin)} />
          </div>
          <div className="field">
            <label htmlFor="f-email">Contact email</label>
            <select id="f-email" name="hasContactEmail" defaultValue={a.hasContactEmail == null ? '' : a.hasContactEmail ? 'yes' : 'no'}>
              <option value="">Either</option>
              <option value="yes">We have one</option>
              <option value="no">We have none</option>
            </select>
          </div>
        </div>
        <div className="row end">
          <button type="submit" className="btn primary">
            Apply filters
          </button>
        </div>
      </form>
    </details>
  );
}

function RangeField({ label, name, min, max, step }: { label: string; name: string; min: string; max: string; step?: string }) {
  return (
    <fieldset style={{ padding: '6px 10px' }}>
      <legend className="small">{label}</legend>
      <div className="row" style={{ flexWrap: 'nowrap' }}>
        <input aria-label={`${label} from`} name={`${name}Min`} type="number" step={step ?? 'any'} defaultValue={min} placeholder="from" />
        <input aria-label={`${label} to`} name={`${name}Max`} type="number" step={step ?? 'any'} defaultValue={max} placeholder="to" />
      </div>
    </fieldset>
  );
}
