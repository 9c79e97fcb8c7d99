import { Injectable } from '@nestjs/common';
import { INFLUENCE_MODEL_VERSION } from '@renown/scoring';
import { DataSource } from 'typeorm';

/** What a shortlist entry, a lookalike and a CSV line show of an account (global social data, not brand-owned). */
export interface ListedAccountRow {
  id: string;
  platform: string;
  handle: string | null;
  displayName: string | null;
  bio: string | null;
  language: string | null;
  location: string | null;
  followers: string | null;
  personId: string | null;
  isStub: boolean;
  /** Overall influence 1-100: the latest snapshot of the current model. */
  score: number | null;
  /** Strongest visible topics (hidden ones never show), best first. */
  topTopics: string[];
}

/**
 * Reads account summaries for a bounded set of ids (a page of a shortlist, the lookalike results) in one
 * query: every lookup is by primary key or the (account_id, ...) prefix of an index.
 */
@Injectable()
export class ListedAccountReader {
  constructor(private readonly db: DataSource) {}

  async byIds(ids: readonly string[]): Promise<Map<string, ListedAccountRow>> {
    if (!ids.length) return new Map();
    const rows: any[] = await this.db.query(
      `SELECT a.id::text AS id, a.platform, a.handle, a.display_name AS "displayName", a.bio, a.language, a.location,
              a.followers_count::text AS followers, a.person_id::text AS "personId", a.is_stub AS "isStub",
              s.score, coalesce(t.names, '{}') AS "topTopics"
         FROM social_accounts a
         LEFT JOIN LATERAL (
           SELECT x.score FROM account_score_snapshots x WHERE x.account_id = a.id AND x.model_version = $2 ORDER BY x.day DESC LIMIT 1
         ) s ON true
         LEFT JOIN LATERAL (
           SELECT array_agg(tp.display_name ORDER BY at.rank) AS names FROM (
             SELECT at.topic_id, at.rank FROM account_topics at
              WHERE at.account_id = a.id
                AND NOT EXISTS (SELECT 1 FROM account_topic_hides h WHERE h.account_id = at.account_id AND h.topic_id = at.topic_id)
              ORDER BY at.rank LIMIT 3) at JOIN topics tp ON tp.id = at.topic_id
         ) t ON true
        WHERE a.id = ANY($1::bigint[])`,
      [ids, INFLUENCE_MODEL_VERSION],
    );
    return new Map(rows.map((r) => [r.id, { ...r, score: r.score === null ? null : Math.round(Number(r.score) * 10) / 10 } as ListedAccountRow]));
  }
}
