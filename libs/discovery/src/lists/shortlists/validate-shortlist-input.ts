import { DiscoveryError } from '../../discovery.error.js';

export const MAX_NAME_LENGTH = 120;
export const MAX_DESCRIPTION_LENGTH = 2000;
export const MAX_NOTE_LENGTH = 2000;
export const MAX_TAGS_PER_ENTRY = 20;
export const MAX_TAG_LENGTH = 40;
/** A shortlist is a working set a person reviews; past this size a discovery query is the better tool. */
export const MAX_ENTRIES_PER_LIST = 5000;
export const MAX_ACCOUNTS_PER_CALL = 500;

/** Internal ids are bigints sent as strings; anything else can never name a row. */
export const isInternalId = (id: string) => /^\d{1,18}$/.test(id);

export function normalizeShortlistName(name: string): string {
  const n = name.replace(/\s+/g, ' ').trim();
  if (!n) throw DiscoveryError.badInput('A shortlist needs a name: type one, e.g. "EV reviewers Q3".');
  if (n.length > MAX_NAME_LENGTH) throw DiscoveryError.badInput(`A shortlist name has at most ${MAX_NAME_LENGTH} characters; shorten it.`, { maxLength: MAX_NAME_LENGTH });
  return n;
}

export function normalizeDescription(description: string | null | undefined): string {
  const d = (description ?? '').trim();
  if (d.length > MAX_DESCRIPTION_LENGTH) throw DiscoveryError.badInput(`A description has at most ${MAX_DESCRIPTION_LENGTH} characters; shorten it.`, { maxLength: MAX_DESCRIPTION_LENGTH });
  return d;
}

export function normalizeNote(note: string | null | undefined): string {
  const n = (note ?? '').trim();
  if (n.length > MAX_NOTE_LENGTH) throw DiscoveryError.badInput(`A note has at most ${MAX_NOTE_LENGTH} characters; shorten it.`, { maxLength: MAX_NOTE_LENGTH });
  return n;
}

/** One tag: trimmed, inner spaces collapsed, lower-case, so "Q3 Launch" and "q3  launch " filter together. */
export function normalizeTag(tag: string): string {
  const t = tag.replace(/\s+/g, ' ').trim().toLowerCase();
  if (!t) throw DiscoveryError.badInput('A tag cannot be empty.');
  if (t.length > MAX_TAG_LENGTH) throw DiscoveryError.badInput(`A tag has at most ${MAX_TAG_LENGTH} characters: "${t.slice(0, MAX_TAG_LENGTH)}..." is too long.`, { maxLength: MAX_TAG_LENGTH });
  return t;
}

/** Tags of one entry: normalized, duplicates dropped (first spelling kept), at most MAX_TAGS_PER_ENTRY. */
export function normalizeTags(tags: readonly string[] | null | undefined): string[] {
  const out: string[] = [];
  for (const raw of tags ?? []) {
    const t = normalizeTag(raw);
    if (!out.includes(t)) out.push(t);
  }
  if (out.length > MAX_TAGS_PER_ENTRY) throw DiscoveryError.badInput(`An entry has at most ${MAX_TAGS_PER_ENTRY} tags; remove some.`, { maxTags: MAX_TAGS_PER_ENTRY });
  return out;
}

/** Account ids of one add/remove call: distinct, well-formed, not too many. Malformed ones are returned apart. */
export function partitionAccountIds(ids: readonly string[]): { valid: string[]; malformed: string[] } {
  const valid: string[] = [];
  const malformed: string[] = [];
  for (const id of ids) {
    const s = String(id).trim();
    if (!isInternalId(s)) malformed.push(s);
    else if (!valid.includes(s)) valid.push(s);
  }
  if (valid.length + malformed.length > MAX_ACCOUNTS_PER_CALL) {
    throw DiscoveryError.badInput(`At most ${MAX_ACCOUNTS_PER_CALL} accounts per call; send them in batches.`, { maxAccounts: MAX_ACCOUNTS_PER_CALL });
  }
  return { valid, malformed };
}
