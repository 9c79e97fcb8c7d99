import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * Runs a hot statement as a named prepared statement: PostgreSQL parses and plans it once per connection
 * instead of on every call (planning the search's ranking or a page's rows costs about as much as running
 * them). The name comes from the text, so statements built from a filter's shape get one name per shape.
 * Inside a transaction pass its EntityManager: the statement runs on that transaction's connection.
 * Returns the rows, like `query`.
 */
export async function preparedQuery<T = Record<string, unknown>>(on: DataSource | EntityManager, text: string, values: unknown[]): Promise<T[]> {
  const name = statementName(text);
  const runner = 'queryRunner' in on ? on.queryRunner : undefined;
  if (runner && !runner.isReleased) {
    // A transaction's runner holds its pg client once connected (TypeORM's PostgresQueryRunner).
    const client = (runner as unknown as { databaseConnection?: pg.PoolClient }).databaseConnection ?? ((await runner.connect()) as pg.PoolClient);
    return (await client.query({ name, text, values })).rows as T[];
  }
  return (await poolOf('driver' in on ? on : on.connection).query({ name, text, values })).rows as T[];
}

/** The node-postgres pool under a TypeORM DataSource (TypeORM's Postgres driver keeps it as `master`). */
export function poolOf(db: DataSource): pg.Pool {
  return (db.driver as unknown as { master: pg.Pool }).master;
}

/** Names by text, so a hot statement's few kilobytes are not hashed again on every call (bounded: filter shapes vary). */
const names = new Map<string, string>();
function statementName(text: string): string {
  let name = names.get(text);
  if (!name) {
    if (names.size >= 1000) names.clear();
    name = `p_${createHash('sha1').update(text).digest('base64url').slice(0, 20)}`;
    names.set(text, name);
  }
  return name;
}
