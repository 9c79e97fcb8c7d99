import { AppError, ErrorCode, logger } from '@renown/core';
import type { RawRecord } from '../model/graph-observation.js';
import type { ConnectorCursorStore } from './connector-cursor-store.js';
import type { LiveRecordSink } from './live-record-sink.js';
import { DEFAULT_BACKOFF, reconnectDelayMs, type BackoffOptions } from './reconnect-backoff.js';

export type MastodonTimeline = { kind: 'public'; local?: boolean; remote?: boolean } | { kind: 'hashtag'; tag: string };

export interface MastodonPollerOptions {
  /** Cursor key prefix; each timeline keeps its own cursor `<name>:<timeline>`. */
  name: string;
  /** The instance, e.g. https://mastodon.social */
  baseUrl: string;
  timelines: MastodonTimeline[];
  accessToken?: string;
  /** Statuses per request (Mastodon caps at 40). */
  limit?: number;
  /** Pause between polls once a timeline is caught up (default 30 s). */
  intervalMs?: number;
  sink: LiveRecordSink;
  cursors: ConnectorCursorStore;
  backoff?: BackoffOptions;
  fetch?: typeof fetch;
}

export function timelinePath(t: MastodonTimeline): string {
  if (t.kind === 'hashtag') return `/api/v1/timelines/tag/${encodeURIComponent(t.tag.replace(/^#/, ''))}`;
  return '/api/v1/timelines/public';
}

export function timelineKey(t: MastodonTimeline): string {
  return t.kind === 'hashtag' ? `tag:${t.tag.replace(/^#/, '').toLowerCase()}` : `public${t.local ? ':local' : t.remote ? ':remote' : ''}`;
}

/** Mastodon ids are decimal strings that can exceed 2^53: compare them as decimals, never as numbers. */
export function compareStatusIds(a: string, b: string): number {
  return a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0;
}

/** Splits a JSON array response into its elements' raw text, so ids and counts reach the parser untouched. */
function splitStatuses(body: string): { id: string; raw: string }[] {
  const list = JSON.parse(body.replace(/"id":\s*(\d{16,})/g, '"id":"$1"')) as unknown;
  if (!Array.isArray(list)) throw new AppError(ErrorCode.BAD_USER_INPUT, 'the Mastodon timeline answered with something other than a list of statuses; check the instance URL');
  return list.map((s: { id?: unknown }) => ({ id: String(s?.id ?? ''), raw: JSON.stringify(s) }));
}

/**
 * Polls Mastodon public and hashtag timelines and hands new statuses to the ingestion pipeline.
 *
 * Paging uses `min_id`: each request returns the statuses immediately newer than the cursor, so a burst larger
 * than one page is walked forward page by page without a gap (`since_id` would jump to the newest page and skip
 * the middle). The cursor (newest stored status id) is persisted per timeline after the sink stores the page.
 * A first run without a cursor starts from the newest page ("from now on").
 */
export class MastodonTimelinePoller {
  private stopping = false;
  private wake: (() => void) | null = null;
  readonly stats = { requests: 0, delivered: 0, errors: 0 };

  constructor(private readonly options: MastodonPollerOptions) {}

  private get fetchImpl() {
    return this.options.fetch ?? fetch;
  }

  async run(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      let delay = this.options.intervalMs ?? 30_000;
      try {
        for (const t of this.options.timelines) await this.catchUp(t);
        failures = 0;
      } catch (err) {
        this.stats.errors++;
        delay = err instanceof RetryAfter ? err.ms : reconnectDelayMs(failures++, this.options.backoff ?? DEFAULT_BACKOFF);
        logger.warn({ err: err.message, connector: this.options.name, delayMs: delay }, 'mastodon poll failed; retrying');
      }
      if (this.stopping) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
    }
  }

  stop(): void {
    this.stopping = true;
    this.wake?.();
  }

  /** Fetches pages newer than the timeline's cursor until caught up; returns how many statuses were delivered. */
  async catchUp(timeline: MastodonTimeline): Promise<number> {
    const key = `${this.options.name}:${timelineKey(timeline)}`;
    let cursor = await this.options.cursors.load(key);
    let delivered = 0;
    const limit = this.options.limit ?? 40;
    for (;;) {
      const url = new URL(timelinePath(timeline), this.options.baseUrl);
      url.searchParams.set('limit', String(limit));
      if (timeline.kind === 'public' && timeline.local) url.searchParams.set('local', 'true');
      if (timeline.kind === 'public' && timeline.remote) url.searchParams.set('remote', 'true');
      if (cursor) url.searchParams.set('min_id', cursor);
      const page = await this.get(url);
      const fresh = page.filter((s) => s.id && (!cursor || compareStatusIds(s.id, cursor) > 0)).sort((a, b) => compareStatusIds(a.id, b.id));
      if (fresh.length === 0) return delivered;
      const newest = fresh[fresh.length - 1].id;
      const records: RawRecord[] = fresh.map((s, k) => ({ raw: s.raw, position: { line: k + 1, byteOffset: 0, cursor: s.id } }));
      await this.options.sink.write({ format: 'mastodon', connector: key, records, cursor: newest });
      await this.options.cursors.save(key, url.origin + timelinePath(timeline), newest, records.length);
      cursor = newest;
      delivered += records.length;
      this.stats.delivered += records.length;
      // Without a cursor the first page was the newest one: from now on we only walk forward.
      if (page.length < limit || this.stopping) return delivered;
    }
  }

  private async get(url: URL): Promise<{ id: string; raw: string }[]> {
    this.stats.requests++;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.options.accessToken) headers.authorization = `Bearer ${this.options.accessToken}`;
    const res = await this.fetchImpl(url, { headers, signal: AbortSignal.timeout(15_000) });
    if (res.status === 429) {
      const retryAfter = res.headers.get('retry-after');
      const seconds = retryAfter && /^\d+$/.test(retryAfter) ? Number(retryAfter) : retryAfter ? (Date.parse(retryAfter) - Date.now()) / 1000 : 60;
      throw new RetryAfter(Math.max(1_000, seconds * 1000));
    }
    if (!res.ok) throw new Error(`GET ${url.pathname} answered ${res.status}`);
    return splitStatuses(await res.text());
  }
}

class RetryAfter extends Error {
  constructor(readonly ms: number) {
    super(`rate limited by the instance; retrying in ${Math.round(ms / 1000)} s`);
  }
}
