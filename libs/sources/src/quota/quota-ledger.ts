import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { NetworkName } from '@renown/ingestion';

/**
 * The daily quota a network grants one credential, counted in PostgreSQL (`network_quota_ledger`) so every process
 * sharing a key (API, workers, the command line) spends one allowance. A row per network, credential, bucket and
 * day of the network's own calendar; the credential is stored as a sha256 prefix, never the key itself.
 *
 * YouTube (NETWORKS.md): the `units` bucket holds the 10,000 units of the day (every list call 1 unit) and the
 * `search` bucket the 100 search.list calls; the day ends at midnight Pacific time (America/Los_Angeles, with its
 * daylight saving time).
 */

export type QuotaBucket = 'units' | 'search' | (string & {});

export interface QuotaPolicy {
  /** The IANA time zone whose midnight starts the network's quota day. */
  timeZone: string;
  /** How much each bucket allows per day. */
  quotas: Record<string, number>;
  /** How the person reads the quota's day end: "midnight Pacific time". */
  resetsWhen: string;
}

export const YOUTUBE_TIME_ZONE = 'America/Los_Angeles';

export const youtubePolicy = (daily = 10_000, search = 100): QuotaPolicy => ({ timeZone: YOUTUBE_TIME_ZONE, quotas: { units: daily, search }, resetsWhen: 'midnight Pacific time' });

/** A credential as the ledger keeps it: the first 16 hex digits of its sha256. */
export const credentialKey = (secret: string) => createHash('sha256').update(secret).digest('hex').slice(0, 16);

const parts = (at: Date, timeZone: string) => {
  const f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const p = Object.fromEntries(f.formatToParts(at).filter((x) => x.type !== 'literal').map((x) => [x.type, Number(x.value)]));
  return p as { year: number; month: number; day: number; hour: number; minute: number; second: number };
};

