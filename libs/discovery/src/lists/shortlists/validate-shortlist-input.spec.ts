import { MAX_ACCOUNTS_PER_CALL, MAX_TAGS_PER_ENTRY, normalizeNote, normalizeShortlistName, normalizeTags, partitionAccountIds } from './validate-shortlist-input.js';

describe('shortlist input', () => {
  it('trims names and collapses inner whitespace; refuses empty and overlong names with the limit', () => {
    expect(normalizeShortlistName('  EV   reviewers Q3 ')).toBe('EV reviewers Q3');
    expect(() => normalizeShortlistName('   ')).toThrow(/needs a name/);
    expect(() => normalizeShortlistName('x'.repeat(121))).toThrow(/at most 120/);
  });

  it('normalizes tags to lower case, drops duplicates and refuses too many', () => {
    expect(normalizeTags([' Q3  Launch', 'q3 launch', 'Germany'])).toEqual(['q3 launch', 'germany']);
    expect(normalizeTags(null)).toEqual([]);
    expect(() => normalizeTags([''])).toThrow(/cannot be empty/);
    expect(() => normalizeTags(Array.from({ length: MAX_TAGS_PER_ENTRY + 1 }, (_, i) => `t${i}`))).toThrow(/at most 20 tags/);
  });

  it('keeps notes as typed (trimmed) up to 2000 characters', () => {
    expect(normalizeNote('  met at IAA ')).toBe('met at IAA');
    expect(() => normalizeNote('n'.repeat(2001))).toThrow(/at most 2000/);
  });

  it('splits account ids into well-formed (deduplicated) and malformed, and caps a call', () => {
    expect(partitionAccountIds(['12', '12', ' 7 ', 'abc', '1e3'])).toEqual({ valid: ['12', '7'], malformed: ['abc', '1e3'] });
    expect(() => partitionAccountIds(Array.from({ length: MAX_ACCOUNTS_PER_CALL + 1 }, (_, i) => String(i + 1)))).toThrow(/at most 500/i);
  });
});
