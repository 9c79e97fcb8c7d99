import { dummyPasswordHash, hashPassword, verifyPassword } from './password-hasher.js';
import { newApiKeySecret, newSecretToken, sha256 } from './secret-token.js';

const FAST = { N: 2 ** 10, r: 8, p: 1 };

describe('password hashing (scrypt)', () => {
  it('stores its parameters and a random salt, and verifies only the right password', async () => {
    const a = await hashPassword('correct horse battery', FAST);
    const b = await hashPassword('correct horse battery', FAST);
    expect(a).toMatch(/^scrypt\$1024\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse battery', a)).toBe(true);
    expect(await verifyPassword('correct horse batterY', a)).toBe(false);
  });

  it('uses the default memory-hard parameters and rejects malformed hashes', async () => {
    expect(await hashPassword('x')).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword('x', 'plain-text')).toBe(false);
    expect(await verifyPassword('x', 'scrypt$0$8$1$abc$def')).toBe(false);
    expect(await verifyPassword('x', await dummyPasswordHash())).toBe(false);
  });
});

describe('secret tokens', () => {
  it('carry 32 random bytes and are stored as their SHA-256 only', () => {
    const { token, hash } = newSecretToken();
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(hash.equals(sha256(token))).toBe(true);
    expect(newSecretToken().token).not.toBe(token);
  });

  it('API keys start with rnk_ and show a short prefix', () => {
    const key = newApiKeySecret();
    expect(key.secret).toMatch(/^rnk_[\w-]{43}$/);
    expect(key.prefix).toBe(key.secret.slice(0, 12));
    expect(key.hash.equals(sha256(key.secret))).toBe(true);
  });
});
