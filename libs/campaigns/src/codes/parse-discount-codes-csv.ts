import { parse } from 'csv-parse/sync';

export interface CodeCsvProblem {
  line: number;
  reason: string;
  raw: string;
}

export interface ParsedCodes {
  codes: string[];
  problems: CodeCsvProblem[];
}

/** A code is what a shop accepts at checkout: letters, digits and - _ . only, 3 to 64 characters. */
const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/;

/**
 * Reads uploaded discount codes: one per line (first column), an optional header named "code". Every line
 * that is not a usable code is reported with its line number instead of being dropped silently, and a code
 * that appears twice in the file is refused (the second occurrence is reported), so no code can ever be
 * handed to two people.
 */
export function parseDiscountCodesCsv(csv: string): ParsedCodes {
  const rows: string[][] = parse(csv, { relax_column_count: true, skip_empty_lines: false, trim: true, bom: true });
  const codes: string[] = [];
  const problems: CodeCsvProblem[] = [];
  const seen = new Map<string, number>();
  rows.forEach((row, index) => {
    const line = index + 1;
    const value = (row[0] ?? '').trim();
    const raw = row.join(',');
    if (line === 1 && value.toLowerCase() === 'code') return;
    if (value === '' && row.every((c) => c.trim() === '')) return;
    if (!CODE_PATTERN.test(value)) {
      problems.push({ line, raw, reason: 'not a code: use 3-64 letters, digits, "-", "_" or "."' });
      return;
    }
    const key = value.toUpperCase();
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push({ line, raw, reason: `duplicate of line ${first}` });
      return;
    }
    seen.set(key, line);
    codes.push(value);
  });
  return { codes, problems };
}
