import { decodeEntryCursor, encodeEntryCursor } from './entry-cursor.js';

describe('shortlist page cursor', () => {
  it('round-trips the timestamp text with its microseconds and the account id', () => {
    const c = encodeEntryCursor('2026-11-22 07:41:03.123456+00', '9007199254740993');
    expect(decodeEntryCursor(c)).toEqual({ addedAt: '2026-11-22 07:41:03.123456+00', accountId: '9007199254740993' });
  });

  it('refuses a cursor it did not make, saying what to pass instead', () => {
    expect(() => decodeEntryCursor('not-a-cursor')).toThrow(/endCursor of the previous page/);
    expect(() => decodeEntryCursor(Buffer.from(JSON.stringify(['yesterday', '1'])).toString('base64url'))).toThrow(/endCursor/);
  });
});
