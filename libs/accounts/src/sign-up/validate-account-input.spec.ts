import { checkName, checkNewPassword, normaliseEmail } from './validate-account-input.js';

describe('account input checks', () => {
  it('normalises emails and refuses malformed ones with BAD_USER_INPUT', () => {
    expect(normaliseEmail('  Ana@Example.COM ')).toBe('ana@example.com');
    expect(() => normaliseEmail('not-an-email')).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
  });
  it('requires passwords of 10 to 200 characters and non-empty names', () => {
    expect(() => checkNewPassword('short')).toThrow(/10 to 200 characters/);
    expect(checkNewPassword('long enough words')).toBe('long enough words');
    expect(() => checkName('  ', 'brand name')).toThrow(/brand name/);
  });
});
