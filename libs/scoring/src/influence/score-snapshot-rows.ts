// The rows a scoring run hands to the store to write (write-score-snapshots.ts).

/**
 * One account's snapshot as the run hands it to the store. Numbers as stored: the arrays already hold the
 * rounded values (see snapshot-columns.ts). A producer may reuse one row object (and its arrays) for the
 * next row once the store has moved on to it.
 */
export interface SnapshotRow {
  accountId: number;
  score: number;
  percentile: number;
  reach: number;
  amplification: number;
  network: number;
  raw: number;
  /** SNAPSHOT_SIGNAL_FIELDS order (double precision[]). */
  signals: ArrayLike<number>;
  /** SNAPSHOT_CONTRIBUTIONS order (real[]). */
  contributions: ArrayLike<number>;
  topEngagerIds: ArrayLike<number>;
  topEngagerWeights: ArrayLike<number>;
  /** How many of topEngagerIds / topEngagerWeights are used. */
  topEngagerCount: number;
}

/** The run's rows by account position: `rows(from, to)` yields accounts from..to-1 (any range, more than one at a time). */
export interface SnapshotRowSource {
  count: number;
  rows(from: number, to: number): Iterable<SnapshotRow>;
}

export interface PersonSnapshotRow {
  personId: string;
  score: number;
  percentile: number;
  accountIds: string[];
  bestAccountId: string;
}
