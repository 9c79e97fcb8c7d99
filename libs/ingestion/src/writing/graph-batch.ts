import type {
  AccountObservation,
  DeletionObservation,
  InteractionObservation,
  ParsedItems,
  PostObservation,
  RecordPosition,
} from '../model/graph-observation.js';

export interface QuarantineEntry {
  position: RecordPosition;
  reason: string;
  raw: string;
}

type Merged<T> = T;

/** The winner's values, with what it lacks taken from the other observation (copy only when needed). */
function fillMissing<T extends object>(winner: T, other: T): T {
  let out: Record<string, unknown> | null = null;
  const w = winner as Record<string, unknown>;
  const o = other as Record<string, unknown>;
  for (const k in o) {
    const v = o[k];
    if (v === null || v === undefined) continue;
    const cur = w[k];
    if (cur === null || cur === undefined || (Array.isArray(cur) && cur.length === 0 && Array.isArray(v) && v.length > 0)) {
      out ??= { ...w };
      out[k] = v;
    }
  }
  return (out ?? winner) as T;
}

const isNewer = (a: { stub: boolean; observedAt?: string | null }, b: { stub: boolean; observedAt?: string | null }) => {
  if (a.stub !== b.stub) return !a.stub; // a full observation beats a mere reference
  return (a.observedAt ?? '') >= (b.observedAt ?? '');
};

const notNull = (v: unknown) => v !== null && v !== undefined;

/**
 * The observations of one batch, deduplicated so that each account, post and edge appears once (one INSERT
 * ... ON CONFLICT may not touch a row twice), while every dated metric observation is kept for the history.
 */
export class GraphBatch {
  readonly accounts = new Map<string, Merged<AccountObservation>>();
  readonly accountHistory = new Map<string, AccountObservation>();
  readonly posts = new Map<string, Merged<PostObservation>>();
  readonly postHistory = new Map<string, PostObservation>();
  readonly interactions = new Map<string, InteractionObservation>();
  readonly deletions: DeletionObservation[] = [];
  readonly quarantine: QuarantineEntry[] = [];
  records = 0;
  skipped = 0;
  lastPosition: RecordPosition | null = null;

  get size() {
    return this.posts.size + this.interactions.size + this.accounts.size / 2 + this.quarantine.length;
  }

  add(items: ParsedItems) {
    this.skipped += items.skipped;
    for (const a of items.accounts) {
      const key = `${a.platform}\u0000${a.externalId}`;
      const prev = this.accounts.get(key);
      this.accounts.set(key, !prev ? a : isNewer(a, prev) ? fillMissing(a, prev) : fillMissing(prev, a));
      if (!a.stub && a.observedAt && (notNull(a.followersCount) || notNull(a.followingCount) || notNull(a.listedCount) || notNull(a.postsCount))) {
        this.accountHistory.set(`${key}\u0000${a.observedAt}`, a);
      }
    }
    for (const p of items.posts) {
      const key = `${p.platform}\u0000${p.externalId}`;
      const prev = this.posts.get(key);
      this.posts.set(key, !prev ? p : isNewer(p, prev) ? fillMissing(p, prev) : fillMissing(prev, p));
      if (!p.stub && p.observedAt && (notNull(p.likeCount) || notNull(p.repostCount) || notNull(p.replyCount) || notNull(p.quoteCount) || notNull(p.impressionCount))) {
        this.postHistory.set(`${key}\u0000${p.observedAt}`, p);
      }
    }
    for (const i of items.interactions) {
      this.interactions.set(
        `${i.platform}\u0000${i.type}\u0000${i.actorExternalId}\u0000${i.targetExternalId}\u0000${i.postExternalId ?? ''}\u0000${i.occurredAt ?? ''}`,
        i,
      );
    }
    this.deletions.push(...items.deletions);
  }
}
