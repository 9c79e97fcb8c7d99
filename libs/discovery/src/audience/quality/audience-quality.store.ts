import type pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { type AudienceFeatureColumns, type AudienceQualityColumns, AUDIENCE_QUALITY_MODEL_VERSION, audienceBreakdown } from './compute-audience-quality.js';
import { GROWTH_RULE } from './growth-anomalies.js';
import { SIZE_BAND_BOUNDS } from './size-bands.js';

/** Engagement older than this does not describe today's audience (the influence score's window too). */
export const ENGAGEMENT_WINDOW_DAYS = 90;

/**
 * Who looks like a bot or a mass-follower, as an audience member. Points: new account (under 60 days), at
 * most one post ever, following at least 500 and 20x more than follow it, a handle with a run of 5+ digits
 * (the "name12345" a sign-up form suggests) counts half. Two points make an account suspicious. Accounts
 * we only know as stubs (never seen their profile) are not classified and stay out of the shares.
 */
export const SUSPICIOUS_RULE = { newAccountDays: 60, maxPosts: 1, minFollowing: 500, followRatio: 20, handleDigits: 5, points: 2 } as const;
/** Following this many accounts makes a "mass follower" (the usual industry threshold). */
export const MASS_FOLLOWING_MIN = 1500;

export interface LoadedAudienceFeatures {
  accountIds: string[];
  features: AudienceFeatureColumns;
  /** Median daily follower growth rate of each account's size band (for the breakdown). */
  growthBandRate: Float64Array;
}

