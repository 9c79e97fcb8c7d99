import { arrayLiteral, copyRow } from './encode-copy-text.js';

describe('COPY text encoding', () => {
  it('escapes tabs, newlines, backslashes and drops NULs', () => {
    expect(copyRow(['a\tb\nc\\d\u0000e', null, true, 12])).toBe('a\\tb\\nc\\\\de\t\\N\tt\t12\n');
  });

  it('writes text arrays with quoting inside the COPY escaping', () => {
    expect(arrayLiteral(['x', 'he said "hi"', 'back\\slash'])).toBe('{"x","he said \\"hi\\"","back\\\\slash"}');
    expect(copyRow([['a,b', 'c']])).toBe('{"a,b","c"}\n');
  });

  it('writes objects as JSON', () => {
    expect(copyRow([[{ domain: { id: '10' } }]])).toBe('[{"domain":{"id":"10"}}]\n');
  });

  it('drops NULs inside JSON strings (jsonb cannot hold \\u0000), and only them', () => {
    expect(copyRow([{ name: 'a\u0000b', note: 'literal \\u0000 text' }])).toBe('{"name":"ab","note":"literal \\\\\\\\u0000 text"}\n');
  });
});
