import { logger } from '@renown/core';
import WebSocket from 'ws';
import type { RawRecord } from '../model/graph-observation.js';
import type { ConnectorCursorStore } from './connector-cursor-store.js';
import type { LiveRecordSink } from './live-record-sink.js';
import { DEFAULT_BACKOFF, reconnectDelayMs, type BackoffOptions } from './reconnect-backoff.js';

export const DEFAULT_JETSTREAM_URL = 'wss://jetstream2.us-east.bsky.network/subscribe';

/** The collections that carry graph data; Jetstream sends identity and account events regardless. */
export const DEFAULT_WANTED_COLLECTIONS = ['app.bsky.feed.post', 'app.bsky.feed.like', 'app.bsky.feed.repost', 'app.bsky.graph.follow', 'app.bsky.actor.profile'];

export interface JetstreamConnectorOptions {
  /** Cursor key; one row in ingestion_live_cursors. */
  name: string;
  /** The subscribe endpoint, e.g. wss://jetstream2.us-east.bsky.network/subscribe. */
  url: string;
  wantedCollections?: string[];
  wantedDids?: string[];
  sink: LiveRecordSink;
  cursors: ConnectorCursorStore;
  /** Events per sink write (default 500). */
  batchSize?: number;
  /** A partial batch is written after this long (default 1000 ms), so a quiet stream still lands. */
  flushIntervalMs?: number;
  backoff?: BackoffOptions;
  /** Where to start when no cursor is stored: a time_us, or undefined for "live from now". */
  startCursor?: number;
  /**
   * Ping interval (default 30 s). A peer that has not answered a ping (nor sent anything) by the next one is
   * treated as gone: a half-open TCP connection would otherwise look like a quiet stream forever.
   */
  heartbeatMs?: number;
}

export interface JetstreamConnectorStats {
  connections: number;
  delivered: number;
  duplicatesSkipped: number;
  cursor: number | null;
}

const TIME_US = /"time_us":\s*(\d+)/;

/**
 * Follows a Bluesky Jetstream over WebSocket and hands its events to the ingestion pipeline in batches.
 *
 * Resumption: Jetstream replays from a `cursor` (a time_us, inclusive). The connector remembers the time_us of
 * the last event it accepted; after a disconnect it reconnects (exponential backoff with jitter) with that cursor
 * and drops events at or before it, so nothing is lost and nothing is delivered twice. The cursor of the last
 * batch the sink has stored is persisted, so a restarted process resumes from there too.
 */
export class JetstreamConnector {
  private socket: WebSocket | null = null;
  private stopping = false;
  private buffer: RawRecord[] = [];
  private lastAcceptedUs: number | null = null;
  private flushing: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private sequence = 0;
  private wake: (() => void) | null = null;
  readonly stats: JetstreamConnectorStats = { connections: 0, delivered: 0, duplicatesSkipped: 0, cursor: null };

  constructor(private readonly options: JetstreamConnectorOptions) {}

