import { hashClaimToken, looksLikeClaimToken, newClaimToken } from './claim-token.js';

describe('claim tokens', () => {
  it('carry 32 random bytes and store only their SHA-256', () => {
    const a = newClaimToken();
    const b = newClaimToken();
    expect(Buffer.from(a.token, 'base64url')).toHaveLength(32);
    expect(a.token).not.toBe(b.token);
    expect(a.hash).toHaveLength(32);
    expect(hashClaimToken(a.token).equals(a.hash)).toBe(true);
    expect(looksLikeClaimToken(a.token)).toBe(true);
    expect(looksLikeClaimToken('short')).toBe(false);
  });
});
