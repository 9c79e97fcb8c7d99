import { createTestApp, type TestApp } from '../support/test-app.js';
import { addTeamMember, codeOf, createApiKey, signUpBrand } from './accounts-test-helpers.js';

/**
 * Extension keys (ApiKeyKind.EXTENSION) in GraphQL: any team member creates one for themselves, lists and revokes
 * their own; owners and admins see and revoke every key; developer keys stay with owners and admins. An extension
 * key itself is refused by GraphQL. (Its REST scope: test/discovery/developer-api-extension.spec.ts.)
 */
const CREATE = `mutation($n: String!, $k: ApiKeyKind) { createApiKey(name: $n, kind: $k) { secret apiKey { id name prefix kind createdBy { userId name email } lastUsedAt revokedAt } } }`;
const LIST = `query($k: ApiKeyKind, $mine: Boolean) { apiKeys(kind: $k, createdByMe: $mine) { id name kind createdBy { userId name email } lastUsedAt revokedAt } }`;
const REVOKE = `mutation($id: ID!) { revokeApiKey(id: $id) { id kind revokedAt } }`;

describe('extension keys in GraphQL', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  const create = async (headers: Record<string, string>, name: string, kind?: 'DEVELOPER' | 'EXTENSION') => {
    const res = await t.graphql(CREATE, { n: name, k: kind }, headers);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data.createApiKey as { secret: string; apiKey: { id: string; kind: string; createdBy: { userId: string; name: string; email: string } } };
  };
  const v1 = (secret: string, path = '/v1/lists') => fetch(`${t.url}${path}`, { headers: { authorization: `Bearer ${secret}` } });

  it('lets a member create an extension key for themselves, but not a developer key; keys default to DEVELOPER', async () => {
    const owner = await signUpBrand(t);
    const member = await addTeamMember(t, owner.headers, 'MEMBER');
    const ext = await create(member.headers, 'Chrome on my laptop', 'EXTENSION');
    expect(ext.secret).toMatch(/^rnk_[\w-]{43}$/);
    expect(ext.apiKey).toMatchObject({ kind: 'EXTENSION', createdBy: { userId: member.userId, name: 'MEMBER person', email: member.email }, lastUsedAt: null, revokedAt: null });

    const dev = await t.graphql(CREATE, { n: 'sneaky', k: 'DEVELOPER' }, member.headers);
    expect(codeOf(dev)).toBe('FORBIDDEN');
    expect(dev.errors![0].message).toMatch(/owner or admin/);
    expect(codeOf(await t.graphql(`mutation { createApiKey(name: "no kind") { secret } }`, {}, member.headers))).toBe('FORBIDDEN');
    expect((await create(owner.headers, 'CRM sync')).apiKey.kind).toBe('DEVELOPER');
    const { rows } = await t.db.pool.query(`SELECT kind FROM api_keys WHERE id = $1`, [ext.apiKey.id]);
    expect(rows[0].kind).toBe('extension');
  });

  it("lists a member's own extension keys only (with who made them and when last used); owners and admins see every key", async () => {
    const owner = await signUpBrand(t);
    const admin = await addTeamMember(t, owner.headers, 'ADMIN');
    const alice = await addTeamMember(t, owner.headers, 'MEMBER');
    const bob = await addTeamMember(t, owner.headers, 'MEMBER');
    const aliceKey = await create(alice.headers, 'Alice Chrome', 'EXTENSION');
    const bobKey = await create(bob.headers, 'Bob Firefox', 'EXTENSION');
    const ownerExt = await create(owner.headers, 'Owner Chrome', 'EXTENSION');
    const dev = await create(owner.headers, 'CRM sync');
    expect((await v1(aliceKey.secret)).status).toBe(200); // used once: lastUsedAt is set

    const mine = await t.graphql(LIST, { k: 'EXTENSION' }, alice.headers);
    expect(mine.errors).toBeUndefined();
    expect(mine.data.apiKeys).toEqual([
      { id: aliceKey.apiKey.id, name: 'Alice Chrome', kind: 'EXTENSION', createdBy: { userId: alice.userId, name: 'MEMBER person', email: alice.email }, lastUsedAt: expect.any(String), revokedAt: null },
    ]);
    // A member may not list developer keys (nor everything).
    expect(codeOf(await t.graphql(LIST, {}, alice.headers))).toBe('FORBIDDEN');
    expect(codeOf(await t.graphql(LIST, { k: 'DEVELOPER' }, alice.headers))).toBe('FORBIDDEN');

    const all = await t.graphql(LIST, {}, admin.headers);
    expect(all.data.apiKeys.map((k: { id: string }) => k.id).sort()).toEqual([aliceKey.apiKey.id, bobKey.apiKey.id, ownerExt.apiKey.id, dev.apiKey.id].sort());
    const extOnly = await t.graphql(LIST, { k: 'EXTENSION' }, owner.headers);
    expect(extOnly.data.apiKeys.map((k: { id: string }) => k.id).sort()).toEqual([aliceKey.apiKey.id, bobKey.apiKey.id, ownerExt.apiKey.id].sort());
    const ownersOwn = await t.graphql(LIST, { k: 'EXTENSION', mine: true }, owner.headers);
    expect(ownersOwn.data.apiKeys.map((k: { id: string }) => k.id)).toEqual([ownerExt.apiKey.id]);
  });

  it("lets a member revoke only their own extension keys; owners and admins revoke any, and the key stops at once", async () => {
    const owner = await signUpBrand(t);
    const admin = await addTeamMember(t, owner.headers, 'ADMIN');
    const alice = await addTeamMember(t, owner.headers, 'MEMBER');
    const bob = await addTeamMember(t, owner.headers, 'MEMBER');
    const aliceKey = await create(alice.headers, 'Alice Chrome', 'EXTENSION');
    const bobKey = await create(bob.headers, 'Bob Chrome', 'EXTENSION');
    const dev = await create(owner.headers, 'CRM sync');

    const notHers = await t.graphql(REVOKE, { id: bobKey.apiKey.id }, alice.headers);
    expect(codeOf(notHers)).toBe('FORBIDDEN');
    expect(notHers.errors![0].message).toMatch(/only the extension keys you created/);
    expect(codeOf(await t.graphql(REVOKE, { id: dev.apiKey.id }, alice.headers))).toBe('FORBIDDEN');
    expect(codeOf(await t.graphql(REVOKE, { id: '00000000-0000-4000-8000-000000000000' }, alice.headers))).toBe('NOT_FOUND');
    expect((await v1(bobKey.secret)).status).toBe(200);
    expect((await v1(dev.secret)).status).toBe(200);

    const own = await t.graphql(REVOKE, { id: aliceKey.apiKey.id }, alice.headers);
    expect(own.data.revokeApiKey).toMatchObject({ id: aliceKey.apiKey.id, kind: 'EXTENSION', revokedAt: expect.any(String) });
    const refused = await v1(aliceKey.secret);
    expect(refused.status).toBe(401);
    expect((await refused.json()).error).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'unknown-or-revoked-api-key' });

    expect((await t.graphql(REVOKE, { id: bobKey.apiKey.id }, admin.headers)).data.revokeApiKey.revokedAt).toBeTruthy();
    expect((await v1(bobKey.secret)).status).toBe(401);
    // The member still cannot touch the developer key; nothing of theirs or others' changed.
    const { rows } = await t.db.pool.query(`SELECT revoked_at FROM api_keys WHERE id = $1`, [dev.apiKey.id]);
    expect(rows[0].revoked_at).toBeNull();
  });

  it('refuses an extension key on GraphQL, public operations included, with a plain message; a developer key keeps working', async () => {
    const owner = await signUpBrand(t, { brandName: 'GraphQL Scope Brand' });
    const ext = await create(owner.headers, 'Owner Chrome', 'EXTENSION');
    const dev = await createApiKey(t, owner.headers, 'dev');
    for (const headers of [{ authorization: `Bearer ${ext.secret}` }, { 'x-api-key': ext.secret }] as Array<Record<string, string>>) {
      const me = await t.graphql('{ me { actorType brand { name } } }', {}, headers);
      expect(me.data ?? null).toBeNull();
      expect(me.errors![0]).toMatchObject({
        message: expect.stringMatching(/^An extension key only works for the Renown browser extension: .*not use GraphQL or the console\. Log in, or use a developer API key\.$/),
        extensions: { code: 'FORBIDDEN', reason: 'extension-key-scope' },
      });
      expect(codeOf(await t.graphql('{ shortlists { id } }', {}, headers))).toBe('FORBIDDEN');
      expect(codeOf(await t.graphql('{ plans { code } }', {}, headers))).toBe('FORBIDDEN');
    }
    expect((await t.graphql('{ me { actorType brand { name } } }', {}, { 'x-api-key': dev.secret })).data.me).toEqual({ actorType: 'API_KEY', brand: { name: 'GraphQL Scope Brand' } });
    // Nor the console's HTTP routes (the CSV export accepts developer keys).
    const list = await t.graphql(`mutation { createShortlist(input: { name: "Scope list" }) { id csvPath } }`, {}, owner.headers);
    const csvPath = list.data.createShortlist.csvPath;
    expect((await fetch(`${t.url}${csvPath}`, { headers: { 'x-api-key': ext.secret } })).status).toBe(403);
    expect((await fetch(`${t.url}${csvPath}`, { headers: { 'x-api-key': dev.secret } })).status).toBe(200);
  });

  it("stops an extension key when the person who made it leaves the brand", async () => {
    const owner = await signUpBrand(t);
    const member = await addTeamMember(t, owner.headers, 'MEMBER');
    const ext = await create(member.headers, 'Leaving soon', 'EXTENSION');
    expect((await v1(ext.secret)).status).toBe(200);
    const removed = await t.graphql(`mutation($id: ID!) { removeMember(userId: $id) }`, { id: member.userId }, owner.headers);
    expect(removed.errors).toBeUndefined();
    expect((await v1(ext.secret)).status).toBe(401);
  });
});