  /** Runs until `stop()`; resolves after the last batch is stored. */
  async run(): Promise<void> {
    const stored = await this.options.cursors.load(this.options.name);
    this.lastAcceptedUs = stored !== null ? Number(stored) : (this.options.startCursor ?? null);
    this.stats.cursor = this.lastAcceptedUs;
    this.timer = setInterval(() => void this.flush().catch((err) => logger.error({ err, connector: this.options.name }, 'jetstream flush failed')), this.options.flushIntervalMs ?? 1000);
    let attempt = 0;
    try {
      while (!this.stopping) {
        const receivedAny = await this.connectOnce();
        await this.flush();
        if (this.stopping) break;
        attempt = receivedAny ? 0 : attempt + 1;
        const delay = reconnectDelayMs(attempt, this.options.backoff ?? DEFAULT_BACKOFF);
        logger.warn({ connector: this.options.name, delayMs: delay, cursor: this.lastAcceptedUs }, 'jetstream disconnected; reconnecting');
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, delay);
          this.wake = () => {
            clearTimeout(t);
            resolve();
          };
        });
        this.wake = null;
      }
    } finally {
      if (this.timer) clearInterval(this.timer);
      await this.flush();
    }
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    this.socket?.close(1000, 'connector stopping');
  }

  /** The subscribe URL for the current position (exposed for logs and tests). */
  subscribeUrl(): string {
    const url = new URL(this.options.url);
    for (const c of this.options.wantedCollections ?? DEFAULT_WANTED_COLLECTIONS) url.searchParams.append('wantedCollections', c);
    for (const d of this.options.wantedDids ?? []) url.searchParams.append('wantedDids', d);
    if (this.lastAcceptedUs !== null) url.searchParams.set('cursor', String(this.lastAcceptedUs));
    return url.toString();
  }

  /** One connection's life; resolves when it closes, with whether any event arrived. */
  private connectOnce(): Promise<boolean> {
    return new Promise((resolve) => {
      let receivedAny = false;
      const socket = new WebSocket(this.subscribeUrl(), { handshakeTimeout: 10_000 });
      this.socket = socket;
      let alive = true;
      let heartbeat: NodeJS.Timeout | null = null;
      socket.on('open', () => {
        this.stats.connections++;
        logger.info({ connector: this.options.name, cursor: this.lastAcceptedUs }, 'jetstream connected');
        heartbeat = setInterval(() => {
          if (!alive) {
            logger.warn({ connector: this.options.name }, 'jetstream peer stopped answering pings; reconnecting');
            socket.terminate();
            return;
          }
          alive = false;
          socket.ping();
        }, this.options.heartbeatMs ?? 30_000);
      });
      socket.on('pong', () => (alive = true));
      socket.on('message', (data: Buffer, isBinary: boolean) => {
        alive = true;
        if (isBinary) return; // zstd-compressed frames are only sent when requested; we never request them
        receivedAny = true;
        this.accept(data.toString('utf8'));
        if (this.buffer.length >= (this.options.batchSize ?? 500)) {
          // Hold the socket while the batch is written: TCP backpressure instead of an unbounded buffer.
          socket.pause();
          this.flush()
            .catch((err) => logger.error({ err, connector: this.options.name }, 'jetstream flush failed'))
            .finally(() => socket.resume());
        }
      });
      socket.on('error', (err) => logger.warn({ err: err.message, connector: this.options.name }, 'jetstream socket error'));
      socket.on('close', () => {
        if (heartbeat) clearInterval(heartbeat);
        this.socket = null;
        resolve(receivedAny);
      });
    });
  }

  private accept(raw: string): void {
    const m = TIME_US.exec(raw);
    const timeUs = m ? Number(m[1]) : null;
    if (timeUs !== null && this.lastAcceptedUs !== null && timeUs <= this.lastAcceptedUs) {
      this.stats.duplicatesSkipped++;
      return;
    }
    if (timeUs !== null) this.lastAcceptedUs = timeUs;
    // An event without time_us is passed on: the parser quarantines it with its raw text.
    this.buffer.push({ raw, position: { line: ++this.sequence, byteOffset: 0, cursor: timeUs !== null ? String(timeUs) : undefined } });
  }

  /** Writes buffered events, then persists the cursor; one flush at a time, in order. */
  private flush(): Promise<void> {
    this.flushing = this.flushing.catch(() => undefined).then(async () => {
      if (this.buffer.length === 0) return;
      const records = this.buffer;
      this.buffer = [];
      const cursor = [...records].reverse().find((r) => r.position.cursor)?.position.cursor ?? String(this.lastAcceptedUs ?? '');
      try {
        await this.options.sink.write({ format: 'bluesky-jetstream', connector: this.options.name, records, cursor });
        if (cursor) await this.options.cursors.save(this.options.name, this.options.url, cursor, records.length);
      } catch (err) {
        // Keep the batch (it is retried with the next flush) and leave the stored cursor where it was.
        this.buffer = records.concat(this.buffer);
        throw err;
      }
      this.stats.delivered += records.length;
      this.stats.cursor = cursor ? Number(cursor) : this.stats.cursor;
    });
    return this.flushing;
  }
}
