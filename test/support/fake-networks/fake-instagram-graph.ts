import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local fake of the Instagram Graph API's Business Discovery (issue #16), answering in the Graph API's shapes:
 *
 *   GET /v<N>/<brand ig user id>?fields=business_discovery.username(<name>){followers_count,follows_count,
 *       media_count,biography,name,username,website,profile_picture_url,media.limit(N){id,caption,comments_count,
 *       like_count,media_type,media_product_type,permalink,timestamp}}&access_token=...
 *   and the paging form `media.after(<cursor>).limit(N){...}`.
 *
 * Only the fields asked for are answered (a field the owner hid, like `like_count`, is absent), media pages hold at
 * most `maxMediaPerPage` (25) items with `paging.cursors.after` while there are more. Errors are
 * `{ error: { message, type, code, error_subcode?, is_transient?, error_user_title?, error_user_msg?, fbtrace_id } }`:
 * a personal or age-gated account (and an unknown username: Meta does not tell them apart) is
 * 110 / 2207013 "Invalid user id"; a bad token 190 (an expired one 190 / 463); another IG user id than the
 * brand's 100 / 33. Every answer carries `X-Business-Use-Case-Usage` for the brand's account, whose figures tests
 * set (and may grow per call); at 100% of any of them the call is refused with a throttling error (code 4 by
 * default; 17, 32, 613 or Instagram's 80002 on request). Faults (malformed, wrong shape, 500, 503) can be injected;
 * every request is logged. Listens on 127.0.0.1 only.
 */

export type IgAccountKind = 'business' | 'creator' | 'personal' | 'age-gated';

export interface FakeIgMedia {
  id: string;
  caption: string | null;
  comments_count: number;
  /** Absent when the owner hid the like count. */
  like_count?: number;
  media_type: 'IMAGE' | 'VIDEO' | 'CAROUSEL_ALBUM';
  media_product_type: 'FEED' | 'REELS';
  permalink: string;
  timestamp: string;
}

export interface FakeIgAccount {
  id: string;
  username: string;
  kind: IgAccountKind;
  topic: 'cars' | 'ev' | 'detailing' | 'food';
  name: string;
  biography: string;
  website: string | null;
  followers_count: number;
  follows_count: number;
  /** Newest first, as the API lists them. media_count is their number. */
  media: FakeIgMedia[];
}

export interface InstagramWorld {
  /** The brand's own professional account, through which Business Discovery reads the others. */
  brandAccountId: string;
  /** The token that works. */
  token: string;
  accounts: FakeIgAccount[];
  byUsername(username: string): FakeIgAccount;
  /** Business and creator accounts: the ones Business Discovery returns. */
  readable(): FakeIgAccount[];
}

const DAY = 86_400_000;
/** Graph API timestamps: ISO 8601 with a +0000 offset. */
const graphTime = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+0000');

const CAPTIONS: Record<FakeIgAccount['topic'], string[]> = {
  cars: [
    'Cold start on the V8 this morning #cars #carsofinstagram',
    'Track day recap: new lap record on the old coupe #trackday #cars',
    'Which one would you daily? #carspotting',
    'Swapping to winter tyres, full how-to in the reel #cartips',
    'Sunday drive through the mountains #roadtrip #cars',
  ],
  ev: [
    '1,000 km in one day in an EV: charging stops explained #EV #electricvehicles',
    'Heat pump vs no heat pump: winter range test #EV #range',
    'Fast charger queue at the motorway services #charging #EV',
    'Home charger install, what it cost #EV #homecharging',
    'Battery health after 150,000 km #EV #battery',
  ],
  detailing: [
    'Paint correction, before and after #detailing #cardetailing',
    'Ceramic coating cure time, explained #ceramiccoating #detailing',
    'Interior deep clean on a family SUV #cardetailing',
  ],
  food: ['Sourdough, day three #baking #sourdough', 'Ramen from scratch #ramen #homecooking', 'Sunday brunch plate #brunch'],
};

const SPECS: Array<Omit<FakeIgAccount, 'id' | 'media'> & { mediaCount: number }> = [
  { username: 'ev_julia', kind: 'creator', topic: 'ev', name: 'Julia Winter', biography: 'EV road trips and honest range tests. Reviews: https://juliawinter.example/reviews', website: 'https://juliawinter.example', followers_count: 48_210, follows_count: 312, mediaCount: 60 },
  { username: 'torque.tom', kind: 'creator', topic: 'cars', name: 'Tom Okafor', biography: 'Cars, track days and the odd barn find. #cars', website: null, followers_count: 126_400, follows_count: 845, mediaCount: 30 },
  { username: 'mia_classics', kind: 'creator', topic: 'cars', name: 'Mia Laurent', biography: 'Classic cars restored in a tiny garage', website: 'https://miaclassics.example', followers_count: 9_870, follows_count: 1_020, mediaCount: 12 },
  { username: 'voltgarage', kind: 'business', topic: 'ev', name: 'Volt Garage', biography: 'Independent EV service and battery checks. Book: https://voltgarage.example/book', website: 'https://voltgarage.example', followers_count: 3_150, follows_count: 90, mediaCount: 7 },
  { username: 'shine.detailing', kind: 'business', topic: 'detailing', name: 'Shine Detailing Co.', biography: 'Paint correction & ceramic coatings', website: 'https://shine.example', followers_count: 21_600, follows_count: 140, mediaCount: 9 },
  { username: 'rally_rui', kind: 'creator', topic: 'cars', name: 'Rui Costa', biography: 'Rally co-driver. Posts soon.', website: null, followers_count: 640, follows_count: 210, mediaCount: 0 },
  { username: 'pam.bakes', kind: 'creator', topic: 'food', name: 'Pam Ortiz', biography: 'Bread, ramen and weekend brunch', website: 'https://pambakes.example', followers_count: 15_300, follows_count: 400, mediaCount: 6 },
  { username: 'my.private.life', kind: 'personal', topic: 'cars', name: 'Sam', biography: 'just my cars', website: null, followers_count: 212, follows_count: 300, mediaCount: 40 },
  { username: 'brewhouse.ales', kind: 'age-gated', topic: 'food', name: 'Brewhouse Ales', biography: 'Craft beer. 18+ only.', website: 'https://brewhouse.example', followers_count: 8_800, follows_count: 50, mediaCount: 20 },
];

/** The seeded automotive world: 7 professional accounts (5 car/EV/detailing, 1 empty, 1 off-topic), a personal and an age-gated one. */
export function buildInstagramWorld(options: { now?: number } = {}): InstagramWorld {
  const now = options.now ?? Date.now();
  const accounts: FakeIgAccount[] = SPECS.map((s, i) => {
    const id = `178414${String(5_000_000_00 + i * 7_919_03).padStart(11, '0')}`;
    const media: FakeIgMedia[] = Array.from({ length: s.mediaCount }, (_, j) => {
      const reel = j % 4 === 0;
      const media_type = reel ? 'VIDEO' : (['IMAGE', 'CAROUSEL_ALBUM', 'VIDEO'] as const)[j % 4 === 1 ? 0 : j % 4 === 2 ? 1 : 2];
      const code = `C${(i * 1000 + j).toString(36).padStart(4, '0')}${s.username.replace(/[^a-z]/g, '').slice(0, 6)}`;
      const m: FakeIgMedia = {
        id: `18${String(i + 1).padStart(3, '0')}${String(40_000_000_000 + j * 1_337).padStart(12, '0')}`,
        caption: j % 9 === 8 ? null : CAPTIONS[s.topic][j % CAPTIONS[s.topic].length],
        comments_count: 3 + ((j * 7 + i) % 40),
        media_type,
        media_product_type: reel ? 'REELS' : 'FEED',
        permalink: `https://www.instagram.com/${reel ? 'reel' : 'p'}/${code}/`,
        timestamp: graphTime(now - (j * 2 + 1) * DAY - i * 3_600_000),
      };
      // Every fifth media has its like count hidden by the owner: the API leaves like_count out.
      if (j % 5 !== 3) m.like_count = Math.round(s.followers_count * (0.02 + ((j * 13 + i) % 10) / 200));
      return m;
    });
    const { mediaCount: _unused, ...rest } = s;
    return { ...rest, id, media };
  });
  return {
    brandAccountId: '17841400000000001',
    token: 'EAAGfakeBrandPageToken0123456789',
    accounts,
    byUsername(username) {
      const a = accounts.find((x) => x.username === username.toLowerCase());
      if (!a) throw new Error(`no ${username} in the Instagram world`);
      return a;
    },
    readable: () => accounts.filter((a) => a.kind === 'business' || a.kind === 'creator'),
  };
}

// ---------------------------------------------------------------------------------------------------------------

export interface BusinessUseCaseUsage {
  call_count: number;
  total_cputime: number;
  total_time: number;
  /** Minutes until calls are no longer throttled (0 while not throttled). */
  estimated_time_to_regain_access: number;
}

export type IgFaultKind = 'malformed' | 'wrong-shape' | '500' | '503';

export interface IgLoggedRequest {
  path: string;
  /** The username inside business_discovery.username(...), if any. */
  username: string | null;
  /** The media cursor asked for (`media.after(...)`), if any. */
  after: string | null;
  fields: string;
  tokenValid: boolean;
  at: number;
  status: number;
}

export interface FakeInstagramGraph {
  /** http://127.0.0.1:<port>/v<N>: what INSTAGRAM_GRAPH_URL is set to. */
  readonly url: string;
  readonly requests: IgLoggedRequest[];
  /** Sets the usage figures (percent); `perCall` is added to each of them for every call answered. */
  setUsage(usage: Partial<BusinessUseCaseUsage>, perCall?: number): void;
  usage(): BusinessUseCaseUsage;
  /** The error code of a throttled call: 4 (default), 17, 32, 613 or 80002. */
  setThrottleCode(code: 4 | 17 | 32 | 613 | 80002): void;
  /** Tokens that have expired (190 / 463). */
  expireToken(token: string): void;
  inject(rule: { match: string | RegExp; kind: IgFaultKind; times?: number }): void;
  close(): Promise<void>;
}

const ERROR_TYPES: Record<number, string> = { 1: 'OAuthException', 4: 'OAuthException', 17: 'OAuthException', 32: 'OAuthException', 100: 'OAuthException', 110: 'OAuthException', 190: 'OAuthException', 613: 'OAuthException', 80002: 'OAuthException' };
const THROTTLE_MESSAGES: Record<number, string> = {
  4: '(#4) Application request limit reached',
  17: '(#17) User request limit reached',
  32: '(#32) Page request limit reached',
  613: '(#613) Calls to this api have exceeded the rate limit.',
  80002: '(#80002) There have been too many calls to this Instagram account. Wait a bit and try again. For more info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting.',
};

const MALFORMED = '<!DOCTYPE html>\n<html lang="en" id="facebook"><head><title>Sorry, something went wrong.</title></head><body><div id="error';
const PROXY_503 = '<html><head><title>503 Service Unavailable</title></head><body><h1>Service Unavailable</h1></body></html>';

/** Splits "a,b{c,d},e.limit(2){f}" at its top-level commas. */
function topLevel(fields: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < fields.length; i++) {
    const c = fields[i];
    if (c === '{' || c === '(') depth++;
    else if (c === '}' || c === ')') depth--;
    else if (c === ',' && depth === 0) {
      out.push(fields.slice(start, i).trim());
      start = i + 1;
    }
  }
  if (fields.slice(start).trim()) out.push(fields.slice(start).trim());
  return out;
}

