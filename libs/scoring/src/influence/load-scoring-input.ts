import type pg from 'pg';
import { type ScoringInput } from './compute-influence-run.js';
import { aggregateInteractions } from './aggregate-interactions.js';
import { copyOutBinary, int8At } from './copy-binary-reader.js';
import { copyOut } from './copy-text-format.js';
import { SCORE_ANNOUNCEMENT_PATTERN, RECENCY_HALF_LIFE_DAYS, WINDOW_DAYS } from './gaming-discounts.js';
import { loadInteractions } from './load-scoring-interactions.js';
import { COUNTER_PLATFORMS, scaleOf } from './network-scales.js';

export interface LoadedScoringInput extends ScoringInput {
  /** Internal account id (social_accounts.id) per position, ascending. */
  accountIds: Float64Array;
  personIds: string[];
}

/** The run's date as SQL fragments for the statements of one load. */
export interface ScoringWindow {
  /** The run's date as a timestamptz literal. */
  at: string;
  /** The start of the engagement window. */
  start: string;
  /** The run's date in microseconds since 2000-01-01 (PostgreSQL's epoch), as binary timestamps arrive. */
  atMicros: number;
  /** Recency weight of a timestamp column (half-life RECENCY_HALF_LIFE_DAYS). */
  decayOf(column: string): string;
}

/** Dates are formatted here (never user input), so inlining them into COPY statements is safe. */
function sqlTimestamp(d: Date) {
  if (Number.isNaN(d.getTime())) throw new Error('invalid date');
  return `'${d.toISOString()}'::timestamptz`;
}

function scoringWindow(asOf: Date): ScoringWindow {
  const at = sqlTimestamp(asOf);
  const start = `(${at} - interval '${WINDOW_DAYS} days')`;
  const decayOf = (column: string) => `exp(-ln(2) * extract(epoch FROM (${at} - ${column})) / 86400 / ${RECENCY_HALF_LIFE_DAYS})`;
  // Timestamps arrive in binary as microseconds since 2000-01-01 (PostgreSQL's epoch).
  const atMicros = (asOf.getTime() - Date.UTC(2000, 0, 1)) * 1000;
  return { at, start, atMicros, decayOf };
}

/** Every account with its person and counts, as typed-array columns by position (ascending id). */
async function loadAccounts(client: pg.PoolClient, w: ScoringWindow) {
  const { atMicros } = w;
  // The networks present (the unique (platform, external_id) index answers this without reading the rows' bodies).
  const { rows: platformRows } = await client.query<{ platform: string }>(`SELECT DISTINCT platform FROM social_accounts ORDER BY platform`);
  const networkNames = platformRows.map((r) => r.platform).slice(0, 255);
  const networkCase = networkNames.length > 1
    ? `CASE platform ${networkNames.map((name, k) => `WHEN '${name.replace(/'/g, "''")}' THEN ${k}`).join(' ')} ELSE 0 END::int8`
    : `0::int8`;
  // Columns as typed arrays from the start (sized from the planner's estimate, grown if short): a million
  // boxed numbers and id strings in JS arrays were garbage-collector work for the rest of the run.
  const { rows: accountEstimate } = await client.query(`SELECT greatest(reltuples, 0)::float8 AS n FROM pg_class WHERE oid = 'social_accounts'::regclass`);
  let capacity = Math.max(1024, Math.ceil(Number(accountEstimate[0]?.n ?? 0) * 1.05));
  let ids = new Float64Array(capacity);
  let personOf = new Int32Array(capacity);
  let networkOf = new Uint8Array(capacity);
  let cols = [0, 1, 2, 3, 4].map(() => new Float64Array(capacity));
  let count = 0;
  const personIndex = new Map<number, number>();
  const personIds: string[] = [];
  await copyOutBinary(
    client,
    `SELECT id, person_id, coalesce(followers_count, 0), coalesce(following_count, 0), coalesce(listed_count, 0),
                coalesce(posts_count, 0), account_created_at, ${networkCase}
         FROM social_accounts ORDER BY id`,
    8,
    (buf, o) => {
      if (count === capacity) {
        capacity *= 2;
        const grow = <T extends Float64Array | Int32Array | Uint8Array>(a: T): T => {
          const b = new (a.constructor as new (n: number) => T)(capacity);
          b.set(a);
          return b;
        };
        ids = grow(ids);
        personOf = grow(personOf);
        networkOf = grow(networkOf);
        cols = cols.map(grow);
      }
      const i = count++;
      ids[i] = int8At(buf, o[0]);
      let p = -1;
      if (o[1] >= 0) {
        const pid = int8At(buf, o[1]);
        p = personIndex.get(pid) ?? -1;
        if (p < 0) {
          p = personIds.length;
          personIndex.set(pid, p);
          personIds.push(String(pid));
        }
      }
      personOf[i] = p;
      for (let k = 0; k < 4; k++) cols[k][i] = int8At(buf, o[2 + k]);
      // Age in days from the stored microseconds (cheaper here than numeric extract() per row in SQL).
      cols[4][i] = o[6] >= 0 ? (atMicros - int8At(buf, o[6])) / 86_400_000_000 : NaN;
      networkOf[i] = int8At(buf, o[7]);
    },
  );
  return { count, accountIds: ids.subarray(0, count), personIds, personOf, cols, networkOf: networkOf.subarray(0, count), networkNames };
}

/** Position of an account id (-1 when unknown), over ascending ids. */
function positionLookup(accountIds: Float64Array, count: number): (id: number) => number {
  // Ids are identity values, dense in practice: a lookup array beats a Map for 20M lookups.
  const maxId = count ? accountIds[count - 1] : 0;
  const dense = maxId <= 4 * count + 1_000_000;
  const lookup = dense ? new Int32Array(maxId + 1).fill(-1) : null;
  const sparse = dense ? null : new Map<number, number>();
  accountIds.forEach((id, i) => (lookup ? (lookup[id] = i) : sparse!.set(id, i)));
  return (id: number) => (lookup ? (id <= maxId ? lookup[id] : -1) : (sparse!.get(id) ?? -1));
}

