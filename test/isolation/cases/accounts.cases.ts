/**
 * BRAND-ISOLATION CASES: one file per domain (accounts, campaigns, billing, ...), found by name
 * (`*.cases.ts`) by test/isolation/brand-isolation.spec.ts. Every Query and Mutation field of
 * apps/api/schema.gql must appear in exactly one file, or that test fails.
 *
 * HOW TO ADD YOURS (e.g. campaigns.cases.ts):
 *   export default defineCases({
 *     domain: 'campaigns',
 *     // Optional: create brand A's rows with A's credentials; the ids come back as `ids` in every run.
 *     async seed({ t, a }) {
 *       const res = await t.graphql(`mutation { createCampaign(input: {...}) { id } }`, {}, a.owner.headers);
 *       return { campaignId: res.data.createCampaign.id };
 *     },
 *     cases: {
 *       'Query.campaign': brandOwned(async ({ attacker, ids }) => {
 *         await expectSameAsMissing(attacker, `query($id: ID!) { campaign(id: $id) { id } }`, { id: ids.campaignId }, 'id');
 *       }),
 *       'Query.campaigns': brandOwned(async ({ attacker }) => {
 *         expectNoErrorOrRefused(await attacker.graphql(`{ campaigns { id name } }`));   // leak check is automatic
 *       }),
 *       'Mutation.claimPerk': publicOperation('claim by emailed token; the token decides the brand'),
 *       'Query.importRuns': notBrandOwned('platform-wide, operators only'),
 *     },
 *   });
 *
 * Each brandOwned run is called twice: as B's OWNER user (a fresh session) and as B's API key. The harness
 * then checks, for you, that no answer B received contains A's ids, names or emails (unless B sent them),
 * and that every row of A (all tables with brand_id, A's brand row and A's people) is unchanged.
 * So a run only has to aim the operation at A's rows: pass A's ids, try to read or change them.
 */
import {
  brandOwned,
  codeOf,
  defineCases,
  expectNoErrorOrRefused,
  expectRefused,
  expectSameAsMissing,
  publicOperation,
} from '../isolation-harness.js';

