import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { csvNumber, csvSafeText } from './csv-safe-cell.js';

describe('csvSafeText: no cell runs as a spreadsheet formula', () => {
  it.each(['=HYPERLINK("http://evil.test","click")', '+1+cmd|/C calc!A0', '-2+3', '@SUM(A1:A9)', '\t=1', '\r=1'])('defuses %j with a leading apostrophe', (value) => {
    expect(csvSafeText(value)).toBe(`'${value}`);
  });

  it('leaves ordinary text, inner formula characters and empty values alone', () => {
    expect(csvSafeText('EV reviewer, Berlin')).toBe('EV reviewer, Berlin');
    expect(csvSafeText('a=b and c+d')).toBe('a=b and c+d');
    expect(csvSafeText(null)).toBe('');
    expect(csvSafeText(undefined)).toBe('');
  });

  it('survives CSV quoting: a note with quotes, commas and a newline reads back as written (defused)', () => {
    const note = '=1+1, "quoted"\nsecond line';
    const csv = stringify([[csvSafeText(note)]]);
    expect(parse(csv)).toEqual([[`'${note}`]]);
  });
});

describe('csvNumber', () => {
  it('writes numbers and big integer strings as they are, never a formula', () => {
    expect(csvNumber(42.5)).toBe('42.5');
    expect(csvNumber('9007199254740993')).toBe('9007199254740993');
    expect(csvNumber(-3)).toBe('-3');
    expect(csvNumber('=1+1')).toBe('');
    expect(csvNumber(null)).toBe('');
  });
});
