import { normalizeTopicTerm, tokenizeNormalized } from '../ontology/normalize-topic-term.js';

/** Scripts written without spaces: a "word" there is a whole clause, so character n-grams stand in for words. */
const NO_SPACE_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u;

/**
 * Bag-of-features for the small text model: normalized words, a 5-letter stem of longer words (Spanish and
 * Greek inflect heavily), and character bigrams and trigrams inside Japanese runs. URLs and @handles are dropped.
 */
export function textFeatures(text: string): string[] {
  const cleaned = text.replace(/https?:\/\/\S+/g, ' ').replace(/@\w+/g, ' ');
  const out: string[] = [];
  for (const word of tokenizeNormalized(normalizeTopicTerm(cleaned))) {
    if (NO_SPACE_SCRIPT.test(word)) {
      for (let i = 0; i < word.length - 1; i++) out.push(`b:${word.slice(i, i + 2)}`);
      for (let i = 0; i < word.length - 2; i++) out.push(`t:${word.slice(i, i + 3)}`);
      continue;
    }
    if (/^\d+$/.test(word)) continue;
    out.push(`w:${word}`);
    if (word.length > 6) out.push(`s:${word.slice(0, 5)}`);
  }
  return out;
}
