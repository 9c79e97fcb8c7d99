import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Lets the usage count refuse an action over the plan's limit by failing, not by reporting: a failed statement
 * undoes itself (alone, or with the transaction it ends), so the count can run on its own or be sent together
 * with its transaction's COMMIT, and a refused action leaves nothing behind either way. The error carries
 * SQLSTATE RN429 and, as its detail, how much the brand had used.
 */
export class UsageLimitRefusal1763740000002 implements MigrationInterface {
  name = 'UsageLimitRefusal1763740000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION billing_refuse_usage(current_used bigint, usage_limit bigint, requested bigint) RETURNS bigint
      LANGUAGE plpgsql VOLATILE AS $$
      BEGIN
        RAISE EXCEPTION 'usage limit reached: % of % used, % more asked', current_used, usage_limit, requested
          USING ERRCODE = 'RN429', DETAIL = current_used::text;
      END
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION billing_refuse_usage(bigint, bigint, bigint)`);
  }
}
