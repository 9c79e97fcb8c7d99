import type { RawRecord } from '../model/graph-observation.js';

/** The formats live connectors deliver; each record is one event/status, parsed by the matching format parser. */
export type LiveFormat = 'bluesky-jetstream' | 'mastodon';

export interface LiveRecordBatch {
  format: LiveFormat;
  /** The connector's name (cursor key), e.g. "bluesky:jetstream2.us-east". */
  connector: string;
  records: RawRecord[];
  /** The cursor after the last record of the batch: where to resume once this batch is stored. */
  cursor: string;
}

/**
 * Where live records go. `write` resolves once the batch is durably stored; only then does the connector advance
 * its persisted cursor, so a crash between the two re-delivers the batch (the importer is idempotent) rather
 * than losing it.
 */
export interface LiveRecordSink {
  write(batch: LiveRecordBatch): Promise<void>;
}
