import type pg from 'pg';
import { profileRefFromUrl, type ProfileRef } from './profile-link.js';

const PROFILE_LINK_PATTERN = String.raw`(twitter\.com|x\.com|bsky\.app/profile|/@|youtube\.com/channel/|instagram\.com/)`;

/**
 * Links accounts of one person across networks into a `persons` row: by hand, or from profile links when two
 * accounts point at each other (a one-way link is only a claim anyone can make about a famous account).
 */
export class PersonLinker {
  constructor(private readonly pool: pg.Pool) {}

  /**
   * Puts these accounts under one person (merging the persons they already had into the oldest one).
   * Returns the person id.
   */
  async linkAccounts(accountIds: string[], displayName?: string | null): Promise<string> {
    const ids = [...new Set(accountIds)];
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query(
        `SELECT id, person_id, display_name, handle FROM social_accounts WHERE id = ANY($1::bigint[]) ORDER BY id FOR UPDATE`,
        [ids],
      );
      if (rows.length !== ids.length) throw new RangeError(`unknown account id(s): ${ids.filter((id) => !rows.some((r) => String(r.id) === id)).join(', ')}`);
      const existing = [...new Set(rows.map((r) => r.person_id).filter(Boolean).map(String))].sort((a, b) => Number(a) - Number(b));
      let personId: string;
      if (existing.length) {
        personId = existing[0];
        if (displayName) await client.query(`UPDATE persons SET display_name = $2 WHERE id = $1`, [personId, displayName]);
        // Everything of the other persons moves over, then the emptied persons go.
        await client.query(`UPDATE social_accounts SET person_id = $1 WHERE person_id = ANY($2::bigint[])`, [personId, existing.slice(1)]);
        await client.query(`DELETE FROM persons WHERE id = ANY($1::bigint[])`, [existing.slice(1)]);
      } else {
        const name = displayName ?? rows.find((r) => r.display_name)?.display_name ?? rows.find((r) => r.handle)?.handle ?? null;
        personId = String((await client.query(`INSERT INTO persons (display_name) VALUES ($1) RETURNING id`, [name])).rows[0].id);
      }
      await client.query(`UPDATE social_accounts SET person_id = $1, updated_at = now() WHERE id = ANY($2::bigint[]) AND person_id IS DISTINCT FROM $1`, [personId, ids]);
      await client.query('COMMIT');
      return personId;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  /** Links mutually-pointing accounts among those an import run touched. Returns how many pairs were linked. */
  async linkFromProfileLinks(importRunId: string): Promise<number> {
    const { rows: sources } = await this.pool.query(
      `SELECT a.id::text, a.platform, a.external_id, lower(a.handle) AS handle, a.links, a.person_id::text
       FROM import_run_accounts r JOIN social_accounts a ON a.id = r.account_id
       WHERE r.import_run_id = $1 AND a.links IS NOT NULL
         AND EXISTS (SELECT 1 FROM unnest(a.links) l WHERE l ~* $2)`,
      [importRunId, PROFILE_LINK_PATTERN],
    );
    if (sources.length === 0) return 0;
    const refs: { from: string; ref: ProfileRef }[] = [];
    for (const s of sources) for (const l of s.links as string[]) {
      const ref = profileRefFromUrl(l);
      if (ref && ref.platform !== s.platform) refs.push({ from: s.id, ref });
    }
    if (refs.length === 0) return 0;
    // The accounts the links point at, and the links those accounts have in turn.
    const { rows: targets } = await this.pool.query(
      `SELECT x.i AS ref_index, a.id::text, a.platform, a.external_id, lower(a.handle) AS handle, a.links, a.person_id::text
       FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS x(platform, key, by, i)
       JOIN social_accounts a ON a.platform = x.platform
         AND ((x.by = 'external_id' AND a.external_id = x.key) OR (x.by = 'handle' AND lower(a.handle) = x.key))`,
      [refs.map((r) => r.ref.platform), refs.map((r) => r.ref.key), refs.map((r) => r.ref.by)],
    );
    const byId = new Map<string, any>(sources.map((s) => [s.id, s]));
    for (const t of targets) if (!byId.has(t.id)) byId.set(t.id, t);
    const pointsAt = (from: any, to: any) =>
      (from.links ?? []).some((l: string) => {
        const r = profileRefFromUrl(l);
        return !!r && r.platform === to.platform && (r.by === 'external_id' ? r.key === (to.platform === 'youtube' ? String(to.external_id) : String(to.external_id).toLowerCase()) : r.key === to.handle);
      });
    let linked = 0;
    for (const t of targets) {
      const from = byId.get(refs[Number(t.ref_index) - 1].from);
      if (!from || from.id === t.id || !pointsAt(t, from)) continue;
      if (from.person_id && from.person_id === t.person_id) continue;
      const personId = await this.linkAccounts([from.id, t.id]);
      from.person_id = personId;
      t.person_id = personId;
      linked++;
    }
    return linked;
  }
}