/** COPY text-format escaping of one field. */
function copyField(v: string | number | null): string {
  if (v === null) return '\\N';
  return String(v).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

const ts = (d: Date) => {
  if (Number.isNaN(d.getTime())) throw new Error('invalid date');
  return `'${d.toISOString()}'::timestamptz`;
};

/**
 * The one set-based read behind the score: per account, its classified followers, its engagers in the window
 * (and how much of that engagement it returns), and follower-growth anomalies, all as GROUP BYs over the graph.
 * Dates and constants are formatted here (never user input), so inlining them in COPY is safe.
 */
export function audienceFeaturesSql(asOf: Date): string {
  const at = ts(asOf);
  const r = SUSPICIOUS_RULE;
  const g = GROWTH_RULE;
  return `
WITH actor AS MATERIALIZED (
  SELECT id,
    ((CASE WHEN account_created_at > ${at} - interval '${r.newAccountDays} days' THEN 1 ELSE 0 END)
     + (CASE WHEN posts_count IS NOT NULL AND posts_count <= ${r.maxPosts} THEN 1 ELSE 0 END)
     + (CASE WHEN following_count >= ${r.minFollowing} AND following_count >= ${r.followRatio} * (coalesce(followers_count, 0) + 1) THEN 1 ELSE 0 END)
     + (CASE WHEN handle ~ '[0-9]{${r.handleDigits},}' THEN 0.5 ELSE 0 END)) >= ${r.points} AS suspicious,
    coalesce(following_count >= ${MASS_FOLLOWING_MIN}, false) AS mass
  FROM social_accounts WHERE NOT is_stub
),
follows AS (
  SELECT DISTINCT target_account_id AS t, actor_account_id AS a FROM interactions
  WHERE type = 'follow' AND deleted_at IS NULL AND actor_account_id <> target_account_id AND (occurred_at IS NULL OR occurred_at <= ${at})
),
fol AS (
  SELECT f.t AS account_id, count(*) AS n, count(*) FILTER (WHERE a.suspicious) AS s, count(*) FILTER (WHERE a.mass) AS m
  FROM follows f JOIN actor a ON a.id = f.a GROUP BY f.t
),
pairs AS MATERIALIZED (
  SELECT i.target_account_id AS t, i.actor_account_id AS a, sum(i.weight)::float8 AS ev
  FROM interactions i
  JOIN social_accounts ta ON ta.id = i.target_account_id
  JOIN social_accounts aa ON aa.id = i.actor_account_id
  WHERE i.type <> 'follow' AND i.deleted_at IS NULL AND i.actor_account_id <> i.target_account_id
    AND i.occurred_at > ${at} - interval '${ENGAGEMENT_WINDOW_DAYS} days' AND i.occurred_at <= ${at}
    AND (ta.person_id IS NULL OR aa.person_id IS DISTINCT FROM ta.person_id)
  GROUP BY 1, 2
),
eng AS (
  SELECT p.t AS account_id, count(ac.id) AS n, count(*) FILTER (WHERE ac.suspicious) AS s,
    sum(p.ev) AS ev, coalesce(sum(p.ev) FILTER (WHERE r.a IS NOT NULL), 0) AS rev
  FROM pairs p
  LEFT JOIN actor ac ON ac.id = p.a
  LEFT JOIN pairs r ON r.t = p.a AND r.a = p.t
  GROUP BY p.t
),
steps AS (
  SELECT account_id, followers_count::float8 AS f,
    (lag(followers_count) OVER w)::float8 AS pf,
    extract(epoch FROM observed_at - lag(observed_at) OVER w)::float8 / 86400 AS days
  FROM account_metrics_history
  WHERE observed_at > ${at} - interval '${g.windowDays} days' AND observed_at <= ${at}
  WINDOW w AS (PARTITION BY account_id ORDER BY observed_at)
),
rates AS (
  SELECT s.account_id, (s.f - s.pf) / greatest(s.days, 1) AS per_day,
    (s.f - s.pf) / greatest(s.days, 1) / greatest(s.pf, 100) AS rate,
    width_bucket(coalesce(sa.followers_count, 0), ARRAY[${SIZE_BAND_BOUNDS.join(',')}]::bigint[]) AS band
  FROM steps s JOIN social_accounts sa ON sa.id = s.account_id
  WHERE s.pf IS NOT NULL AND s.f IS NOT NULL
),
band_rate AS (SELECT band, percentile_cont(0.5) WITHIN GROUP (ORDER BY rate) AS med FROM rates GROUP BY band),
growth AS (
  SELECT r.account_id, max(b.med) AS band_rate,
    count(*) FILTER (WHERE r.per_day >= ${g.minDailyChange} AND r.rate > greatest(${g.minDailyRate}, ${g.bandMultiple} * greatest(b.med, 0))) AS spikes,
    count(*) FILTER (WHERE r.per_day <= -${g.minDailyChange} AND r.rate < -${g.minDailyRate}) AS drops
  FROM rates r JOIN band_rate b USING (band) GROUP BY r.account_id
)
SELECT sa.id, coalesce(sa.followers_count, 0), coalesce(fol.n, 0), coalesce(fol.s, 0), coalesce(fol.m, 0),
  coalesce(eng.n, 0), coalesce(eng.s, 0), coalesce(eng.ev, 0), coalesce(eng.rev, 0),
  coalesce(growth.spikes, 0), coalesce(growth.drops, 0), coalesce(growth.band_rate, 0)
FROM social_accounts sa
LEFT JOIN fol ON fol.account_id = sa.id
LEFT JOIN eng ON eng.account_id = sa.id
LEFT JOIN growth ON growth.account_id = sa.id
WHERE NOT sa.is_stub AND (fol.account_id IS NOT NULL OR eng.account_id IS NOT NULL OR growth.account_id IS NOT NULL)`;
}

/** Growable typed columns: the row count is known only at the end of the stream. */
class Column<T extends Float64Array | Int32Array> {
  constructor(
    public data: T,
    private readonly make: (n: number) => T,
  ) {}
  set(i: number, v: number) {
    if (i >= this.data.length) {
      const next = this.make(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[i] = v;
  }
  trim(n: number): T {
    return this.data.subarray(0, n) as T;
  }
}

/** Database side of the audience quality job: one streamed set-based read, one staged bulk write. */
export class AudienceQualityStore {
  constructor(private readonly pool: pg.Pool) {}

  async loadFeatures(asOf: Date): Promise<LoadedAudienceFeatures> {
    const client = await this.pool.connect();
    const f64 = () => new Column(new Float64Array(1024), (n) => new Float64Array(n));
    const i32 = () => new Column(new Int32Array(1024), (n) => new Int32Array(n));
    const cols = [f64(), i32(), i32(), i32(), i32(), i32(), f64(), f64(), i32(), i32(), f64()] as Column<Float64Array | Int32Array>[];
    const accountIds: string[] = [];
    try {
      await client.query('BEGIN READ ONLY');
      await client.query(`SET LOCAL work_mem = '256MB'`);
      // Every step aggregates the whole graph: hash joins are right at any size, but right after a bulk load
      // (no statistics yet) the planner picks nested loops over CTE scans, quadratic in the accounts.
      await client.query(`SET LOCAL enable_nestloop = off`);
      const stream = client.query(copyStreams.to(`COPY (${audienceFeaturesSql(asOf)}) TO STDOUT`));
      let rest = '';
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        const text = rest + chunk.toString('utf8');
        let start = 0;
        for (let nl = text.indexOf('\n', start); nl >= 0; nl = text.indexOf('\n', start)) {
          const fields = text.slice(start, nl).split('\t');
          start = nl + 1;
          const i = accountIds.length;
          accountIds.push(fields[0]);
          for (let c = 0; c < cols.length; c++) cols[c].set(i, Number(fields[c + 1]));
        }
        rest = text.slice(start);
      }
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
    const n = accountIds.length;
    const [followers, followersSampled, suspiciousFollowers, massFollowers, engagersSampled, suspiciousEngagers, engagementEvents, reciprocalEvents, growthSpikes, growthDrops, growthBandRate] =
      cols.map((c) => c.trim(n));
    return {
      accountIds,
      features: {
        size: n,
        followers: followers as Float64Array,
        followersSampled: followersSampled as Int32Array,
        suspiciousFollowers: suspiciousFollowers as Int32Array,
        massFollowers: massFollowers as Int32Array,
        engagersSampled: engagersSampled as Int32Array,
        suspiciousEngagers: suspiciousEngagers as Int32Array,
        engagementEvents: engagementEvents as Float64Array,
        reciprocalEvents: reciprocalEvents as Float64Array,
        growthSpikes: growthSpikes as Int32Array,
        growthDrops: growthDrops as Int32Array,
      },
      growthBandRate: growthBandRate as Float64Array,
    };
  }

  /**
   * Replaces every account's row in one transaction (readers see the old set or the new one, never a mix):
   * COPY into a staging table, upsert, and delete the rows of accounts that no longer have any audience data.
   */
  async writeResults(loaded: LoadedAudienceFeatures, q: AudienceQualityColumns, computedAt: Date): Promise<number> {
    const { accountIds, features: f, growthBandRate } = loaded;
    const client = await this.pool.connect();
    const num = (x: number) => (Number.isFinite(x) ? String(x) : '\\N');
    try {
      await client.query('BEGIN');
      await client.query(`CREATE TEMP TABLE audience_quality_staging (LIKE account_audience_quality) ON COMMIT DROP`);
      const at = computedAt.toISOString();
      function* lines() {
        let buf = '';
        for (let i = 0; i < accountIds.length; i++) {
          const breakdown = audienceBreakdown(f, q, i);
          const withGrowth = { ...breakdown, growth: { ...breakdown.growth, benchmarkDailyRate: Math.round(growthBandRate[i] * 1e6) / 1e6 } };
          buf +=
            [
              accountIds[i],
              String(q.score[i]),
              num(q.suspiciousFollowerShare[i]),
              num(q.massFollowerShare[i]),
              num(q.suspiciousEngagerShare[i]),
              num(q.engagementAuthenticity[i]),
              String(f.growthSpikes[i] + f.growthDrops[i]),
              copyField(JSON.stringify(withGrowth)),
              String(f.followersSampled[i] + f.engagersSampled[i]),
              AUDIENCE_QUALITY_MODEL_VERSION,
              at,
            ].join('\t') + '\n';
          if (buf.length > 1 << 16) {
            yield buf;
            buf = '';
          }
        }
        if (buf) yield buf;
      }
      await pipeline(
        Readable.from(lines()),
        client.query(
          copyStreams.from(
            `COPY audience_quality_staging (account_id, score, suspicious_follower_share, mass_follower_share, suspicious_engager_share, engagement_authenticity, growth_anomalies, breakdown, sample_size, model_version, computed_at) FROM STDIN`,
          ),
        ),
      );
      // A fresh temp table has no statistics: without them the planner nests loops over it (quadratic).
      await client.query(`ANALYZE audience_quality_staging`);
      await client.query(`SET LOCAL enable_nestloop = off`);
      // Accounts erased while the run computed are skipped (the join), not a foreign-key failure.
      const inserted = await client.query(`
        INSERT INTO account_audience_quality AS q
        SELECT s.* FROM audience_quality_staging s JOIN social_accounts sa ON sa.id = s.account_id
        ON CONFLICT (account_id) DO UPDATE SET score = EXCLUDED.score, suspicious_follower_share = EXCLUDED.suspicious_follower_share,
          mass_follower_share = EXCLUDED.mass_follower_share, suspicious_engager_share = EXCLUDED.suspicious_engager_share,
          engagement_authenticity = EXCLUDED.engagement_authenticity, growth_anomalies = EXCLUDED.growth_anomalies,
          breakdown = EXCLUDED.breakdown, sample_size = EXCLUDED.sample_size, model_version = EXCLUDED.model_version,
          computed_at = EXCLUDED.computed_at`);
      await client.query(`DELETE FROM account_audience_quality q WHERE NOT EXISTS (SELECT 1 FROM audience_quality_staging s WHERE s.account_id = q.account_id)`);
      await client.query('COMMIT');
      return inserted.rowCount ?? 0;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }
}
