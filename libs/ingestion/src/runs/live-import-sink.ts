import type { LiveRecordBatch, LiveRecordSink } from '../connectors/live-record-sink.js';
import type { RawRecord } from '../model/graph-observation.js';
import type { GraphImporter, ImportResult } from './graph-importer.js';

async function* fromArray(records: RawRecord[]): AsyncGenerator<RawRecord> {
  yield* records;
}

/**
 * Connects live connectors to the importer: each delivered batch becomes one import run (source = connector),
 * committed before `write` resolves, so the connector may then persist its cursor.
 */
export class LiveImportSink implements LiveRecordSink {
  lastResult: ImportResult | null = null;

  constructor(private readonly importer: GraphImporter) {}

  async write(batch: LiveRecordBatch): Promise<void> {
    if (batch.records.length === 0) return;
    this.lastResult = await this.importer.ingest(fromArray(batch.records), {
      format: batch.format,
      source: batch.connector,
      file: batch.connector,
      batchSize: Math.max(batch.records.length, 1),
    });
  }
}
