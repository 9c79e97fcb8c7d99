import { matchesQuery, startFakeServer, type FakeAnswer, type FakeRequest, type FakeServer, type RateLimit } from './fake-network-server.js';

/**
 * A local stand-in for one Mastodon instance's public REST API (https://docs.joinmastodon.org/methods/), serving a
 * fixed world in the entities' shapes (https://docs.joinmastodon.org/entities/Account, .../Status, .../Tag).
 *
 * The instance is `world.instanceDomain`: accounts on that domain are local (`acct` is the bare username, and
 * `noindex` is present: REST::AccountSerializer has `attribute :noindex, if: :local?`); accounts elsewhere are
 * remote (`acct` is user@domain, no `noindex`). The instance knows every account of the world and all their
 * edges (a real one only knows what federated to it).
 *
 * What it reproduces from Mastodon (app/controllers/api/...):
 * - Ids are strings, snowflakes above 2^53 for accounts and statuses; lists of follows and favourites page by the
 *   id of the Follow / Favourite row, not of the account (that is what `max_id` in their Link header means).
 * - `limit` above the maximum is clamped, not refused (`limit_param`: at most twice the default).
 * - Paging is by the `Link` header: `rel="next"` (max_id) when the page is full (`records_continue?` is
 *   `size == limit`, so an exact last page still links to an empty one), `rel="prev"` (min_id) when non-empty.
 * - Unknown or deleted accounts and statuses: 404 `{ "error": "Record not found" }`.
 * - A suspended account still renders (lookup, /accounts/:id) with `suspended: true`, empty display name, note,
 *   fields and emojis, default avatar and header; its statuses, followers and following are empty lists
 *   (`@account.unavailable? ? [] : ...`); list views leave suspended accounts out (`without_suspended`);
 *   WebFinger answers 410 for it.
 * - /api/v2/search without a token: `offset` -> 401 "Search queries pagination is not supported without
 *   authentication", `resolve=true` -> 401 "...that resolve remote resources..."; statuses are only searched
 *   for signed-in users. Account search matches username and display name always, the bio only when the account
 *   is `discoverable` (AccountsIndex indexes `searchable_text` of discoverable accounts only).
 * - Rate headers X-RateLimit-* on every answer (shared server).
 */

export interface MastodonAccountRecord {
  id: string;
  username: string;
  domain: string;
  displayName: string;
  /** HTML, e.g. `<p>Car reviewer.</p>`. */
  note: string;
  avatar: string;
  header: string;
  createdAt: string;
  /** Date of the last status (YYYY-MM-DD), as Mastodon reports it. */
  lastStatusAt: string | null;
  statusesCount: number;
  followersCount: number;
  followingCount: number;
  locked: boolean;
  bot: boolean;
  group: boolean;
  discoverable: boolean;
  indexable: boolean;
  noindex: boolean;
  fields: Array<{ name: string; value: string; verified_at: string | null }>;
  status: 'active' | 'deleted' | 'suspended';
}

export interface MastodonStatusRecord {
  id: string;
  accountId: string;
  createdAt: string;
  /** Plain text; hashtags (`#EV`) and mentions (`@user@domain`) are rendered into HTML `content`. */
  text: string;
  language: string;
  tags: string[];
  /** Account ids mentioned in the text. */
  mentions: string[];
  repliesCount: number;
  reblogsCount: number;
  favouritesCount: number;
  quotesCount: number;
}

/** A favourite or a follow row: `id` is the row's own id (what Link headers page by). */
export interface MastodonEdgeRecord {
  id: string;
  accountId: string;
  /** A status id (favourite, reblog) or an account id (follow). */
  targetId: string;
  createdAt: string;
}

export interface MastodonWorld {
  instanceDomain: string;
  accounts: MastodonAccountRecord[];
  statuses: MastodonStatusRecord[];
  favourites: MastodonEdgeRecord[];
  /** `id` is the reblog's own status id. */
  reblogs: MastodonEdgeRecord[];
  follows: MastodonEdgeRecord[];
}

export interface FakeMastodonOptions {
  rateLimit?: RateLimit | null;
  latencyMs?: number;
  /** The bearer token that counts as signed in (default `fake-mastodon-token`). */
  accessToken?: string;
}

