import { parseDiscountCodesCsv } from './parse-discount-codes-csv.js';

describe('parseDiscountCodesCsv', () => {
  it('reads one code per line after an optional header', () => {
    expect(parseDiscountCodesCsv('code\nSAVE-1\nSAVE-2\n').codes).toEqual(['SAVE-1', 'SAVE-2']);
  });

  it('reports bad lines with their number and refuses duplicates (case-insensitive)', () => {
    const r = parseDiscountCodesCsv('AAA-1\n#!bad\nBBB-2\naaa-1\n\nCC\n');
    expect(r.codes).toEqual(['AAA-1', 'BBB-2']);
    expect(r.problems).toEqual([
      { line: 2, raw: '#!bad', reason: expect.stringContaining('not a code') },
      { line: 4, raw: 'aaa-1', reason: 'duplicate of line 1' },
      { line: 6, raw: 'CC', reason: expect.stringContaining('not a code') },
    ]);
  });
});