export default defineCases({
  domain: 'accounts',
  async seed({ t, a }) {
    const email = `pending-${a.brandId.slice(0, 8)}@example.test`;
    const inv = await t.graphql(`mutation($e: String!) { inviteTeamMember(email: $e, role: ADMIN) { id } }`, { e: email }, a.owner.headers);
    const sessions = await t.graphql(`{ sessions { id } }`, {}, a.owner.headers);
    // An extension key of A's owner: B must neither list nor revoke it (its name is a marker too).
    const extensionKeyName = `A extension ${a.brandId.slice(0, 8)}`;
    const ext = await t.graphql(`mutation($n: String!) { createApiKey(name: $n, kind: EXTENSION) { apiKey { id } } }`, { n: extensionKeyName }, a.owner.headers);
    return {
      invitationId: inv.data.inviteTeamMember.id,
      pendingEmail: email,
      ownerSessionId: sessions.data.sessions[0].id,
      extensionKeyId: ext.data.createApiKey.apiKey.id,
      extensionKeyName,
    };
  },
  cases: {
    'Mutation.signUp': publicOperation('creates a new brand; answers the same for any email'),
    'Mutation.verifyEmail': publicOperation('the emailed token decides the user; covered in session-lifecycle.spec'),
    'Mutation.logIn': publicOperation('email and password decide the user'),
    'Mutation.acceptTeamInvitation': publicOperation('the emailed invitation token decides the brand; B never sees A\'s token'),

    'Query.me': brandOwned(async ({ attacker, b }) => {
      const res = await attacker.graphql(`{ me { actorType role user { id email } brand { id name } memberships { role brand { id name } } } }`);
      expect(res.data.me.brand.id).toBe(b.brandId);
    }),
    'Query.brand': brandOwned(async ({ attacker, b }) => {
      expect((await attacker.graphql(`{ brand { id name createdAt } }`)).data.brand.id).toBe(b.brandId);
    }),
    'Mutation.updateBrand': brandOwned(async ({ attacker, b }) => {
      const res = await attacker.graphql(`mutation($i: UpdateBrandInput!) { updateBrand(input: $i) { id name } }`, { i: { name: b.brandName } });
      expectNoErrorOrRefused(res);
      if (attacker.kind === 'user') expect(res.data.updateBrand.id).toBe(b.brandId);
    }),
    'Mutation.switchBrand': brandOwned(async ({ attacker, a }) => {
      await expectSameAsMissing(attacker, `mutation($id: ID!) { switchBrand(brandId: $id) { brand { id } } }`, { id: a.brandId }, 'id');
    }),
    'Query.teamMembers': brandOwned(async ({ attacker }) => {
      expectNoErrorOrRefused(await attacker.graphql(`{ teamMembers { userId email name role } }`));
    }),
    'Query.teamInvitations': brandOwned(async ({ attacker }) => {
      expectNoErrorOrRefused(await attacker.graphql(`{ teamInvitations { id email role } }`));
    }),
    'Mutation.inviteTeamMember': brandOwned(async ({ attacker, a }) => {
      // Inviting only ever writes B's own rows (there is no brand argument); A's team is untouched (checked by
      // the harness). A fresh address, so B's later answers never carry A's emails.
      const res = await attacker.graphql(`mutation($e: String!) { inviteTeamMember(email: $e, role: OWNER) { id } }`, {
        e: `probe-${a.brandId.slice(0, 8)}-${attacker.kind}@example.test`,
      });
      expectNoErrorOrRefused(res);
      if (attacker.kind === 'user') expect(res.data.inviteTeamMember.id).toBeTruthy();
    }),
    'Mutation.revokeTeamInvitation': brandOwned(async ({ attacker, ids }) => {
      await expectSameAsMissing(attacker, `mutation($id: ID!) { revokeTeamInvitation(id: $id) { id } }`, { id: ids.invitationId }, 'id');
    }),
    'Mutation.changeMemberRole': brandOwned(async ({ attacker, a }) => {
      await expectSameAsMissing(attacker, `mutation($id: ID!) { changeMemberRole(userId: $id, role: OWNER) { userId } }`, { id: a.member.userId }, 'id');
      await expectSameAsMissing(attacker, `mutation($id: ID!) { changeMemberRole(userId: $id, role: MEMBER) { userId } }`, { id: a.owner.userId }, 'id');
    }),
    'Mutation.removeMember': brandOwned(async ({ attacker, a }) => {
      await expectSameAsMissing(attacker, `mutation($id: ID!) { removeMember(userId: $id) }`, { id: a.member.userId }, 'id');
    }),
    'Query.apiKeys': brandOwned(async ({ attacker }) => {
      expectNoErrorOrRefused(await attacker.graphql(`{ apiKeys { id name prefix kind createdBy { userId name email } } }`));
      // "My extension keys" and every kind filter: only B's own keys, never A's extension key (the harness checks).
      for (const args of ['(kind: EXTENSION)', '(kind: EXTENSION, createdByMe: true)', '(kind: DEVELOPER)']) {
        expectNoErrorOrRefused(await attacker.graphql(`{ apiKeys${args} { id name kind lastUsedAt createdBy { name email } } }`));
      }
    }),
    'Mutation.createApiKey': brandOwned(async ({ attacker, b }) => {
      const res = await attacker.graphql(`mutation { createApiKey(name: "isolation probe") { apiKey { id } secret } }`);
      expectNoErrorOrRefused(res);
      const ext = await attacker.graphql(`mutation { createApiKey(name: "isolation extension probe", kind: EXTENSION) { apiKey { id kind createdBy { userId } } secret } }`);
      expectNoErrorOrRefused(ext);
      if (attacker.kind === 'user') {
        const me = await attacker.graphql(`{ me { brand { id } } }`, {});
        expect(me.data.me.brand.id).toBe(b.brandId);
        expect(ext.data.createApiKey.apiKey).toMatchObject({ kind: 'EXTENSION', createdBy: { userId: b.owner.userId } });
      }
    }),
    'Mutation.revokeApiKey': brandOwned(async ({ attacker, a, ids }) => {
      await expectSameAsMissing(attacker, `mutation($id: ID!) { revokeApiKey(id: $id) { id revokedAt } }`, { id: a.apiKey.id }, 'id');
      await expectSameAsMissing(attacker, `mutation($id: ID!) { revokeApiKey(id: $id) { id kind revokedAt } }`, { id: ids.extensionKeyId }, 'id');
    }),
    'Query.sessions': brandOwned(async ({ attacker }) => {
      expectNoErrorOrRefused(await attacker.graphql(`{ sessions { id current ip } }`));
    }),
    'Mutation.revokeSession': brandOwned(async ({ attacker, ids }) => {
      await expectSameAsMissing(attacker, `mutation($id: ID!) { revokeSession(id: $id) }`, { id: ids.ownerSessionId }, 'id');
    }),
    'Mutation.logOut': brandOwned(async ({ attacker }) => {
      // Ends only the caller's own session (an API key cannot log out).
      const res = await attacker.graphql(`mutation { logOut }`);
      if (attacker.kind === 'user') expect(res.data.logOut).toBe(true);
      else expectRefused(res, attacker);
    }),
    'Mutation.changePassword': brandOwned(async ({ attacker, b }) => {
      // Same password again: it still ends B's sessions, and must touch nothing of A's.
      const res = await attacker.graphql(`mutation($p: String!) { changePassword(currentPassword: $p, newPassword: $p) { token } }`, { p: b.owner.password });
      if (attacker.kind === 'user') expect(res.data.changePassword.token).toBeTruthy();
      else expect(codeOf(res)).toBe('FORBIDDEN');
    }),
  },
});
