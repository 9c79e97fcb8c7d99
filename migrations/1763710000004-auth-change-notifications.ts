import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tells every API process at once when a session may no longer stand for what it did, so the processes can
 * remember sessions between requests (libs/accounts, SessionCache) without a revoked one outliving its
 * revocation. On channel `renown_auth` the payload is the user id whose sessions to forget, or `*` for all:
 * - sessions: revoked, expiry moved, brand switched, owner or token changed, or a live session deleted
 *   (last_seen_at, updated every minute, does not notify);
 * - memberships: any change (a session's brand and role come from its membership);
 * - users: email or operator flag changed, or the user deleted;
 * - TRUNCATE of any of the three: everyone.
 * PostgreSQL sends a notification only when its transaction commits, and folds repeats within one transaction.
 */
export class AuthChangeNotifications1763710000004 implements MigrationInterface {
  name = 'AuthChangeNotifications1763710000004';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION accounts_notify_auth_change() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'TRUNCATE' THEN
          PERFORM pg_notify('renown_auth', '*');
        ELSIF TG_TABLE_NAME = 'users' THEN
          PERFORM pg_notify('renown_auth', OLD.id::text);
        ELSE
          IF TG_OP <> 'INSERT' THEN PERFORM pg_notify('renown_auth', OLD.user_id::text); END IF;
          IF TG_OP <> 'DELETE' THEN PERFORM pg_notify('renown_auth', NEW.user_id::text); END IF;
        END IF;
        RETURN NULL;
      END
      $$`);
    await q.query(`
      CREATE TRIGGER sessions_auth_change AFTER UPDATE OF revoked_at, expires_at, brand_id, user_id, token_hash ON sessions
        FOR EACH ROW EXECUTE FUNCTION accounts_notify_auth_change()`);
    // Deleting sessions that were already revoked or expired (the nightly clean-up) changes nothing anyone holds.
    await q.query(`
      CREATE TRIGGER sessions_auth_delete AFTER DELETE ON sessions
        FOR EACH ROW WHEN (OLD.revoked_at IS NULL AND OLD.expires_at > now()) EXECUTE FUNCTION accounts_notify_auth_change()`);
    await q.query(`
      CREATE TRIGGER memberships_auth_change AFTER INSERT OR UPDATE OR DELETE ON memberships
        FOR EACH ROW EXECUTE FUNCTION accounts_notify_auth_change()`);
    await q.query(`
      CREATE TRIGGER users_auth_change AFTER UPDATE OF email, is_operator OR DELETE ON users
        FOR EACH ROW EXECUTE FUNCTION accounts_notify_auth_change()`);
    for (const table of ['sessions', 'memberships', 'users']) {
      await q.query(`CREATE TRIGGER ${table}_auth_truncate AFTER TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION accounts_notify_auth_change()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['sessions', 'memberships', 'users']) {
      await q.query(`DROP TRIGGER ${table}_auth_truncate ON ${table}`);
    }
    await q.query(`DROP TRIGGER users_auth_change ON users`);
    await q.query(`DROP TRIGGER memberships_auth_change ON memberships`);
    await q.query(`DROP TRIGGER sessions_auth_delete ON sessions`);
    await q.query(`DROP TRIGGER sessions_auth_change ON sessions`);
    await q.query(`DROP FUNCTION accounts_notify_auth_change()`);
  }
}
