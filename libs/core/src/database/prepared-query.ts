import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { DataSource, EntityManager } from 'typeorm';

export interface PreparedQueryOptions {
  /**
   * The statement is the last of its transaction (`on` is the EntityManager of a transaction this code opened
   * itself, such as transactionWithSettings's): COMMIT is sent right behind it, without waiting for its answer,
   * so the transaction ends in the statement's round trip. Row locks it takes (a counter every concurrent
   * request updates) are then held while PostgreSQL runs it and commits, not also while the answer travels to
   * this process, waits its turn in a busy event loop, and a COMMIT travels back. If the statement fails,
   * PostgreSQL turns that COMMIT into a rollback and the statement's error is thrown: a statement whose outcome
   * decides whether to commit must fail (raise) rather than report.
   */
  commit?: boolean;
}

/**
 * Runs a hot statement as a named prepared statement: PostgreSQL parses and plans it once per connection
 * instead of on every call (planning the search's ranking or a page's rows costs about as much as running
 * them). The name comes from the text, so statements built from a filter's shape get one name per shape.
 * Inside a transaction pass its EntityManager: the statement runs on that transaction's connection.
 * Returns the rows, like `query`.
 */
export async function preparedQuery<T = Record<string, unknown>>(on: DataSource | EntityManager, text: string, values: unknown[], options: PreparedQueryOptions = {}): Promise<T[]> {
  const name = statementName(text);
  const runner = 'queryRunner' in on ? on.queryRunner : undefined;
  if (runner && !runner.isReleased) {
    // A transaction's runner holds its pg client once connected (TypeORM's PostgresQueryRunner).
    const client = (runner as unknown as { databaseConnection?: pg.PoolClient }).databaseConnection ?? ((await runner.connect()) as pg.PoolClient);
    if (options.commit) return (await queryThenCommit(client, { name, text, values })).rows as T[];
    return (await client.query({ name, text, values })).rows as T[];
  }
  if (options.commit) throw new Error('preparedQuery with { commit: true } needs the EntityManager of an open transaction');
  return (await poolOf('driver' in on ? on : on.connection).query({ name, text, values })).rows as T[];
}

/**
 * `query`, then COMMIT, both sent before either answer comes back (see `pipelined`).
 */
async function queryThenCommit(client: pg.PoolClient, query: pg.QueryConfig): Promise<pg.QueryResult> {
  const restore = pipelined(client);
  try {
    const [statement, commit] = await Promise.allSettled([client.query(query), client.query('COMMIT')]);
    if (statement.status === 'rejected') throw statement.reason;
    if (commit.status === 'rejected') throw commit.reason;
    return statement.value;
  } finally {
    restore();
  }
}

/**
 * Lets the pg client write queries without waiting for the previous answer (node-postgres 8.23's `pipeline`
 * flag, turned on for a connection this code holds) until the returned function is called; already on, it is
 * left as it is. Without the flag (another version) queued queries still go out back to back: each as soon as
 * the previous answer is read, before any other work of this process runs. Answers and errors still come back
 * to each query in order; inside a transaction, a failed statement makes the ones behind it fail and turns a
 * queued COMMIT into a rollback.
 */
export function pipelined(client: pg.PoolClient): () => void {
  const flag = client as unknown as { pipeline?: boolean };
  if (flag.pipeline !== false) return () => undefined;
  try {
    flag.pipeline = true;
  } catch {
    return () => undefined; // a version where it is read-only: back to back, as above
  }
  return () => {
    flag.pipeline = false;
  };
}

/** Whether the pg client is inside a transaction (open or failed), by its last ReadyForQuery. */
export function inTransaction(client: pg.PoolClient): boolean {
  return client.getTransactionStatus() !== 'I';
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
