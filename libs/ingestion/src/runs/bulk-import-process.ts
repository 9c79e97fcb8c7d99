import { setFlagsFromString } from 'node:v8';

/**
 * For a process whose job is a bulk import (the CLI's `ingest`, the ingest benchmark). When allocation is fast,
 * and parsing gigabytes of JSON is, V8 lets the heap grow to up to 4x the live data before a full collection;
 * a fixed growth factor of 2 keeps an import's peak RSS flat (measured on a 100k-post Twitter v2 file: 398 MB
 * -> 285-305 MB peak) for about the same CPU. The setting is process-wide, so a
 * process that runs imports opts in; the importer itself does not change it.
 */
export function limitHeapGrowthForBulkImport(): void {
  setFlagsFromString('--heap-growing-percent=100');
}