export interface FakeMastodonInstance extends FakeServer {
  readonly accessToken: string;
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const recordNotFound = () => new ApiError(404, 'Record not found');
const big = (id: string) => BigInt(id);
const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export async function startFakeMastodonInstance(world: MastodonWorld, options: FakeMastodonOptions = {}): Promise<FakeMastodonInstance> {
  const accessToken = options.accessToken ?? 'fake-mastodon-token';
  const domain = world.instanceDomain;
  const accounts = new Map(world.accounts.map((a) => [a.id, a]));
  const statuses = new Map(world.statuses.map((s) => [s.id, s]));
  const isLocal = (a: MastodonAccountRecord) => a.domain === domain;
  const acctOf = (a: MastodonAccountRecord) => (isLocal(a) ? a.username : `${a.username}@${a.domain}`);

  // ---- entities ----
  function accountEntity(a: MastodonAccountRecord): Record<string, unknown> {
    const gone = a.status === 'suspended';
    const entity: Record<string, unknown> = {
      id: a.id,
      username: a.username,
      acct: acctOf(a),
      display_name: gone ? '' : a.displayName,
      locked: gone ? false : a.locked,
      bot: a.bot,
      discoverable: gone ? false : a.discoverable,
      indexable: gone ? false : a.indexable,
      group: a.group,
      // Mastodon reports the creation day at midnight (AccountSerializer#created_at).
      created_at: `${a.createdAt.slice(0, 10)}T00:00:00.000Z`,
      note: gone ? '' : a.note,
      url: `https://${a.domain}/@${a.username}`,
      uri: `https://${a.domain}/users/${a.username}`,
      avatar: gone ? `https://${domain}/avatars/original/missing.png` : a.avatar,
      avatar_static: gone ? `https://${domain}/avatars/original/missing.png` : a.avatar,
      header: gone ? `https://${domain}/headers/original/missing.png` : a.header,
      header_static: gone ? `https://${domain}/headers/original/missing.png` : a.header,
      followers_count: a.followersCount,
      following_count: a.followingCount,
      statuses_count: a.statusesCount,
      last_status_at: a.lastStatusAt,
      hide_collections: false,
      emojis: [],
      fields: gone ? [] : a.fields,
    };
    if (isLocal(a)) entity.noindex = a.noindex;
    if (gone) entity.suspended = true;
    return entity;
  }

  function contentOf(s: MastodonStatusRecord, author: MastodonAccountRecord): string {
    let html = escapeHtml(s.text);
    html = html.replace(/#([\p{L}\p{N}_]+)/gu, (_m, tag: string) => `<a href="https://${author.domain}/tags/${tag.toLowerCase()}" class="mention hashtag" rel="tag">#<span>${tag}</span></a>`);
    html = html.replace(/(^|\s)@([a-z0-9_]+)@([a-z0-9.-]+\.[a-z]+)/gi, (_m, pre: string, user: string, host: string) => `${pre}<span class="h-card" translate="no"><a href="https://${host}/@${user}" class="u-url mention">@<span>${user}</span></a></span>`);
    return `<p>${html}</p>`;
  }

  function statusEntity(s: MastodonStatusRecord): Record<string, unknown> {
    const author = accounts.get(s.accountId)!;
    return {
      id: s.id,
      created_at: s.createdAt,
      in_reply_to_id: null,
      in_reply_to_account_id: null,
      sensitive: false,
      spoiler_text: '',
      visibility: 'public',
      language: s.language,
      uri: `https://${author.domain}/users/${author.username}/statuses/${s.id}`,
      url: `https://${author.domain}/@${author.username}/${s.id}`,
      replies_count: s.repliesCount,
      reblogs_count: s.reblogsCount,
      favourites_count: s.favouritesCount,
      quotes_count: s.quotesCount,
      edited_at: null,
      content: contentOf(s, author),
      reblog: null,
      application: isLocal(author) ? { name: 'Web', website: null } : undefined,
      account: accountEntity(author),
      media_attachments: [],
      mentions: s.mentions.flatMap((id) => {
        const m = accounts.get(id);
        return m ? [{ id: m.id, username: m.username, url: `https://${m.domain}/@${m.username}`, acct: acctOf(m) }] : [];
      }),
      tags: s.tags.map((t) => ({ name: t.toLowerCase(), url: `https://${domain}/tags/${t.toLowerCase()}` })),
      emojis: [],
      quote: null,
      card: null,
      poll: null,
    };
  }

  function reblogEntity(r: MastodonEdgeRecord): Record<string, unknown> {
    const by = accounts.get(r.accountId)!;
    const original = statusEntity(statuses.get(r.targetId)!);
    return {
      ...original,
      id: r.id,
      created_at: r.createdAt,
      uri: `https://${by.domain}/users/${by.username}/statuses/${r.id}/activity`,
      url: null,
      content: '',
      language: null,
      replies_count: 0,
      reblogs_count: 0,
      favourites_count: 0,
      quotes_count: 0,
      account: accountEntity(by),
      reblog: original,
      mentions: [],
      tags: [],
    };
  }

  // ---- params and paging ----
  function authorised(req: FakeRequest): boolean {
    const auth = req.headers.authorization;
    if (!auth) return false;
    if (auth !== `Bearer ${accessToken}`) throw new ApiError(401, 'The access token is invalid');
    return true;
  }

  /** Mastodon's `limit_param`: the default when absent, else at most twice the default. */
  function limitOf(req: FakeRequest, dflt: number): number {
    const raw = req.query.get('limit');
    if (raw === null) return dflt;
    const n = Math.abs(parseInt(raw, 10) || 0);
    return Math.min(n || dflt, dflt * 2);
  }

  /**
   * Id paging as `paginate_by_id`: max_id (older than), since_id (newest newer than), min_id (oldest newer than,
   * returned newest first). Items carry their paging id; answers newest first with the Link header.
   */
  function pageById<T>(req: FakeRequest, items: Array<{ id: string; item: T }>, dflt: number, basePath: string): { slice: T[]; link?: string } {
    const limit = limitOf(req, dflt);
    const maxId = req.query.get('max_id');
    const sinceId = req.query.get('since_id');
    const minId = req.query.get('min_id');
    let rows = [...items].sort((a, b) => (big(b.id) > big(a.id) ? 1 : big(b.id) < big(a.id) ? -1 : 0));
    const num = (v: string | null) => (v && /^\d+$/.test(v) ? big(v) : null);
    const max = num(maxId);
    const since = num(sinceId);
    const min = num(minId);
    if (max !== null) rows = rows.filter((r) => big(r.id) < max);
    if (since !== null) rows = rows.filter((r) => big(r.id) > since);
    let slice: typeof rows;
    if (min !== null) slice = rows.filter((r) => big(r.id) > min).reverse().slice(0, limit).reverse();
    else slice = rows.slice(0, limit);

    const links: string[] = [];
    const keep = new URLSearchParams();
    for (const [k, v] of req.query) if (!['max_id', 'min_id', 'since_id'].includes(k)) keep.append(k, v);
    const linkTo = (param: string, id: string) => {
      const p = new URLSearchParams(keep);
      p.set(param, id);
      return `<${req.baseUrl}${basePath}?${p.toString()}>`;
    };
    if (slice.length === limit) links.push(`${linkTo('max_id', slice.at(-1)!.id)}; rel="next"`);
    if (slice.length) links.push(`${linkTo('min_id', slice[0].id)}; rel="prev"`);
    return { slice: slice.map((r) => r.item), link: links.length ? links.join(', ') : undefined };
  }

  function accountById(id: string): MastodonAccountRecord {
    const a = accounts.get(id);
    if (!a || a.status === 'deleted') throw recordNotFound();
    return a;
  }

  const listable = (id: string) => accounts.get(id)?.status === 'active';
  const truthy = (v: string | null) => v !== null && ['1', 'true', 't', 'on', 'yes'].includes(v.toLowerCase());

  function accountStatuses(req: FakeRequest, a: MastodonAccountRecord, basePath: string) {
    if (a.status !== 'active') return { slice: [], link: undefined };
    // Nobody pins and the world has no media: those filters give empty pages.
    if (truthy(req.query.get('pinned')) || truthy(req.query.get('only_media'))) return { slice: [], link: undefined };
    const own = world.statuses.filter((s) => s.accountId === a.id).map((s) => ({ id: s.id, item: statusEntity(s) }));
    const boosts = truthy(req.query.get('exclude_reblogs'))
      ? []
      : world.reblogs.filter((r) => r.accountId === a.id && statuses.has(r.targetId) && listable(statuses.get(r.targetId)!.accountId)).map((r) => ({ id: r.id, item: reblogEntity(r) }));
    // exclude_replies: the world has no replies, so nothing to leave out.
    return pageById(req, [...own, ...boosts], 20, basePath);
  }

  function tagEntity(name: string) {
    const lower = name.toLowerCase();
    const now = Date.now();
    const history = Array.from({ length: 7 }, (_, day) => {
      const start = Math.floor(now / 86_400_000 - day) * 86_400_000;
      const used = world.statuses.filter((s) => s.tags.some((t) => t.toLowerCase() === lower) && Date.parse(s.createdAt) >= start && Date.parse(s.createdAt) < start + 86_400_000);
      return { day: String(start / 1000), uses: String(used.length), accounts: String(new Set(used.map((s) => s.accountId)).size) };
    });
    return { name: lower, url: `https://${domain}/tags/${lower}`, history };
  }

  // ---- routes ----
  type Route = { pattern: RegExp; handle: (req: FakeRequest, m: RegExpExecArray) => FakeAnswer };
  const json = (body: unknown, link?: string): FakeAnswer => ({ status: 200, body, headers: link ? { link } : undefined });

  const routes: Route[] = [
    {
      pattern: /^\/api\/v1\/accounts\/lookup$/,
      handle: (req) => {
        const raw = (req.query.get('acct') ?? '').replace(/^@/, '');
        if (!raw) throw new ApiError(400, 'param is missing or the value is empty: acct');
        const [user, host] = raw.split('@');
        const wantedDomain = !host || host.toLowerCase() === domain ? domain : host.toLowerCase();
        const a = world.accounts.find((x) => x.username.toLowerCase() === user.toLowerCase() && x.domain === wantedDomain);
        if (!a || a.status === 'deleted') throw recordNotFound();
        return json(accountEntity(a));
      },
    },
    {
      pattern: /^\/api\/v1\/accounts\/(\d+)\/statuses$/,
      handle: (req, m) => {
        const { slice, link } = accountStatuses(req, accountById(m[1]), `/api/v1/accounts/${m[1]}/statuses`);
        return json(slice, link);
      },
    },
    {
      pattern: /^\/api\/v1\/accounts\/(\d+)\/(followers|following)$/,
      handle: (req, m) => {
        const a = accountById(m[1]);
        if (a.status !== 'active') return json([]);
        const rows =
          m[2] === 'followers'
            ? world.follows.filter((f) => f.targetId === a.id && listable(f.accountId)).map((f) => ({ id: f.id, item: accountEntity(accounts.get(f.accountId)!) }))
            : world.follows.filter((f) => f.accountId === a.id && listable(f.targetId)).map((f) => ({ id: f.id, item: accountEntity(accounts.get(f.targetId)!) }));
        const { slice, link } = pageById(req, rows, 40, `/api/v1/accounts/${a.id}/${m[2]}`);
        return json(slice, link);
      },
    },
    {
      pattern: /^\/api\/v1\/accounts\/(\d+)$/,
      handle: (_req, m) => json(accountEntity(accountById(m[1]))),
    },
    {
      pattern: /^\/api\/v1\/statuses\/(\d+)\/(favourited_by|reblogged_by)$/,
      handle: (req, m) => {
        const s = statuses.get(m[1]);
        if (!s || accounts.get(s.accountId)?.status !== 'active') throw recordNotFound();
        const edges = m[2] === 'favourited_by' ? world.favourites : world.reblogs;
        const rows = edges.filter((e) => e.targetId === s.id && listable(e.accountId)).map((e) => ({ id: e.id, item: accountEntity(accounts.get(e.accountId)!) }));
        const { slice, link } = pageById(req, rows, 40, `/api/v1/statuses/${s.id}/${m[2]}`);
        return json(slice, link);
      },
    },
    {
      pattern: /^\/api\/v1\/statuses\/(\d+)$/,
      handle: (_req, m) => {
        const s = statuses.get(m[1]);
        if (!s || accounts.get(s.accountId)?.status !== 'active') throw recordNotFound();
        return json(statusEntity(s));
      },
    },
    {
      pattern: /^\/api\/v1\/timelines\/tag\/([^/]+)$/,
      handle: (req, m) => {
        const tag = decodeURIComponent(m[1]).replace(/^#/, '').toLowerCase();
        const local = truthy(req.query.get('local'));
        const remote = truthy(req.query.get('remote'));
        const rows = world.statuses
          .filter((s) => s.tags.some((t) => t.toLowerCase() === tag) && listable(s.accountId))
          .filter((s) => {
            const isHere = accounts.get(s.accountId)!.domain === domain;
            return local ? isHere : remote ? !isHere : true;
          })
          .map((s) => ({ id: s.id, item: statusEntity(s) }));
        const { slice, link } = pageById(req, rows, 20, `/api/v1/timelines/tag/${encodeURIComponent(tag)}`);
        return json(slice, link);
      },
    },
    {
      pattern: /^\/api\/v2\/search$/,
      handle: (req) => {
        const signedIn = authorised(req);
        const q = (req.query.get('q') ?? '').trim();
        if (!q) throw new ApiError(400, 'param is missing or the value is empty: q');
        if (!signedIn && req.query.get('offset')) throw new ApiError(401, 'Search queries pagination is not supported without authentication');
        if (!signedIn && truthy(req.query.get('resolve'))) throw new ApiError(401, 'Search queries that resolve remote resources are not supported without authentication');
        const type = req.query.get('type');
        const limit = limitOf(req, 20);
        const offset = Math.max(0, parseInt(req.query.get('offset') ?? '0', 10) || 0);
        const out: { accounts: unknown[]; statuses: unknown[]; hashtags: unknown[] } = { accounts: [], statuses: [], hashtags: [] };

        if (!type || type === 'accounts') {
          // `@user@domain` finds exactly that account.
          const exact = /^@?([a-z0-9_]+)@([a-z0-9.-]+)$/i.exec(q);
          const hits = world.accounts
            .filter((a) => a.status === 'active')
            .filter((a) =>
              exact
                ? a.username.toLowerCase() === exact[1].toLowerCase() && a.domain === exact[2].toLowerCase()
                : matchesQuery(q, [a.username, a.displayName, ...(a.discoverable ? [a.note] : [])]),
            )
            .sort((a, b) => b.followersCount - a.followersCount || (big(a.id) < big(b.id) ? -1 : 1));
          out.accounts = hits.slice(offset, offset + limit).map(accountEntity);
        }
        if (!type || type === 'hashtags') {
          const wanted = q.replace(/^#/, '').toLowerCase();
          const names = new Map<string, string>();
          for (const s of world.statuses) for (const t of s.tags) if (t.toLowerCase().startsWith(wanted) && !names.has(t.toLowerCase())) names.set(t.toLowerCase(), t);
          out.hashtags = [...names.values()].sort((a, b) => a.length - b.length || a.localeCompare(b)).slice(offset, offset + limit).map(tagEntity);
        }
        if ((!type || type === 'statuses') && signedIn) {
          const hits = world.statuses
            .filter((s) => listable(s.accountId) && accounts.get(s.accountId)!.indexable && matchesQuery(q, [s.text]))
            .sort((a, b) => (big(b.id) > big(a.id) ? 1 : -1));
          out.statuses = hits.slice(offset, offset + limit).map(statusEntity);
        }
        return json(out);
      },
    },
    {
      pattern: /^\/\.well-known\/webfinger$/,
      handle: (req) => {
        // This fake stands in for every home instance's WebFinger (a real server answers for its local accounts only).
        const resource = req.query.get('resource') ?? '';
        const m = /^(?:acct:)?@?([^@]+)@([^@]+)$/.exec(resource);
        if (!m) return { status: 400, raw: '', contentType: 'text/plain' };
        const a = world.accounts.find((x) => x.username.toLowerCase() === m[1].toLowerCase() && x.domain === m[2].toLowerCase());
        if (!a || a.status === 'deleted') return { status: 404, raw: '', contentType: 'text/plain' };
        if (a.status === 'suspended') return { status: 410, raw: '', contentType: 'text/plain' };
        return {
          status: 200,
          contentType: 'application/jrd+json; charset=utf-8',
          body: {
            subject: `acct:${a.username}@${a.domain}`,
            aliases: [`https://${a.domain}/@${a.username}`, `https://${a.domain}/users/${a.username}`],
            links: [
              { rel: 'http://webfinger.net/rel/profile-page', type: 'text/html', href: `https://${a.domain}/@${a.username}` },
              { rel: 'self', type: 'application/activity+json', href: `https://${a.domain}/users/${a.username}` },
              { rel: 'http://ostatus.org/schema/1.0/subscribe', template: `https://${a.domain}/authorize_interaction?uri={uri}` },
            ],
          },
        };
      },
    },
  ];

  const server = await startFakeServer(
    (req) => {
      for (const route of routes) {
        const m = route.pattern.exec(req.path);
        if (!m) continue;
        if (req.method !== 'GET') return { status: 404, body: { error: 'Record not found' } };
        try {
          return route.handle(req, m);
        } catch (err) {
          if (err instanceof ApiError) return { status: err.status, body: { error: err.message } };
          throw err;
        }
      }
      return { status: 404, body: { error: 'Record not found' } };
    },
    { network: 'mastodon', rateLimit: options.rateLimit, latencyMs: options.latencyMs },
  );
  return Object.assign(server, { accessToken });
}
