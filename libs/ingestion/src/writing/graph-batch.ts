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

const hasValue = (v: unknown) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0);

/** Later-and-more-complete wins field by field; what the winner lacks is kept from the other. */
function merge<T extends object>(older: T, newer: T): T {
  const out = { ...older } as Record<string, unknown>;
  for (const [k, v] of Object.entries(newer)) if (hasValue(v) || !(k in out)) out[k] = v;
  return out as T;
}

const isNewer = (a: { stub: boolean; observedAt?: string | null }, b: { stub: boolean; observedAt?: string | null }) => {
  if (a.stub !== b.stub) return !a.stub; // a full observation beats a mere reference
  return (a.observedAt ?? '') >= (b.observedAt ?? '');
};

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
      this.accounts.set(key, !prev ? a : isNewer(a, prev) ? merge(prev, a) : merge(a, prev));
      if (!a.stub && a.observedAt && [a.followersCount, a.followingCount, a.listedCount, a.postsCount].some(hasValue)) {
        this.accountHistory.set(`${key}\u0000${a.observedAt}`, a);
      }
    }
    for (const p of items.posts) {
      const key = `${p.platform}\u0000${p.externalId}`;
      const prev = this.posts.get(key);
      this.posts.set(key, !prev ? p : isNewer(p, prev) ? merge(prev, p) : merge(p, prev));
      if (!p.stub && p.observedAt && [p.likeCount, p.repostCount, p.replyCount, p.quoteCount, p.impressionCount].some(hasValue)) {
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
