/** Where a connector resumes from. Implementations must make `save` durable before resolving. */
export interface ConnectorCursorStore {
  load(connector: string): Promise<string | null>;
  save(connector: string, sourceUrl: string, cursor: string, eventsProcessed: number): Promise<void>;
}

/** The part of pg's Pool/Client the store uses (a TypeORM DataSource can be adapted in one line). */
export interface SqlQueryable {
  query(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

/** Cursors in `ingestion_live_cursors` (migration 1763720000050), one row per connector. */
export class PgConnectorCursorStore implements ConnectorCursorStore {
  constructor(private readonly db: SqlQueryable) {}

  async load(connector: string): Promise<string | null> {
    const { rows } = await this.db.query('SELECT cursor FROM ingestion_live_cursors WHERE connector = $1', [connector]);
    return rows.length ? String(rows[0].cursor) : null;
  }

  async save(connector: string, sourceUrl: string, cursor: string, eventsProcessed: number): Promise<void> {
    await this.db.query(
      `INSERT INTO ingestion_live_cursors (connector, source_url, cursor, events_processed, updated_at)
       VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (connector) DO UPDATE
         SET source_url = EXCLUDED.source_url, cursor = EXCLUDED.cursor,
             events_processed = ingestion_live_cursors.events_processed + EXCLUDED.events_processed, updated_at = now()`,
      [connector, sourceUrl, cursor, eventsProcessed],
    );
  }
}

/** For tests and one-off runs without a database. */
export class InMemoryConnectorCursorStore implements ConnectorCursorStore {
  readonly cursors = new Map<string, string>();
  async load(connector: string) {
    return this.cursors.get(connector) ?? null;
  }
  async save(connector: string, _sourceUrl: string, cursor: string) {
    this.cursors.set(connector, cursor);
  }
}
