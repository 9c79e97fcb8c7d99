/**
 * One normal form for everything that is matched against topic names: what a marketer types, a hashtag, a
 * localized display name. Accents are stripped (so "fútbol" meets "futbol"), "&" reads as "and", and
 * punctuation becomes a space. Greek and Japanese letters are kept as they are.
 */
export function normalizeTopicTerm(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/\s+/g, ' ');
}

/** Words of a normalized text. Scripts written without spaces (Japanese, Chinese) come out as one run each. */
export function tokenizeNormalized(normalized: string): string[] {
  return normalized.length ? normalized.split(' ') : [];
}

/** "#ElectricCars" -> "electric cars"; "#formula1" -> "formula 1". */
export function splitHashtag(tag: string): string {
  const spaced = tag
    .replace(/^#/, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Za-z])(\d)/g, '$1 $2')
    .replace(/_/g, ' ');
  return normalizeTopicTerm(spaced);
}
