import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, BadInputError, JobHandler, logger, QueueService } from '@renown/core';
import { GraphImporter, type NetworkName } from '@renown/ingestion';
import { INFLUENCE_MODEL_VERSION, SCORING_RUN_QUEUE } from '@renown/scoring';
import { NetworkUnavailableError } from '../http/polite-http-client.js';
import { pagesToRecords } from '../networks/pages-to-records.js';
import { MalformedPageError } from '../networks/malformed-page.error.js';
import { CrawlsService } from '../crawl/crawls.service.js';
import { recordOptOut } from '../crawl/opt-outs.js';
import { connectorFor, NETWORKS, originOf } from '../sources.settings.js';

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
    if (!NETWORKS.includes(p)) throw new BadInputError(`Look-ups read ${NETWORKS.join(' or ')}; "${platform}" is not one of them.`, { field: 'platform' });
    return p;
  }

  /**
   * `meter` runs when, and only when, this call starts a new fetch (with the fetch's id, a key that never counts
   * twice): the brand's plan pays for reading the network, not for answers from what Renown holds. When it
   * throws (the plan's allowance is spent), nothing is fetched and the error goes to the caller.
   */
  async lookup(platformInput: string, handleInput: string, options: { fetch?: boolean; meter?: (lookupId: string) => Promise<unknown> } = { fetch: true }): Promise<LookupAnswer> {
    const platform = this.parsePlatform(platformInput);
    const query = normalizeHandle(platform, handleInput, this.instanceHost());
    const base = { platform, query };
    const { rows: opted } = await this.pool.query(`SELECT 1 FROM network_opt_outs WHERE platform = $1 AND (external_id = $2 OR lower(handle) = $2)`, [platform, query]);
    if (opted.length) return { ...base, status: 'opted-out', message: `${query} asked ${platform} not to be read by other services, so Renown does not fetch or score it.`, accountId: null, score: null, lastFetchedAt: null };

    const known = await this.known(platform, query);
    const fresh = known?.lastFetchedAt && Date.now() - known.lastFetchedAt.getTime() < FRESH_HOURS * 3_600_000;
    if (known && (fresh || !options.fetch)) return this.answerFor(base, known);
    if (!options.fetch) return { ...base, status: 'not-found', message: `Renown does not know ${query} yet; ask with fetch to read it from ${platform}.`, accountId: null, score: null, lastFetchedAt: null };

    const { rows: recent } = await this.pool.query(
      `SELECT id::text, status, message, account_id::text AS "accountId", requested_at AS "requestedAt" FROM account_lookups
       WHERE platform = $1 AND lower(query) = $2 ORDER BY requested_at DESC LIMIT 1`,
      [platform, query],
    );
    const last = recent[0];
    if (last?.status === 'fetching') return { ...base, status: 'fetching', message: `Fetching ${query} from ${platform}…`, accountId: null, score: null, lastFetchedAt: null };
    if (last && last.status !== 'done' && Date.now() - last.requestedAt.getTime() < OUTCOME_MEMORY_SECONDS * 1000) {
      return { ...base, status: last.status, message: last.message, accountId: null, score: null, lastFetchedAt: null };
    }
    if (last?.status === 'done' && known) return this.answerFor(base, known);

    const { rows } = await this.pool.query(
      `INSERT INTO account_lookups (platform, query) VALUES ($1, $2) ON CONFLICT (platform, lower(query)) WHERE status = 'fetching' DO NOTHING RETURNING id::text`,
      [platform, query],
    );
    if (rows[0]) {
      try {
        await options.meter?.(rows[0].id);
      } catch (err) {
        await this.pool.query(`DELETE FROM account_lookups WHERE id = $1`, [rows[0].id]);
        throw err;
      }
      await this.queue.send(LOOKUP_QUEUE, { lookupId: rows[0].id }, { retryLimit: 0 });
    }
    return { ...base, status: 'fetching', message: `Fetching ${query} from ${platform}…`, accountId: known?.id ?? null, score: null, lastFetchedAt: known?.lastFetchedAt ?? null };
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
    const { rows } = await this.pool.query(`SELECT id::text, platform, query FROM account_lookups WHERE id = $1 AND status = 'fetching'`, [String(data?.lookupId ?? '0')]);
    const lookup = rows[0] as { id: string; platform: NetworkName; query: string } | undefined;
    if (!lookup) return;
    const finish = (status: string, message: string | null, accountId: string | null = null) =>
      this.pool.query(`UPDATE account_lookups SET status = $2, message = $3, account_id = $4, finished_at = now() WHERE id = $1`, [lookup.id, status, message, accountId]);
    const connector = connectorFor(this.config, lookup.platform);
    const host = new URL(connector.origin).host;
    try {
      const fetched = await connector.fetchAccount(lookup.query, { postsSinceDays: 90, maxPosts: 60, maxEngagedPosts: 5, maxFollowers: 100 });
      if (fetched.status !== 'fetched') {
        if (fetched.status === 'opted-out') await recordOptOut(this.pool, lookup.platform, fetched.externalId ?? lookup.query, fetched.handle ?? lookup.query, fetched.message);
        await finish(fetched.status, fetched.message);
        return;
      }
      await new GraphImporter(this.pool, null).ingest(
        pagesToRecords(fetched.pages),
        { format: 'network-pages', source: `lookup:${lookup.platform}`, file: `lookup ${lookup.query}` },
      );
      const { rows: acc } = await this.pool.query(`UPDATE social_accounts SET last_fetched_at = now() WHERE platform = $1 AND external_id = $2 RETURNING id::text`, [lookup.platform, fetched.externalId]);
      await finish('done', null, acc[0]?.id ?? null);
      // Scored now, not after the import debounce: someone is waiting for this one. Lookups within seconds share a
      // run. pg-boss keeps a finished job in its slot, so a plain singleton would drop the run of a lookup that lands
      // after the slot's run began; singletonNextSlot queues it for the next slot instead (at most 5 s later).
      await this.queue.send(SCORING_RUN_QUEUE, { trigger: 'manual' }, { singletonKey: 'lookup-scoring', singletonSeconds: 5, singletonNextSlot: true });
    } catch (err) {
      if (err instanceof NetworkUnavailableError) await finish('unavailable', `${host} did not answer; try again in a few minutes.`);
      else if (err instanceof MalformedPageError) await finish('failed', `${host} answered with a page Renown could not read (${err.reason}).`);
      else {
        logger.warn({ err, lookup }, 'lookup failed');
        await finish('failed', `Reading ${lookup.query} from ${host} failed: ${String(err?.message ?? err).slice(0, 200)}`);
      }
    } finally {
      await connector.close?.();
    }
  }
}
