import { logger } from '@renown/core';
import type { RawRecord } from '../model/graph-observation.js';
import { MastodonTimelinePoller, compareStatusIds, timelineKey, type MastodonPollerOptions, type MastodonTimeline } from './mastodon-timeline-poller.js';
import { DEFAULT_BACKOFF, reconnectDelayMs } from './reconnect-backoff.js';

export interface MastodonStreamingOptions extends Omit<MastodonPollerOptions, 'timelines' | 'intervalMs'> {
  /** One stream per connector: the public timeline (optionally local only) or one hashtag. */
  timeline: MastodonTimeline;
  /** Statuses per sink write while streaming (default 100), or sooner after `flushIntervalMs` (default 1000). */
  batchSize?: number;
  flushIntervalMs?: number;
}

export function streamingPath(t: MastodonTimeline): string {
  if (t.kind === 'hashtag') return `/api/v1/streaming/hashtag?tag=${encodeURIComponent(t.tag.replace(/^#/, ''))}`;
  return `/api/v1/streaming/public${t.local ? '/local' : t.remote ? '/remote' : ''}`;
}

/**
 * Follows a Mastodon timeline over the streaming API (server-sent events). Streaming has no replay, so every
 * (re)connection first catches up through the REST timeline from the stored cursor (min_id paging, see
 * MastodonTimelinePoller), then streams; `update` events newer than the cursor are batched to the sink and the
 * cursor advances with them. A status seen by both paths is delivered once.
 */
export class MastodonStreamingConnector {
  private stopping = false;
  private abort: AbortController | null = null;
  private wake: (() => void) | null = null;
  private readonly poller: MastodonTimelinePoller;
  private readonly key: string;
  private cursor: string | null = null;
  private buffer: RawRecord[] = [];
  private flushing: Promise<void> = Promise.resolve();
  readonly stats = { connections: 0, streamed: 0, caughtUp: 0 };

  constructor(private readonly options: MastodonStreamingOptions) {
    this.poller = new MastodonTimelinePoller({ ...options, timelines: [options.timeline] });
    this.key = `${options.name}:${timelineKey(options.timeline)}`;
  }

  async run(): Promise<void> {
    let failures = 0;
    const timer = setInterval(() => void this.flush().catch(() => undefined), this.options.flushIntervalMs ?? 1_000);
    try {
      while (!this.stopping) {
        try {
          this.stats.caughtUp += await this.poller.catchUp(this.options.timeline);
          this.cursor = await this.options.cursors.load(this.key);
          await this.stream();
          failures = 0;
        } catch (err) {
          if (this.stopping) break;
          logger.warn({ err: err.message, connector: this.key }, 'mastodon stream failed');
        }
        await this.flush().catch((err) => logger.error({ err, connector: this.key }, 'mastodon flush failed'));
        if (this.stopping) break;
        const delay = reconnectDelayMs(failures++, this.options.backoff ?? DEFAULT_BACKOFF);
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
      clearInterval(timer);
      await this.flush();
    }
  }

  stop(): void {
    this.stopping = true;
    this.abort?.abort();
    this.wake?.();
  }

  /** Reads the event stream until it ends; resolves on a clean end, rejects on errors. */
  private async stream(): Promise<void> {
    this.abort = new AbortController();
    const headers: Record<string, string> = { accept: 'text/event-stream' };
    if (this.options.accessToken) headers.authorization = `Bearer ${this.options.accessToken}`;
    const res = await (this.options.fetch ?? fetch)(new URL(streamingPath(this.options.timeline), this.options.baseUrl), { headers, signal: this.abort.signal });
    if (!res.ok || !res.body) throw new Error(`streaming answered ${res.status}`);
    this.stats.connections++;
    const decoder = new TextDecoder();
    let pending = '';
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        pending += decoder.decode(chunk, { stream: true });
        let end: number;
        // Server-sent events are separated by a blank line.
        while ((end = pending.search(/\r?\n\r?\n/)) >= 0) {
          const block = pending.slice(0, end);
          pending = pending.slice(end).replace(/^\r?\n\r?\n/, '');
          this.onEvent(block);
        }
      }
    } catch (err) {
      if (!this.stopping) throw err;
    }
  }

  private onEvent(block: string): void {
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split(/\r?\n/)) {
      if (line.startsWith(':')) continue; // heartbeat comment
      if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
    }
    if (event !== 'update' || data.length === 0) return; // deletes, notifications, filters_changed: not graph data here
    const raw = data.join('\n');
    let id: string | undefined;
    try {
      id = String(JSON.parse(raw).id ?? ''); // Mastodon ids are JSON strings: no precision loss
    } catch {
      id = undefined;
    }
    if (!id || (this.cursor && compareStatusIds(id, this.cursor) <= 0)) return;
    this.cursor = id;
    this.buffer.push({ raw, position: { line: ++this.stats.streamed, byteOffset: 0, cursor: id } });
    if (this.buffer.length >= (this.options.batchSize ?? 100)) void this.flush().catch(() => undefined);
  }

  private flush(): Promise<void> {
    this.flushing = this.flushing.catch(() => undefined).then(async () => {
      if (this.buffer.length === 0) return;
      const records = this.buffer;
      this.buffer = [];
      const cursor = records[records.length - 1].position.cursor!;
      try {
        await this.options.sink.write({ format: 'mastodon', connector: this.key, records, cursor });
        await this.options.cursors.save(this.key, new URL(streamingPath(this.options.timeline), this.options.baseUrl).toString(), cursor, records.length);
      } catch (err) {
        this.buffer = records.concat(this.buffer);
        throw err;
      }
    });
    return this.flushing;
  }
}
