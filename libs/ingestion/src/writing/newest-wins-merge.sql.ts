/**
 * The merge rules shared by both write paths, as SQL fragments: how a stored account or post row takes in a new
 * observation, and the shape every merge statement returns.
 */

// Profile and content columns follow the newest observation; an older one only fills what is still unknown.
export const ACCOUNT_COLUMNS = ['handle', 'display_name', 'bio', 'links', 'language', 'location', 'verified', 'account_created_at', 'followers_count', 'following_count', 'listed_count', 'posts_count', 'details'];
export const POST_COLUMNS = ['author_account_id', 'posted_at', 'text', 'language', 'hashtags', 'mentioned_account_ids', 'urls', 'like_count', 'repost_count', 'reply_count', 'quote_count', 'impression_count', 'annotations'];
export const POST_REFERENCES = ['reply_to_post_id', 'quote_of_post_id', 'repost_of_post_id'];

const newer = (src: string) => `(t.is_stub OR t.metrics_observed_at IS NULL OR ${src}.metrics_observed_at >= t.metrics_observed_at)`;
const mergeExpr = (c: string, src: string) => `CASE WHEN ${newer(src)} THEN COALESCE(${src}.${c}, t.${c}) ELSE COALESCE(t.${c}, ${src}.${c}) END`;

/** The merged value of each column (`src` holds the new observation) and the condition that any of them changes. */
function mergeColumns(columns: string[], extra: Record<string, string>, src: string) {
  const exprs: Record<string, string> = { is_stub: 'false', metrics_observed_at: `GREATEST(t.metrics_observed_at, ${src}.metrics_observed_at)`, ...extra };
  for (const c of columns) exprs[c] = mergeExpr(c, src);
  const names = Object.keys(exprs);
  return {
    set: `${names.map((c) => `${c} = ${exprs[c]}`).join(', ')}, updated_at = now()`,
    changed: `(${names.map((c) => `t.${c}`).join(', ')}) IS DISTINCT FROM (${names.map((c) => exprs[c]).join(', ')})`,
  };
}

export function upsertSet(columns: string[], extra: Record<string, string>) {
  const m = mergeColumns(columns, extra, 'EXCLUDED');
  return `SET ${m.set} WHERE ${m.changed}`;
}

export const referenceMerge = (src: string) => Object.fromEntries(POST_REFERENCES.map((c) => [c, `COALESCE(${src}.${c}, t.${c})`]));
export const accountMerge = mergeColumns(ACCOUNT_COLUMNS, {}, 's');
export const postMerge = mergeColumns(POST_COLUMNS, referenceMerge('s'), 's');

export const COUNT_RETURNING = `SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated FROM w`;
