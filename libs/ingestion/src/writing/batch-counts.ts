/** What one write did to one table: rows inserted, rows changed, rows sent but identical to what was stored. */
export interface EntityCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

export interface BatchCounts {
  accounts: EntityCounts;
  posts: EntityCounts;
  interactions: EntityCounts;
  accountHistory: EntityCounts;
  postHistory: EntityCounts;
  deletions: number;
}

/** The row every merge statement returns. */
export interface MergeCounts {
  inserted: number;
  updated: number;
}

const zero = (): EntityCounts => ({ inserted: 0, updated: 0, unchanged: 0 });

export const emptyBatchCounts = (): BatchCounts => ({ accounts: zero(), posts: zero(), interactions: zero(), accountHistory: zero(), postHistory: zero(), deletions: 0 });

export function addMergeCounts(e: EntityCounts, r: MergeCounts) {
  e.inserted += r.inserted;
  e.updated += r.updated;
}
