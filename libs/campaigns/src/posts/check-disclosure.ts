/**
 * Tags the FTC's endorsement guides accept as a clear disclosure of a material connection. "#ad" and
 * "#sponsored" are the ones the claim page asks for; the others are common, equally clear forms.
 */
export const ACCEPTED_DISCLOSURE_TAGS = ['ad', 'sponsored', 'advertisement', 'paidpartnership', 'paidpartner', 'gifted'] as const;

/**
 * "Near the start": a disclosure buried after a wall of hashtags or below a "more" fold does not count.
 * We take the first 100 characters, which is what every platform shows before truncating.
 */
export const DISCLOSURE_WINDOW_CHARS = 100;

export interface DisclosureResult {
  disclosed: boolean;
  /** The tag found in the window, if any. */
  tag: string | null;
  /** A tag found but too late in the text. */
  lateTag: string | null;
}

export function checkDisclosure(text: string | null | undefined): DisclosureResult {
  const body = text ?? '';
  const pattern = new RegExp(`(^|[^\\p{L}\\p{N}_])#(${ACCEPTED_DISCLOSURE_TAGS.join('|')})(?![\\p{L}\\p{N}_])`, 'giu');
  let late: string | null = null;
  for (const match of body.matchAll(pattern)) {
    const at = (match.index ?? 0) + match[1].length;
    const tag = match[2].toLowerCase();
    if (at < DISCLOSURE_WINDOW_CHARS) return { disclosed: true, tag, lateTag: null };
    late ??= tag;
  }
  return { disclosed: false, tag: null, lateTag: late };
}
