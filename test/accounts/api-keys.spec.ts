import { createHash } from 'node:crypto';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { addTeamMember, codeOf, createApiKey, signUpBrand } from './accounts-test-helpers.js';

describe('API keys', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('shows the secret once, stores only its SHA-256 and prefix, and authenticates as the brand', async () => {
    const owner = await signUpBrand(t, { brandName: 'Key Brand' });
    const key = await createApiKey(t, owner.headers, 'CRM sync');
    expect(key.secret).toMatch(/^rnk_[\w-]{43}$/);
    expect(key.secret.startsWith(key.prefix)).toBe(true);

    const list = await t.graphql('{ apiKeys { id name prefix lastUsedAt revokedAt } }', {}, owner.headers);
    expect(list.data.apiKeys).toEqual([{ id: key.id, name: 'CRM sync', prefix: key.prefix, lastUsedAt: null, revokedAt: null }]);
    expect(JSON.stringify(list)).not.toContain(key.secret);

    const { rows } = await t.db.pool.query(`SELECT * FROM api_keys WHERE id = $1`, [key.id]);
    expect(rows[0].secret_hash.equals(createHash('sha256').update(key.secret).digest())).toBe(true);
    expect(JSON.stringify(rows[0])).not.toContain(key.secret.slice(12));

    for (const headers of [{ authorization: `Bearer ${key.secret}` }, { 'x-api-key': key.secret }] as Array<Record<string, string>>) {
      const me = await t.graphql('{ me { actorType role user { id } brand { name } } }', {}, headers);
      expect(me.data.me).toEqual({ actorType: 'API_KEY', role: null, user: null, brand: { name: 'Key Brand' } });
    }
    const used = await t.db.pool.query(`SELECT last_used_at FROM api_keys WHERE id = $1`, [key.id]);
    expect(used.rows[0].last_used_at).not.toBeNull();
  });

  it('cannot manage the team, keys or sessions', async () => {
    const owner = await signUpBrand(t);
    const key = await createApiKey(t, owner.headers);
    const headers = { 'x-api-key': key.secret };
    expect(codeOf(await t.graphql('mutation { createApiKey(name: "escalate") { secret } }', {}, headers))).toBe('FORBIDDEN');
    expect(codeOf(await t.graphql('{ apiKeys { id } }', {}, headers))).toBe('FORBIDDEN');
    expect(codeOf(await t.graphql('mutation { inviteTeamMember(email: "x@example.test", role: OWNER) { id } }', {}, headers))).toBe('FORBIDDEN');
    expect(codeOf(await t.graphql('{ teamMembers { email } }', {}, headers))).toBe('FORBIDDEN');
    expect(codeOf(await t.graphql('{ sessions { id } }', {}, headers))).toBe('FORBIDDEN');
    expect((await t.graphql('{ brand { id } }', {}, headers)).data.brand.id).toBe(owner.brandId);
  });

  it('refuses a revoked key at once; an unknown key is refused too', async () => {
    const owner = await signUpBrand(t);
    const key = await createApiKey(t, owner.headers);
    const revoked = await t.graphql('mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }', { id: key.id }, owner.headers);
    expect(revoked.data.revokeApiKey.revokedAt).toBeTruthy();
    expect(codeOf(await t.graphql('{ brand { id } }', {}, { authorization: `Bearer ${key.secret}` }))).toBe('UNAUTHENTICATED');
    expect(codeOf(await t.graphql('{ brand { id } }', {}, { 'x-api-key': 'rnk_' + 'x'.repeat(43) }))).toBe('UNAUTHENTICATED');
  });

  it('admins manage keys too; members do not', async () => {
    const owner = await signUpBrand(t);
    const admin = await addTeamMember(t, owner.headers, 'ADMIN');
    const member = await addTeamMember(t, owner.headers, 'MEMBER');
    expect((await createApiKey(t, admin.headers, 'by admin')).secret).toMatch(/^rnk_/);
    expect(codeOf(await t.graphql('mutation { createApiKey(name: "by member") { secret } }', {}, member.headers))).toBe('FORBIDDEN');
  });
});
