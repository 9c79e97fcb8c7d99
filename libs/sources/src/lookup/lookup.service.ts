import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, BadInputError, JobHandler, logger, QueueService } from '@renown/core';
import { GraphImporter, type NetworkName } from '@renown/ingestion';
import { INFLUENCE_MODEL_VERSION, SCORING_RUN_QUEUE } from '@renown/scoring';
import { NetworkUnavailableError } from '../http/polite-http-client.js';
import { credentialFor } from '../credentials/network-credentials.js';
import { InstagramCredentialError, InstagramUsageLimitError, INSTAGRAM_NO_CREDENTIAL, INSTAGRAM_USERNAME } from '../networks/instagram/instagram-connector.js';
import { pagesToRecords } from '../networks/pages-to-records.js';
import { YOUTUBE_NO_CREDENTIAL } from '../networks/create-connector.js';
import { QuotaExhaustedError } from '../quota/quota-ledger.js';
import { CredentialRefusedError } from '../credentials/credential-refused.error.js';
import { MalformedPageError } from '../networks/malformed-page.error.js';
import { CrawlsService } from '../crawl/crawls.service.js';
import { recordOptOut } from '../crawl/opt-outs.js';
import { connectorFor, CRAWL_NETWORKS, originOf } from '../sources.settings.js';

export const LOOKUP_QUEUE = 'sources.lookup';

export type LookupStatus = 'fetching' | 'scoring' | 'ready' | 'not-found' | 'suspended' | 'opted-out' | 'unavailable' | 'failed';

export interface LookupAnswer {
  platform: NetworkName;
  /** The handle as Renown reads it: `alice.bsky.social`, `did:plc:...`, `bob@fosstodon.org`. */
  query: string;
  status: LookupStatus;
  /** A plain sentence for the console. */
  message: string;
  accountId: string | null;
  score: number | null;
  lastFetchedAt: Date | null;
}

/** Fetched less than this long ago: answered from what Renown holds, no new fetch. */
const FRESH_HOURS = 24;
/** An outcome (not found, suspended, down) is remembered this long, so a typo is not fetched on every keystroke. */
const OUTCOME_MEMORY_SECONDS = 120;

/** `@bob@fosstodon.org` -> `bob@fosstodon.org`; `bob` -> `bob@<instance host>`; Bluesky handles lower-cased, DIDs as they are. */
export function normalizeHandle(platform: NetworkName, input: string, instanceHost: string): string {
  if (platform === 'instagram') return normalizeInstagramUsername(input);
  if (platform === 'youtube') return normalizeYoutubeChannel(input);
  const raw = input.trim().replace(/^@/, '');
  if (!raw) throw new BadInputError('Type a handle, like alice.bsky.social or @bob@fosstodon.org.', { field: 'handle' });
  if (platform === 'bluesky') {
    if (/^did:(plc|web):[a-z0-9._:%-]+$/i.test(raw)) return raw;
    const handle = raw.toLowerCase();
    if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(handle)) throw new BadInputError(`"${input}" is not a Bluesky handle (like alice.bsky.social) or a DID (did:plc:...).`, { field: 'handle' });
    return handle;
  }
  const [user, host, ...rest] = raw.toLowerCase().split('@');
  if (rest.length || !/^[a-z0-9_]{1,64}$/.test(user) || (host !== undefined && !/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(host))) {
    throw new BadInputError(`"${input}" is not a Mastodon handle (like @bob@fosstodon.org).`, { field: 'handle' });
  }
  return `${user}@${host ?? instanceHost}`;
}

/**
 * A YouTube channel as a look-up reads it: a channel id as it is (`UC` + 22 characters, case matters), or a handle
 * without '@' in lower case. Accepts `@name`, `name`, `UC...`, `youtube.com/@name` and `youtube.com/channel/UC...`
 * (with or without https://, www. or m., and anything after the channel part).
 */