const cursorFor = (index: number) => Buffer.from(`fake-ig-cursor:${index}`).toString('base64url');
const indexOf = (cursor: string): number | null => {
  const m = /^fake-ig-cursor:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return m ? Number(m[1]) : null;
};

let trace = 0;
const fbtraceId = () => `A${(++trace).toString(36).padStart(6, '0')}fakeTrace`;

export async function startFakeInstagramGraph(world: InstagramWorld, options: { version?: string; maxMediaPerPage?: number; latencyMs?: number } = {}): Promise<FakeInstagramGraph> {
  const version = options.version ?? 'v26.0';
  const maxPerPage = options.maxMediaPerPage ?? 25;
  const requests: IgLoggedRequest[] = [];
  const usage: BusinessUseCaseUsage = { call_count: 1, total_cputime: 1, total_time: 1, estimated_time_to_regain_access: 0 };
  let perCall = 0;
  let throttleCode: 4 | 17 | 32 | 613 | 80002 = 4;
  const expired = new Set<string>();
  const faults: Array<{ match: string | RegExp; kind: IgFaultKind; left: number }> = [];

  const usageHeader = () => JSON.stringify({ [world.brandAccountId]: [{ type: 'instagram', ...usage }] });
  const graphError = (code: number, message: string, extra: Record<string, unknown> = {}) => ({ error: { message, type: ERROR_TYPES[code] ?? 'OAuthException', code, ...extra, fbtrace_id: fbtraceId() } });

  function answer(res: ServerResponse, entry: IgLoggedRequest, status: number, body: unknown, raw?: string, contentType = 'application/json; charset=UTF-8') {
    entry.status = status;
    const payload = raw ?? JSON.stringify(body);
    res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(payload), 'x-business-use-case-usage': usageHeader(), 'x-fb-trace-id': fbtraceId() });
    res.end(payload);
  }

  function discovery(fields: string): { username: string; inner: string } | null {
    const m = /^business_discovery\.username\(([^)]*)\)\{(.*)\}$/s.exec(fields.trim());
    return m ? { username: m[1], inner: m[2] } : null;
  }

  function render(account: FakeIgAccount, inner: string): { body: Record<string, unknown> } | { error: string } {
    const out: Record<string, unknown> = {};
    for (const field of topLevel(inner)) {
      const media = /^media((?:\.(?:limit|after)\([^)]*\))*)(?:\{(.*)\})?$/s.exec(field);
      if (media) {
        const limit = Number(/\.limit\((\d+)\)/.exec(media[1])?.[1] ?? 25);
        const afterCursor = /\.after\(([^)]*)\)/.exec(media[1])?.[1] ?? null;
        const start = afterCursor === null ? 0 : indexOf(afterCursor);
        if (start === null) return { error: `(#100) Invalid cursor value: ${afterCursor}` };
        const sub = media[2] ? topLevel(media[2]) : ['id'];
        const page = account.media.slice(start, start + Math.min(limit, maxPerPage));
        const data = page.map((m) => {
          const o: Record<string, unknown> = {};
          for (const f of sub) if (f in m && (m as unknown as Record<string, unknown>)[f] !== undefined) o[f] = (m as unknown as Record<string, unknown>)[f];
          o.id = m.id;
          return o;
        });
        const end = start + page.length;
        const cursors: Record<string, string> = {};
        if (page.length) cursors.before = cursorFor(start);
        if (end < account.media.length) cursors.after = cursorFor(end);
        out.media = { data, paging: { cursors } };
        continue;
      }
      if (field === 'media_count') out.media_count = account.media.length;
      else if (field === 'profile_picture_url') out.profile_picture_url = `https://scontent.cdninstagram.example/v/t51/${account.id}.jpg`;
      else if (field === 'website') {
        if (account.website) out.website = account.website;
      } else if (['followers_count', 'follows_count', 'biography', 'name', 'username', 'id'].includes(field)) out[field] = (account as unknown as Record<string, unknown>)[field];
      else return { error: `(#100) Tried accessing nonexisting field (${field}) on node type (IGUser)` };
    }
    out.id = account.id;
    return { body: out };
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const fields = url.searchParams.get('fields') ?? '';
    const token = url.searchParams.get('access_token') ?? /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
    const bd = discovery(fields);
    const entry: IgLoggedRequest = { path: url.pathname, username: bd?.username ?? null, after: /media\.[^{]*after\(([^)]*)\)/.exec(fields)?.[1] ?? null, fields, tokenValid: token === world.token && !expired.has(token), at: Date.now(), status: 0 };
    requests.push(entry);
    if (options.latencyMs) await new Promise((r) => setTimeout(r, options.latencyMs));

    const fault = faults.find((f) => f.left > 0 && (typeof f.match === 'string' ? (url.pathname + url.search).includes(f.match) || fields.includes(f.match) : f.match.test(url.pathname + decodeURIComponent(url.search))));
    if (fault) {
      fault.left--;
      if (fault.kind === 'malformed') return answer(res, entry, 200, null, MALFORMED);
      if (fault.kind === 'wrong-shape') return answer(res, entry, 200, { id: world.brandAccountId, data: [] });
      if (fault.kind === '500') return answer(res, entry, 500, graphError(1, 'An unknown error has occurred.', { is_transient: true }));
      return answer(res, entry, 503, null, PROXY_503, 'text/html');
    }

    if (!token || token !== world.token) return answer(res, entry, 400, graphError(190, 'Invalid OAuth access token - Cannot parse access token'));
    if (expired.has(token)) {
      return answer(res, entry, 400, graphError(190, 'Error validating access token: Session has expired on Monday, 30-Nov-26 09:00:00 PST. The current time is Tuesday, 01-Dec-26 10:00:00 PST.', { error_subcode: 463 }));
    }
    // Throttled once any figure reaches 100%: the call is refused (and counted like any other).
    if (Math.max(usage.call_count, usage.total_cputime, usage.total_time) >= 100) {
      if (!usage.estimated_time_to_regain_access) usage.estimated_time_to_regain_access = 5;
      return answer(res, entry, 400, graphError(throttleCode, THROTTLE_MESSAGES[throttleCode], { is_transient: true }));
    }
    if (perCall) {
      usage.call_count = Math.min(100, usage.call_count + perCall);
      usage.total_cputime = Math.min(100, usage.total_cputime + perCall);
      usage.total_time = Math.min(100, usage.total_time + perCall);
    }
    const versionPath = `/${version}/`;
    const target = url.pathname.startsWith(versionPath) ? url.pathname.slice(versionPath.length) : null;
    if (target === null || target.includes('/')) return answer(res, entry, 400, graphError(100, `Unknown path components: ${url.pathname}`, { error_subcode: undefined }));
    if (target !== world.brandAccountId) {
      return answer(res, entry, 400, graphError(100, `Unsupported get request. Object with ID '${target}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`, { error_subcode: 33 }));
    }
    if (!bd) return answer(res, entry, 400, graphError(100, '(#100) The parameter fields must include business_discovery.username(...) for this fake'));
    const account = world.accounts.find((a) => a.username === bd.username.toLowerCase());
    if (!account || account.kind === 'personal' || account.kind === 'age-gated') {
      return answer(res, entry, 400, graphError(110, 'Invalid user id', { error_subcode: 2207013, is_transient: false, error_user_title: 'Cannot find User', error_user_msg: `The user with username: ${bd.username} cannot be found.` }));
    }
    const rendered = render(account, bd.inner);
    if ('error' in rendered) return answer(res, entry, 400, graphError(100, rendered.error));
    answer(res, entry, 200, { business_discovery: rendered.body, id: world.brandAccountId });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/${version}`;
  return {
    url: base,
    requests,
    setUsage(next, grow = 0) {
      Object.assign(usage, next);
      perCall = grow;
    },
    usage: () => ({ ...usage }),
    setThrottleCode(code) {
      throttleCode = code;
    },
    expireToken(t) {
      expired.add(t);
    },
    inject(rule) {
      faults.push({ match: rule.match, kind: rule.kind, left: rule.times ?? 1 });
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