/** The quota day (YYYY-MM-DD) `at` falls in, in the network's time zone. */
export function quotaDay(at: Date, timeZone: string): string {
  const p = parts(at, timeZone);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** How far the zone's wall clock is ahead of UTC at `at` (ms; negative west of Greenwich). */
function zoneOffsetMs(at: Date, timeZone: string): number {
  const p = parts(at, timeZone);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wall - (at.getTime() - at.getMilliseconds());
}

/** The next midnight in the zone after `at`, as an instant (daylight saving time included: 07:00 or 08:00 UTC for Pacific). */
export function nextMidnight(at: Date, timeZone: string): Date {
  const p = parts(at, timeZone);
  const wallMidnight = Date.UTC(p.year, p.month - 1, p.day + 1, 0, 0, 0);
  let guess = wallMidnight - zoneOffsetMs(new Date(wallMidnight), timeZone);
  // The offset at the guess decides (midnight is never inside a DST jump in the zones networks use).
  guess = wallMidnight - zoneOffsetMs(new Date(guess), timeZone);
  return new Date(guess);
}

const NETWORK_LABEL: Record<string, string> = { youtube: 'YouTube', instagram: 'Instagram', bluesky: 'Bluesky', mastodon: 'Mastodon' };

const utcClock = (d: Date) => `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')} UTC`;

/** The day's quota of a bucket is spent: nothing more until `resetsAt`. */
export class QuotaExhaustedError extends Error {
  override name = 'QuotaExhaustedError';
  constructor(
    readonly network: NetworkName,
    readonly bucket: QuotaBucket,
    readonly quota: number,
    readonly resetsAt: Date,
    resetsWhen: string,
  ) {
    const what = bucket === 'search' ? `daily search quota for this key is spent (${quota.toLocaleString('en-US')} searches)` : `daily quota for this key is spent (${quota.toLocaleString('en-US')} units)`;
    super(`${NETWORK_LABEL[network] ?? network}'s ${what}; the crawl resumes after ${resetsWhen} (${utcClock(resetsAt)})`);
  }
}

export interface QuotaLedgerOptions {
  network: NetworkName;
  /** The credential's secret (hashed before it is stored or compared). */
  credential: string;
  policy: QuotaPolicy;
  /** The time now (tests move it to the next day). */
  clock?: () => Date;
}

/**
 * Reservations against one credential's daily quota. `reserve` is one statement: the day's row is created at the
 * first reservation (INSERT ... ON CONFLICT) and otherwise updated only while `used + cost <= quota`, so two
 * processes sharing the key can never spend more than the quota between them.
 */
export class QuotaLedger {
  readonly credential: string;
  private readonly clock: () => Date;

  constructor(
    private readonly pool: pg.Pool,
    private readonly options: QuotaLedgerOptions,
  ) {
    this.credential = credentialKey(options.credential);
    this.clock = options.clock ?? (() => new Date());
  }

  get network() {
    return this.options.network;
  }

  quotaOf(bucket: QuotaBucket): number {
    const q = this.options.policy.quotas[bucket];
    if (!(q > 0)) throw new Error(`no ${this.options.network} quota bucket "${bucket}"`);
    return q;
  }

  /** The day the quota is counted in now, and when it ends. */
  day(): { day: string; resetsAt: Date } {
    const now = this.clock();
    return { day: quotaDay(now, this.options.policy.timeZone), resetsAt: nextMidnight(now, this.options.policy.timeZone) };
  }

  private exhausted(bucket: QuotaBucket, resetsAt: Date) {
    return new QuotaExhaustedError(this.options.network, bucket, this.quotaOf(bucket), resetsAt, this.options.policy.resetsWhen);
  }

  /** Spends `cost` of today's `bucket`, or throws QuotaExhaustedError (and marks the day spent) when it does not fit. */
  async reserve(bucket: QuotaBucket, cost = 1): Promise<{ used: number; quota: number; day: string }> {
    const quota = this.quotaOf(bucket);
    const { day, resetsAt } = this.day();
    const key = [this.options.network, this.credential, bucket, day];
    if (cost <= quota) {
      const { rows } = await this.pool.query(
        `INSERT INTO network_quota_ledger AS l (network, credential, bucket, quota_day, used, quota) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (network, credential, bucket, quota_day) DO UPDATE SET used = l.used + EXCLUDED.used, quota = EXCLUDED.quota, updated_at = now()
           WHERE l.exhausted_at IS NULL AND l.used + EXCLUDED.used <= EXCLUDED.quota
         RETURNING used, quota`,
        [...key, cost, quota],
      );
      if (rows[0]) return { ...rows[0], day };
    }
    await this.markExhausted(bucket);
    throw this.exhausted(bucket, resetsAt);
  }

  /**
   * Gives back what a reservation did not use (a fetch reserves its worst case first, so it never stops half
   * read). `day` is the day the units were reserved on.
   */
  async refund(bucket: QuotaBucket, amount: number, day: string): Promise<void> {
    if (!(amount > 0)) return;
    await this.pool.query(
      `UPDATE network_quota_ledger SET used = GREATEST(0, used - $5), updated_at = now() WHERE network = $1 AND credential = $2 AND bucket = $3 AND quota_day = $4`,
      [this.options.network, this.credential, bucket, day, amount],
    );
  }

  /** The network said the quota is spent (403 quotaExceeded), or a reservation did not fit: nothing more today. */
  async markExhausted(bucket: QuotaBucket): Promise<QuotaExhaustedError> {
    const quota = this.quotaOf(bucket);
    const { day, resetsAt } = this.day();
    await this.pool.query(
      `INSERT INTO network_quota_ledger AS l (network, credential, bucket, quota_day, used, quota, exhausted_at) VALUES ($1, $2, $3, $4, 0, $5, now())
       ON CONFLICT (network, credential, bucket, quota_day) DO UPDATE SET exhausted_at = COALESCE(l.exhausted_at, now()), updated_at = now()`,
      [this.options.network, this.credential, bucket, day, quota],
    );
    return this.exhausted(bucket, resetsAt);
  }
}

export interface QuotaUse {
  bucket: QuotaBucket;
  used: number;
  quota: number;
  /** When the exhausted flag was set today (null while there is quota left). */
  exhaustedAt: Date | null;
  resetsAt: Date;
}

const POLICIES: Partial<Record<NetworkName, QuotaPolicy>> = { youtube: youtubePolicy() };

/**
 * Today's use of each bucket of a credential (the Sources screen shows it): every bucket of the network's policy,
 * at 0 when nothing was spent yet today. `credential` is the secret (it is hashed here, never stored or shown).
 */
export async function quotaToday(pool: pg.Pool, network: NetworkName, credential: string, options: { policy?: QuotaPolicy; now?: Date } = {}): Promise<QuotaUse[]> {
  const policy = options.policy ?? POLICIES[network];
  if (!policy) return [];
  const now = options.now ?? new Date();
  const day = quotaDay(now, policy.timeZone);
  const resetsAt = nextMidnight(now, policy.timeZone);
  const { rows } = await pool.query<{ bucket: string; used: number; quota: number; exhaustedAt: Date | null }>(
    `SELECT bucket, used, quota, exhausted_at AS "exhaustedAt" FROM network_quota_ledger WHERE network = $1 AND credential = $2 AND quota_day = $3`,
    [network, credentialKey(credential), day],
  );
  const byBucket = new Map(rows.map((r) => [r.bucket, r]));
  return Object.entries(policy.quotas).map(([bucket, quota]) => {
    const r = byBucket.get(bucket);
    return { bucket, used: r?.used ?? 0, quota: r?.quota ?? quota, exhaustedAt: r?.exhaustedAt ?? null, resetsAt };
  });
}
