import { createHmac } from 'node:crypto';
import { newWebhookSecret, signatureHeader, verifySignatureHeader } from './webhook-signature.js';

describe('webhook signature (HMAC-SHA256 over `timestamp.body`, header t=...,v1=...)', () => {
  const secret = 'whsec_test_secret';
  const body = '{"id":"evt","type":"brand_audience.mention"}';

  it('is the HMAC-SHA256 hex of `${t}.${body}` keyed by the secret', () => {
    const expected = createHmac('sha256', secret).update(`1700000000.${body}`).digest('hex');
    expect(signatureHeader(secret, body, 1700000000)).toBe(`t=1700000000,v1=${expected}`);
  });

  it('verifies a fresh signature and refuses a changed body, another secret, an old timestamp or garbage', () => {
    const now = 1_800_000_000;
    const header = signatureHeader(secret, body, now - 10);
    expect(verifySignatureHeader(secret, body, header, now)).toBe(true);
    expect(verifySignatureHeader(secret, body + ' ', header, now)).toBe(false);
    expect(verifySignatureHeader('whsec_other', body, header, now)).toBe(false);
    expect(verifySignatureHeader(secret, body, header, now + 3600)).toBe(false);
    expect(verifySignatureHeader(secret, body, 't=abc,v1=zz', now)).toBe(false);
    expect(verifySignatureHeader(secret, body, undefined, now)).toBe(false);
  });

  it('accepts any of several v1 signatures (rotation)', () => {
    const now = 1_800_000_000;
    const good = signatureHeader(secret, body, now).split(',')[1];
    expect(verifySignatureHeader(secret, body, `t=${now},v1=${'0'.repeat(64)},${good}`, now)).toBe(true);
  });

  it('makes 32-byte secrets with a recognisable prefix and a short hint', () => {
    const { secret: s, hint } = newWebhookSecret();
    expect(s).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(hint.startsWith(s.slice(0, 10))).toBe(true);
    expect(hint.length).toBeLessThan(15);
  });
});
