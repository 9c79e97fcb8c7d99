import { parseAccountId, parseHandle, parseLimit, parsePlatform } from './parse-developer-api-input.js';

describe('developer API input', () => {
  it('keeps account ids as strings, beyond 2^53 too', () => {
    expect(parseAccountId('9007199254740993')).toBe('9007199254740993');
    expect(parseAccountId('0042')).toBe('42');
  });

  it('refuses ids that are not bigints, naming the way out', () => {
    for (const bad of ['abc', '-1', '1.5', '0', '9223372036854775808', '']) {
      expect(() => parseAccountId(bad)).toThrow(/not a Renown account id.*\/v1\/identity/);
    }
  });

  it('normalizes platforms and handles', () => {
    expect(parsePlatform('Twitter')).toBe('twitter');
    expect(() => parsePlatform('twit ter')).toThrow(/not a platform name/);
    expect(parseHandle('@Jane_Doe')).toBe('Jane_Doe');
    expect(parseHandle('alice.bsky.social')).toBe('alice.bsky.social');
    expect(() => parseHandle('@')).toThrow(/handle/);
  });

  it('bounds list limits', () => {
    expect(parseLimit(undefined, 5, 25)).toBe(5);
    expect(parseLimit('25', 5, 25)).toBe(25);
    expect(() => parseLimit('26', 5, 25)).toThrow(/1 to 25/);
    expect(() => parseLimit('two', 5, 25)).toThrow(/1 to 25/);
  });
});
