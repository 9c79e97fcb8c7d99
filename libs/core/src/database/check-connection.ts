import pg from 'pg';

export class DatabaseUnreachableError extends Error {
  override name = 'DatabaseUnreachableError';
}

/** Describes a database URL without its password, for messages and logs. */
export function describeDatabaseUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return '(unparseable URL)';
  }
}

/**
 * Fails within `timeoutMs` with a message naming the server when PostgreSQL cannot be reached, rather than
 * letting the pool retry forever.
 */
export async function checkDatabaseConnection(url: string, source: string, timeoutMs = 10_000): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  const timer = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error(`no answer within ${timeoutMs / 1000}s`)), timeoutMs).unref(),
  );
  try {
    await Promise.race([client.connect().then(() => client.query('SELECT 1')), timer]);
  } catch (err) {
    throw new DatabaseUnreachableError(
      `Cannot reach PostgreSQL at ${describeDatabaseUrl(url)} (from ${source}): ${err.message || err.code || err}`,
    );
  } finally {
    client.end().catch(() => undefined);
  }
}