/**
 * Each account's own posts in the window, recency-weighted. First sets aside (in `scoring_excluded_posts`, for
 * the rest of the transaction) announcements of one's own score and the posts that answer them.
 */
async function loadPostsInWindow(client: pg.PoolClient, w: ScoringWindow, n: number, indexOf: (id: number) => number) {
  const { at, start, decayOf } = w;
  const index = { get: (id: string) => { const i = indexOf(Number(id)); return i < 0 ? undefined : i; } };
  // Announcements of one's own score, and posts that repost/quote/reply to them, are invisible.
  await client.query(`
        CREATE TEMP TABLE scoring_excluded_posts ON COMMIT DROP AS
        WITH announced AS (
          SELECT id FROM posts WHERE text ~* '${SCORE_ANNOUNCEMENT_PATTERN.replace(/'/g, "''")}' AND (posted_at IS NULL OR posted_at >= ${start} - interval '30 days'))
        SELECT id FROM announced
        UNION SELECT p.id FROM posts p JOIN announced a ON a.id IN (p.repost_of_post_id, p.quote_of_post_id, p.reply_to_post_id)`);
  await client.query(`CREATE INDEX ON scoring_excluded_posts (id)`);
  await client.query(`ANALYZE scoring_excluded_posts`);
  const postsInWindow = new Float64Array(n);
  await copyOut(
    client,
    `COPY (SELECT author_account_id, sum(${decayOf('posted_at')}) FROM posts
               WHERE author_account_id IS NOT NULL AND posted_at >= ${start} AND posted_at <= ${at} AND repost_of_post_id IS NULL
                 AND deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM scoring_excluded_posts x WHERE x.id = posts.id)
               GROUP BY author_account_id) TO STDOUT`,
    (f) => {
      const i = index.get(f[0]!);
      if (i !== undefined) postsInWindow[i] = Number(f[1]);
    },
  );
  return postsInWindow;
}

/**
 * Engagement of networks that name no engagers (YouTube, Instagram), from their posts' own counters in the window,
 * recency-weighted like everything else: comments as replies, likes as likes, and views as likes at the network's
 * rate (network-scales.ts). Null when the database holds no such network.
 */
async function loadPostCounters(client: pg.PoolClient, w: ScoringWindow, n: number, indexOf: (id: number) => number, networkNames: string[]) {
  const platforms = COUNTER_PLATFORMS.filter((p) => networkNames.includes(p));
  if (!platforms.length) return null;
  const { at, start, decayOf } = w;
  const viewsPerLike = `CASE platform ${platforms.map((p) => `WHEN '${p}' THEN ${scaleOf(p).viewsPerLike ?? 0}`).join(' ')} ELSE 0 END`;
  const likes = new Float64Array(n);
  const replies = new Float64Array(n);
  await copyOut(
    client,
    `COPY (SELECT author_account_id,
                  sum(${decayOf('posted_at')} * (coalesce(like_count, 0) + CASE WHEN ${viewsPerLike} > 0 THEN coalesce(impression_count, 0)::float8 / ${viewsPerLike} ELSE 0 END)),
                  sum(${decayOf('posted_at')} * coalesce(reply_count, 0))
             FROM posts
            WHERE platform IN (${platforms.map((p) => `'${p}'`).join(', ')}) AND author_account_id IS NOT NULL
              AND posted_at >= ${start} AND posted_at <= ${at} AND deleted_at IS NULL
              AND NOT EXISTS (SELECT 1 FROM scoring_excluded_posts x WHERE x.id = posts.id)
            GROUP BY author_account_id) TO STDOUT`,
    (f) => {
      const i = indexOf(Number(f[0]));
      if (i < 0) return;
      likes[i] = Number(f[1]);
      replies[i] = Number(f[2]);
    },
  );
  return { likes, replies };
}

/**
 * Reads what a scoring run needs as of `asOf`, in one transaction: accounts, own posts in the window,
 * interactions (aggregated per pair in memory). `onStage` is told each stage as it starts.
 */
export async function loadScoringInput(pool: pg.Pool, asOf: Date, onStage: (stage: string) => Promise<void>): Promise<LoadedScoringInput> {
  const client = await pool.connect();
  try {
    const w = scoringWindow(asOf);
    await client.query('BEGIN');
    await onStage('load-accounts');
    await client.query(`SET LOCAL work_mem = '256MB'`);
    const { count: n, accountIds, personIds, personOf, cols, networkOf, networkNames } = await loadAccounts(client, w);
    const indexOf = positionLookup(accountIds, n);

    await onStage('load-posts');
    const postsInWindow = await loadPostsInWindow(client, w, n, indexOf);
    const counters = await loadPostCounters(client, w, n, indexOf, networkNames);

    await onStage('load-interactions');
    const raw = await loadInteractions(pool, client, w, indexOf);
    await onStage('aggregate-interactions');
    const { pairs, burstFactor } = aggregateInteractions(raw, n);
    await client.query('COMMIT');
    return {
      accountCount: n,
      accountIds,
      personIds,
      person: personOf.subarray(0, n),
      followers: cols[0].subarray(0, n),
      following: cols[1].subarray(0, n),
      listed: cols[2].subarray(0, n),
      postsCount: cols[3].subarray(0, n),
      ageDays: cols[4].subarray(0, n),
      postsInWindow,
      burstFactor,
      pairs,
      network: networkOf,
      networkNames,
      counters,
    };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
