import { type BatchCounts, emptyBatchCounts } from '../writing/batch-counts.js';

/** What one import run did. inserted/updated/unchanged count graph rows (accounts + posts + interactions). */
export interface RunCounts {
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  quarantined: number;
  skipped: number;
  /** Per table, summed over the run's batches. */
  byEntity: BatchCounts;
}

export function emptyRunCounts(): RunCounts {
  return {
    read: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    quarantined: 0,
    skipped: 0,
    byEntity: emptyBatchCounts(),
  };
}

export function addBatchCounts(run: RunCounts, b: BatchCounts, records: number, quarantined: number, skipped: number) {
  run.read += records;
  run.quarantined += quarantined;
  run.skipped += skipped;
  for (const k of ['accounts', 'posts', 'interactions', 'accountHistory', 'postHistory'] as const) {
    run.byEntity[k].inserted += b[k].inserted;
    run.byEntity[k].updated += b[k].updated;
    run.byEntity[k].unchanged += b[k].unchanged;
  }
  run.byEntity.deletions += b.deletions;
  run.inserted = run.byEntity.accounts.inserted + run.byEntity.posts.inserted + run.byEntity.interactions.inserted;
  run.updated = run.byEntity.accounts.updated + run.byEntity.posts.updated + run.byEntity.interactions.updated + run.byEntity.deletions;
  run.unchanged = run.byEntity.accounts.unchanged + run.byEntity.posts.unchanged + run.byEntity.interactions.unchanged;
}