export function normalizeYoutubeChannel(input: string): string {
  let raw = input.trim();
  const url = /^(?:https?:\/\/)?(?:(?:www|m)\.)?youtube\.com\/(?:channel\/(UC[A-Za-z0-9_-]{22})|(@[^/?#\s]+))(?:[/?#].*)?$/i.exec(raw);
  if (url) raw = url[1] ?? decodeURIComponent(url[2]);
  if (/^UC[A-Za-z0-9_-]{22}$/.test(raw)) return raw;
  const handle = raw.replace(/^@/, '').toLowerCase();
  if (!handle) throw new BadInputError('Type a YouTube handle or channel, like @torquetalk, youtube.com/@torquetalk or UC... (a channel id).', { field: 'handle' });
  if (!/^[a-z0-9._-]{3,30}$/.test(handle)) {
    throw new BadInputError(`"${input}" is not a YouTube handle (like @torquetalk), a channel id (UC...) or a channel address (youtube.com/@name, youtube.com/channel/UC...).`, { field: 'handle' });
  }
  return handle;
}

/** `name`, `@name`, `instagram.com/name` or `https://www.instagram.com/name/?hl=en` -> `name` (lower case). */
export function normalizeInstagramUsername(input: string): string {
  let raw = input.trim();
  const url = /^(?:https?:\/\/)?(?:(?:www|m)\.)?instagram\.com\/([^/?#\s]+)\/?(?:[?#].*)?$/i.exec(raw);
  if (url) raw = url[1];
  raw = raw.replace(/^@/, '').toLowerCase();
  if (!raw) throw new BadInputError('Type an Instagram username, like @ev_julia or instagram.com/ev_julia.', { field: 'handle' });
  if (!INSTAGRAM_USERNAME.test(raw) || raw.startsWith('.') || raw.endsWith('.') || raw.includes('..')) {
    throw new BadInputError(`"${input}" is not an Instagram username (letters, digits, periods and underscores, at most 30, like @ev_julia).`, { field: 'handle' });
  }
  return raw;
}

/** Usernames one lookupMany call may queue. */
export const MAX_LOOKUPS_PER_CALL = 500;

export interface LookupManyOutcome {
  /** What was sent, as sent. */
  input: string;
  /** The username as Renown reads it (null when invalid). */
  handle: string | null;
  /** queued: a fetch was started (or one already running is joined); known: answered from what Renown holds; invalid; duplicate (asked earlier in the same list); refused (the plan's searches ran out). */
  outcome: 'queued' | 'known' | 'invalid' | 'duplicate' | 'refused';
  status: LookupStatus | null;
  message: string;
  accountId: string | null;
  score: number | null;
}

/**
 * "Who is this?" for any handle: answered at once from what Renown holds when it is fresh, otherwise fetched in the
 * worker (profile, recent posts and their engagers, a sample of followers) and scored right after, so the console
 * shows it arrive within seconds. One fetch per handle at a time: asking again while it runs joins it.
 */
@Injectable()
export class LookupService {
  constructor(
    private readonly crawls: CrawlsService,
    private readonly queue: QueueService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private get pool() {
    return this.crawls.pool;
  }

  private instanceHost() {
    return new URL(originOf(this.config, 'mastodon')).host;
  }

  parsePlatform(platform: string): NetworkName {
    const p = platform.trim().toLowerCase() as NetworkName;
    // Instagram is read by look-up only (it has no search to crawl from).
    const readable = [...new Set<NetworkName>([...CRAWL_NETWORKS, 'instagram'])];
    if (!readable.includes(p)) throw new BadInputError(`Look-ups read ${readable.join(' or ')}; "${platform}" is not one of them.`, { field: 'platform' });
    return p;
  }

  /** Instagram needs a token: the brand's own or the configured one; none is refused before anything is queued. */
  private async assertCanRead(platform: NetworkName, brandId: string | null) {
    if (platform === 'youtube') {
      if (!(await credentialFor(this.pool, this.config, brandId, 'youtube'))) throw new BadInputError(YOUTUBE_NO_CREDENTIAL, { field: 'platform' });
      return;
    }
    if (platform !== 'instagram') return;
    if (!(await credentialFor(this.pool, this.config, brandId, 'instagram'))) throw new BadInputError(INSTAGRAM_NO_CREDENTIAL, { field: 'platform' });
  }

  /**
   * `meter` runs when, and only when, this call starts a new fetch (with the fetch's id, a key that never counts
   * twice): the brand's plan pays for reading the network, not for answers from what Renown holds. When it
   * throws (the plan's allowance is spent), nothing is fetched and the error goes to the caller.
   */
  async lookup(platformInput: string, handleInput: string, options: { fetch?: boolean; meter?: (lookupId: string) => Promise<unknown>; brandId?: string | null; started?: (lookupId: string) => void } = { fetch: true }): Promise<LookupAnswer> {
    const platform = this.parsePlatform(platformInput);
    const query = normalizeHandle(platform, handleInput, this.instanceHost());
    const base = { platform, query };
    const { rows: opted } = await this.pool.query(`SELECT 1 FROM network_opt_outs WHERE platform = $1 AND (external_id = $2 OR lower(handle) = $2)`, [platform, query]);
    if (opted.length) return { ...base, status: 'opted-out', message: `${query} asked ${platform} not to be read by other services, so Renown does not fetch or score it.`, accountId: null, score: null, lastFetchedAt: null };

    const known = await this.known(platform, query);
    const fresh = known?.lastFetchedAt && Date.now() - known.lastFetchedAt.getTime() < FRESH_HOURS * 3_600_000;
    if (known && (fresh || !options.fetch)) return this.answerFor(base, known);
    if (!options.fetch) return { ...base, status: 'not-found', message: `Renown does not know ${query} yet; ask with fetch to read it from ${platform}.`, accountId: null, score: null, lastFetchedAt: null };

    await this.assertCanRead(platform, options.brandId ?? null);
    // Instagram and YouTube are read with the asking brand's token or key: another brand's outcome (a refused token, a spent quota) is not this one's.
    const own = platform === 'instagram' || platform === 'youtube';
    const { rows: recent } = await this.pool.query(
      `SELECT id::text, status, message, account_id::text AS "accountId", requested_at AS "requestedAt" FROM account_lookups
       WHERE platform = $1 AND lower(query) = lower($2)${own ? ` AND (status = 'fetching' OR brand_id IS NOT DISTINCT FROM $3::uuid)` : ''} ORDER BY requested_at DESC LIMIT 1`,
      own ? [platform, query, options.brandId ?? null] : [platform, query],
    );
    const last = recent[0];
    if (last?.status === 'fetching') return { ...base, status: 'fetching', message: `Fetching ${query} from ${platform}…`, accountId: null, score: null, lastFetchedAt: null };
    if (last && last.status !== 'done' && Date.now() - last.requestedAt.getTime() < OUTCOME_MEMORY_SECONDS * 1000) {
      return { ...base, status: last.status, message: last.message, accountId: null, score: null, lastFetchedAt: null };
    }
    if (last?.status === 'done' && known) return this.answerFor(base, known);

    const { rows } = await this.pool.query(
      `INSERT INTO account_lookups (platform, query, brand_id) VALUES ($1, $2, $3) ON CONFLICT (platform, lower(query)) WHERE status = 'fetching' DO NOTHING RETURNING id::text`,
      [platform, query, options.brandId ?? null],
    );
    if (rows[0]) {
      try {
        await options.meter?.(rows[0].id);
      } catch (err) {
        await this.pool.query(`DELETE FROM account_lookups WHERE id = $1`, [rows[0].id]);
        throw err;
      }
      await this.queue.send(LOOKUP_QUEUE, { lookupId: rows[0].id }, { retryLimit: 0 });
      options.started?.(rows[0].id);
    }
    return { ...base, status: 'fetching', message: `Fetching ${query} from ${platform}…`, accountId: known?.id ?? null, score: null, lastFetchedAt: known?.lastFetchedAt ?? null };
  }

  /**
   * A list of usernames (an Instagram CSV): one look-up per distinct valid one, each metered as a single look-up
   * is (one search when it fetches, with the fetch's id as key). The answer says, per entry in the order sent, what
   * became of it. More than MAX_LOOKUPS_PER_CALL distinct usernames are refused whole.
   */
  async lookupMany(platformInput: string, inputs: string[], options: { brandId: string; meter?: (lookupId: string) => Promise<unknown> }): Promise<LookupManyOutcome[]> {
    const platform = this.parsePlatform(platformInput);
    const host = this.instanceHost();
    const parsed = inputs.map((input) => {
      try {
        return { input, handle: normalizeHandle(platform, input, host), error: null };
      } catch (err) {
        return { input, handle: null, error: err instanceof BadInputError ? err.message : String(err) };
      }
    });
    const distinct = new Set(parsed.map((p) => p.handle).filter((h): h is string => !!h));
    if (!inputs.length || distinct.size > MAX_LOOKUPS_PER_CALL) {
      throw new BadInputError(`Send 1 to ${MAX_LOOKUPS_PER_CALL} usernames per list; got ${inputs.length ? distinct.size : 0}.`, { field: 'handles' });
    }
    await this.assertCanRead(platform, options.brandId);
    const seen = new Set<string>();
    const out: LookupManyOutcome[] = [];
    let refusal: string | null = null;
    for (const p of parsed) {
      const none = { accountId: null, score: null };
      if (!p.handle) {
        out.push({ input: p.input, handle: null, outcome: 'invalid', status: null, message: p.error ?? 'not a username', ...none });
        continue;
      }
      if (seen.has(p.handle)) {
        out.push({ input: p.input, handle: p.handle, outcome: 'duplicate', status: null, message: `${p.handle} is already in this list.`, ...none });
        continue;
      }
      seen.add(p.handle);
      if (refusal) {
        out.push({ input: p.input, handle: p.handle, outcome: 'refused', status: null, message: refusal, ...none });
        continue;
      }
      try {
        let started = false;
        const a = await this.lookup(platform, p.handle, { fetch: true, brandId: options.brandId, meter: options.meter, started: () => (started = true) });
        const outcome = started || a.status === 'fetching' ? 'queued' : 'known';
        out.push({ input: p.input, handle: a.query, outcome, status: a.status, message: a.message, accountId: a.accountId, score: a.score });
      } catch (err) {
        // The plan's searches ran out (QUOTA_EXCEEDED): this one and the rest are not fetched.
        refusal = String((err as Error)?.message ?? err);
        out.push({ input: p.input, handle: p.handle, outcome: 'refused', status: null, message: refusal, ...none });
      }
    }
    return out;
  }

  /**
   * Where each of these handles stands for this brand: what Renown holds (ready, scoring), a fetch running, or the
   * brand's own last outcome (not found, failed...). Nothing is fetched; another brand's outcomes are not shown.
   */
  async progress(platformInput: string, inputs: string[], brandId: string): Promise<LookupAnswer[]> {
    const platform = this.parsePlatform(platformInput);
    if (inputs.length > MAX_LOOKUPS_PER_CALL) throw new BadInputError(`Ask about at most ${MAX_LOOKUPS_PER_CALL} handles at once; got ${inputs.length}.`, { field: 'handles' });
    const host = this.instanceHost();
    const answers: LookupAnswer[] = [];
    for (const input of inputs) {
      let query: string;
      try {
        query = normalizeHandle(platform, input, host);
      } catch (err) {
        answers.push({ platform, query: input, status: 'failed', message: (err as Error).message, accountId: null, score: null, lastFetchedAt: null });
        continue;
      }
      const base = { platform, query };
      const { rows } = await this.pool.query(
        `SELECT status, message, requested_at AS "requestedAt" FROM account_lookups
         WHERE platform = $1 AND lower(query) = lower($2) AND (status = 'fetching' OR brand_id = $3::uuid) ORDER BY requested_at DESC LIMIT 1`,
        [platform, query, brandId],
      );
      const last = rows[0] as { status: string; message: string | null; requestedAt: Date } | undefined;
      const known = await this.known(platform, query);
      if (last?.status === 'fetching') answers.push({ ...base, status: 'fetching', message: `Fetching ${query} from ${platform}…`, accountId: known?.id ?? null, score: null, lastFetchedAt: known?.lastFetchedAt ?? null });
      else if (known && (!last || last.status === 'done' || (known.lastFetchedAt && known.lastFetchedAt >= last.requestedAt))) answers.push(this.answerFor(base, known));
      else if (last && last.status !== 'done') answers.push({ ...base, status: last.status as LookupStatus, message: last.message ?? last.status, accountId: null, score: null, lastFetchedAt: null });
      else answers.push({ ...base, status: 'not-found', message: `Renown does not know ${query} yet.`, accountId: null, score: null, lastFetchedAt: null });
    }
    return answers;
  }

  private async known(platform: NetworkName, query: string) {
    const { rows } = await this.pool.query(
      `SELECT a.id::text, a.last_fetched_at AS "lastFetchedAt", a.handle,
         (SELECT score::float8 FROM account_score_snapshots s WHERE s.account_id = a.id AND s.model_version = $3 ORDER BY day DESC LIMIT 1) AS score
       FROM social_accounts a WHERE a.platform = $1 AND NOT a.is_stub AND (a.external_id = $2 OR lower(a.handle) = $2)
       ORDER BY a.last_fetched_at DESC NULLS LAST LIMIT 1`,
      [platform, query, INFLUENCE_MODEL_VERSION],
    );
    return (rows[0] as { id: string; lastFetchedAt: Date | null; handle: string | null; score: number | null } | undefined) ?? null;
  }

  private answerFor(base: { platform: NetworkName; query: string }, known: { id: string; lastFetchedAt: Date | null; handle: string | null; score: number | null }): LookupAnswer {
    const scored = known.score !== null;
    return {
      ...base,
      status: scored ? 'ready' : 'scoring',
      message: scored ? `@${known.handle ?? base.query} scores ${Math.round(known.score!)}.` : `@${known.handle ?? base.query} was fetched; its score is being computed.`,
      accountId: known.id,
      score: scored ? Math.round(known.score! * 100) / 100 : null,
      lastFetchedAt: known.lastFetchedAt,
    };
  }

  /** The worker's half: fetch, import, score. Every outcome ends the lookup row with a sentence for the person. */
  @JobHandler(LOOKUP_QUEUE, { batchSize: 1 })
  async fetchLookup(data: { lookupId: string }) {
    const { rows } = await this.pool.query(`SELECT id::text, platform, query, brand_id::text AS "brandId" FROM account_lookups WHERE id = $1 AND status = 'fetching'`, [String(data?.lookupId ?? '0')]);
    const lookup = rows[0] as { id: string; platform: NetworkName; query: string; brandId: string | null } | undefined;
    if (!lookup) return;
    const finish = (status: string, message: string | null, accountId: string | null = null) =>
      this.pool.query(`UPDATE account_lookups SET status = $2, message = $3, account_id = $4, finished_at = now() WHERE id = $1`, [lookup.id, status, message, accountId]);
    // YouTube and Instagram are read with the asking brand's own key or token when it has one, else the configured one.
    const credential = lookup.platform === 'instagram' || lookup.platform === 'youtube' ? await credentialFor(this.pool, this.config, lookup.brandId, lookup.platform) : null;
    let connector: ReturnType<typeof connectorFor> | null = null;
    let host = new URL(originOf(this.config, lookup.platform)).host;
    try {
      connector = connectorFor(this.config, lookup.platform, null, { credential, pool: this.pool });
      host = new URL(connector.origin).host;
      const fetched = await connector.fetchAccount(lookup.query, { postsSinceDays: 90, maxPosts: 60, maxEngagedPosts: 5, maxFollowers: 100 });
      if (fetched.status !== 'fetched') {
        if (fetched.status === 'opted-out') await recordOptOut(this.pool, lookup.platform, fetched.externalId ?? lookup.query, fetched.handle ?? lookup.query, fetched.message);
        await finish(fetched.status, fetched.message);
        return;
      }
      const run = await new GraphImporter(this.pool, null).ingest(
        pagesToRecords(fetched.pages),
        { format: 'network-pages', source: `lookup:${lookup.platform}`, file: `lookup ${lookup.query}` },
      );
      // Pages the connector set aside (not JSON, not the documented shape) join the import's own quarantine.
      for (const q of fetched.quarantined) {
        await this.pool.query(`INSERT INTO import_quarantine (import_run_id, file, reason, raw) VALUES ($1, $2, $3, $4)`, [run.importRunId, q.url, q.reason, q.raw]);
      }
      const { rows: acc } = await this.pool.query(`UPDATE social_accounts SET last_fetched_at = now() WHERE platform = $1 AND external_id = $2 RETURNING id::text`, [lookup.platform, fetched.externalId]);
      await finish('done', null, acc[0]?.id ?? null);
      // Scored now, not after the import debounce: someone is waiting for this one. Lookups within seconds share a
      // run. pg-boss keeps a finished job in its slot, so a plain singleton would drop the run of a lookup that lands
      // after the slot's run began; singletonNextSlot queues it for the next slot instead (at most 5 s later).
      await this.queue.send(SCORING_RUN_QUEUE, { trigger: 'manual' }, { singletonKey: 'lookup-scoring', singletonSeconds: 5, singletonNextSlot: true });
    } catch (err) {
      if (err instanceof InstagramUsageLimitError) await finish('unavailable', err.message);
      else if (err instanceof QuotaExhaustedError) await finish('unavailable', err.message.replace('the crawl resumes', 'look-ups work again'));
      else if (err instanceof CredentialRefusedError) await finish('failed', err.message);
      else if (err instanceof InstagramCredentialError || err instanceof BadInputError) await finish('failed', err.message);
      else if (err instanceof NetworkUnavailableError) await finish('unavailable', `${host} did not answer; try again in a few minutes.`);
      else if (err instanceof MalformedPageError) await finish('failed', `${host} answered with a page Renown could not read (${err.reason}).`);
      else {
        logger.warn({ err, lookup }, 'lookup failed');
        await finish('failed', `Reading ${lookup.query} from ${host} failed: ${String(err?.message ?? err).slice(0, 200)}`);
      }
    } finally {
      await connector?.close?.();
    }
  }
}
