/**
 * JSON.parse that keeps integers longer than 15 digits exact by turning them into strings first. Twitter v1.1
 * (`id`, `in_reply_to_status_id`) and streaming `matching_rules` carry ids above 2^53 as bare numbers, which
 * JSON.parse would silently round. Only numbers outside string literals are rewritten.
 */
const MAYBE_BARE_BIG_INT = /[:[,]\s*-?\d{16,}\s*[,\]}]/;

export function parseJsonPreservingBigInts(text: string): unknown {
  if (!MAYBE_BARE_BIG_INT.test(text)) return JSON.parse(text);
  return JSON.parse(quoteBareBigInts(text));
}

export function quoteBareBigInts(text: string): string {
  let out = '';
  let copiedUpTo = 0;
  let inString = false;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
      continue;
    }
    if (c === 34) {
      inString = true;
      continue;
    }
    const isMinus = c === 45;
    if (isMinus || (c >= 48 && c <= 57)) {
      let j = isMinus ? i + 1 : i;
      while (j < n && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
      const digits = j - (isMinus ? i + 1 : i);
      const next = j < n ? text.charCodeAt(j) : 0;
      const isInteger = next !== 46 /* . */ && next !== 101 /* e */ && next !== 69; /* E */
      if (digits >= 16 && isInteger) {
        out += text.slice(copiedUpTo, i) + '"' + text.slice(i, j) + '"';
        copiedUpTo = j;
      }
      i = j - 1;
    }
  }
  return copiedUpTo === 0 ? text : out + text.slice(copiedUpTo);
}
