import { parseJsonPreservingBigInts } from './parse-json-preserving-big-ints.js';

describe('parseJsonPreservingBigInts', () => {
  it('keeps bare integers above 2^53 exact, as strings', () => {
    const v = parseJsonPreservingBigInts('{"id": 1149867698572025858, "n": 12, "ids":[1377649934414049282,-9007199254740993]}') as any;
    expect(v.id).toBe('1149867698572025858');
    expect(v.n).toBe(12);
    expect(v.ids).toEqual(['1377649934414049282', '-9007199254740993']);
  });

  it('leaves digits inside strings and decimals alone', () => {
    const text = '{"text": "code :1234567890123456789, here \\" ,1234567890123456789]", "x": 1234567890123456789.5}';
    const v = parseJsonPreservingBigInts(text) as any;
    expect(v.text).toBe('code :1234567890123456789, here " ,1234567890123456789]');
    expect(v.x).toBe(1234567890123456789.5);
  });

  it('throws on malformed JSON like JSON.parse', () => {
    expect(() => parseJsonPreservingBigInts('{"id": 1149867698572025858')).toThrow();
  });
});
