import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocketServer, type WebSocket } from 'ws';

const FIXTURES = fileURLToPath(new URL('../fixtures/ingestion-live', import.meta.url));

export interface RecordedJetstreamEvent {
  timeUs: number;
  collection: string | null;
  raw: string;
}

/** The recorded Jetstream events, ordered by time_us as Jetstream replays them from its store. */
export function recordedJetstreamEvents(): RecordedJetstreamEvent[] {
  const lines = ['expected_v1.jsonl', 'golden_v1.jsonl'].flatMap((f) =>
    readFileSync(join(FIXTURES, 'bluesky-jetstream', f), 'utf8').split('\n').filter(Boolean),
  );
  return lines
    .map((raw) => {
      const e = JSON.parse(raw);
      return { timeUs: e.time_us as number, collection: (e.commit?.collection as string) ?? null, raw };
    })
    .sort((a, b) => a.timeUs - b.timeUs);
}

export interface JetstreamReplayServer {
  url: string;
  /** Every subscribe URL a client opened, in order. */
  connections: URL[];
  /** Events this server would send for a subscription (wantedCollections applied). */
  wanted(collections: string[]): RecordedJetstreamEvent[];
  close(): Promise<void>;
}

/**
 * A local stand-in for Jetstream: replays the recorded events honouring `cursor` (inclusive, like Jetstream) and
 * `wantedCollections` (identity and account events are always sent). `cutAfter[k]` makes the k-th connection
 * drop (TCP reset, no close frame) after that many events: the disconnect mid-stream. `holdAfter[k]` makes the
 * k-th connection go quiet after that many events, like a live stream with nothing new. `deadPeer` never sends
 * nor answers pings.
 */
export async function startJetstreamReplayServer(opts: { cutAfter?: Record<number, number>; holdAfter?: Record<number, number>; deadPeer?: boolean } = {}): Promise<JetstreamReplayServer> {
  const events = recordedJetstreamEvents();
  // deadPeer: accepts the connection, then neither sends nor answers pings, like a half-open TCP connection.
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, autoPong: !opts.deadPeer });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const connections: URL[] = [];
  const selected = (collections: string[], cursor: number | null) =>
    events.filter((e) => (cursor === null || e.timeUs >= cursor) && (e.collection === null || collections.length === 0 || collections.includes(e.collection)));

  wss.on('connection', (socket: WebSocket, req) => {
    const url = new URL(req.url ?? '/', 'ws://127.0.0.1');
    const k = connections.length;
    connections.push(url);
    const cursor = url.searchParams.get('cursor');
    const queue = selected(url.searchParams.getAll('wantedCollections'), cursor ? Number(cursor) : null);
    const cut = opts.cutAfter?.[k];
    const hold = opts.holdAfter?.[k];
    let sent = 0;
    if (opts.deadPeer) return;
    const pump = () => {
      if (socket.readyState !== socket.OPEN) return;
      if (cut !== undefined && sent >= cut) return socket.terminate();
      if ((hold !== undefined && sent >= hold) || sent >= queue.length) return; // quiet, connection stays open
      socket.send(queue[sent++].raw);
      setImmediate(pump);
    };
    pump();
  });

  return {
    url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/subscribe`,
    connections,
    wanted: (collections) => selected(collections, null),
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of wss.clients) c.terminate();
        wss.close(() => resolve());
      }),
  };
}

export interface MastodonReplayServer {
  baseUrl: string;
  /** Statuses the instance holds, oldest first. */
  statuses: Record<string, any>[];
  /** Adds `n` statuses (copies of the recorded ones with new ascending ids and uris). */
  publish(n: number, tags?: string[]): void;
  requests: URL[];
  /** Cuts every open streaming connection (the client sees the stream end). */
  dropStreams(): void;
  close(): Promise<void>;
}

/**
 * A local Mastodon instance serving /api/v1/timelines/public and /api/v1/timelines/tag/:tag with the API's paging:
 * newest first; `min_id` returns the page immediately newer than it, `since_id` the newest page newer than it,
 * `max_id` older than it. The recorded documentation statuses are only four, so published statuses are copies
 * of them with fresh ids (above 2^53, as on real instances) and uris. `rateLimitFirst` answers the first request
 * with 429 and Retry-After: 1.
 */
export async function startMastodonReplayServer(opts: { rateLimitFirst?: boolean } = {}): Promise<MastodonReplayServer> {
  const read = (f: string) => JSON.parse(readFileSync(join(FIXTURES, 'mastodon', f), 'utf8'));
  const recorded: Record<string, any>[] = [read('Status__00.json'), read('statuses__03.json'), ...read('statuses__06.json'), JSON.parse(read('streaming__02.json').payload)];
  const statuses: Record<string, any>[] = [];
  const requests: URL[] = [];
  let next = 0n;
  const cmp = (a: string, b: string) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0);
  let limited = !!opts.rateLimitFirst;
  const streams = new Set<{ res: import('node:http').ServerResponse; tag: string | null }>();
  const hasTag = (s: Record<string, any>, tag: string) => s.tags.some((t: { name: string }) => t.name.toLowerCase() === tag.toLowerCase());

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(url);
    if (url.pathname === '/api/v1/streaming/public' || url.pathname === '/api/v1/streaming/hashtag') {
      // Server-sent events, as Mastodon's streaming server sends them; a comment line first, like its heartbeat.
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      res.write(':thump\n\n');
      const client = { res, tag: url.pathname.endsWith('hashtag') ? url.searchParams.get('tag') : null };
      streams.add(client);
      req.on('close', () => streams.delete(client));
      return;
    }
    if (limited) {
      limited = false;
      res.writeHead(429, { 'retry-after': '1', 'content-type': 'application/json' }).end('{"error":"Too many requests"}');
      return;
    }
    const tag = /^\/api\/v1\/timelines\/tag\/([^/]+)$/.exec(url.pathname)?.[1];
    if (url.pathname !== '/api/v1/timelines/public' && !tag) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"Record not found"}');
      return;
    }
    const limit = Math.min(40, Number(url.searchParams.get('limit') ?? 20));
    const minId = url.searchParams.get('min_id');
    const sinceId = url.searchParams.get('since_id');
    const maxId = url.searchParams.get('max_id');
    let pool = statuses.filter((s) => !tag || hasTag(s, decodeURIComponent(tag)));
    if (maxId) pool = pool.filter((s) => cmp(s.id, maxId) < 0);
    let page: Record<string, any>[];
    if (minId) page = pool.filter((s) => cmp(s.id, minId) > 0).slice(0, limit);
    else page = pool.filter((s) => !sinceId || cmp(s.id, sinceId) > 0).slice(-limit);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify([...page].reverse()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));

  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    statuses,
    requests,
    publish(n, tags = []) {
      for (let k = 0; k < n; k++) {
        const base = recorded[Number(next % BigInt(recorded.length))];
        const id = (110_000_000_000_000_000n + next).toString();
        next++;
        const status = {
          ...base,
          id,
          uri: `${base.uri}/replay/${id}`,
          url: `${base.url}/replay/${id}`,
          tags: [...(base.tags ?? []), ...tags.map((name) => ({ name, url: `https://mastodon.social/tags/${name}` }))],
        };
        statuses.push(status);
        for (const c of streams) {
          if (!c.tag || hasTag(status, c.tag)) c.res.write(`event: update\ndata: ${JSON.stringify(status)}\n\n`);
        }
      }
    },
    dropStreams() {
      for (const c of streams) c.res.destroy();
      streams.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of streams) c.res.destroy();
        server.close(() => resolve());
      }),
  };
}

export { eventually } from '../support/eventually.js';
