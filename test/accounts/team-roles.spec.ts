import { createTestApp, type TestApp } from '../support/test-app.js';
import { addTeamMember, codeOf, lastMailTo, logIn, signUpBrand, tokenFromLink, uniqueEmail } from './accounts-test-helpers.js';

const INVITE = `mutation($email: String!, $role: BrandRole!) { inviteTeamMember(email: $email, role: $role) { id email role } }`;
const ACCEPT = `mutation($input: AcceptTeamInvitationInput!) { acceptTeamInvitation(input: $input) { role brand { name } session { token viewer { role brand { name } } } } }`;

describe('team: invitations by email link, roles and their enforcement', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('invites a new person by email with a role; the link creates the account and logs in, once', async () => {
    const owner = await signUpBrand(t, { brandName: 'Invite Co' });
    const email = uniqueEmail('newbie');
    const inv = await t.graphql(INVITE, { email, role: 'ADMIN' }, owner.headers);
    expect(inv.data.inviteTeamMember).toMatchObject({ email, role: 'ADMIN' });
    const mail = await lastMailTo(t, email, 'accounts.team-invitation');
    expect(mail!.subject).toContain('Invite Co');
    expect(mail!.html).toContain('/accept-invitation?token=');
    const token = tokenFromLink(mail!.text);

    const noPassword = await t.graphql(ACCEPT, { input: { token } });
    expect(codeOf(noPassword)).toBe('BAD_USER_INPUT');
    const accepted = await t.graphql(ACCEPT, { input: { token, name: 'New Admin', password: 'admin password 1' } });
    expect(accepted.data.acceptTeamInvitation).toMatchObject({ role: 'ADMIN', brand: { name: 'Invite Co' }, session: { viewer: { role: 'ADMIN', brand: { name: 'Invite Co' } } } });
    expect(codeOf(await t.graphql(ACCEPT, { input: { token, name: 'x', password: 'another password' } }))).toBe('BAD_USER_INPUT');

    const members = await t.graphql('{ teamMembers { email role } }', {}, owner.headers);
    expect(members.data.teamMembers).toEqual(expect.arrayContaining([{ email, role: 'ADMIN' }, { email: owner.email, role: 'OWNER' }]));
    expect((await t.graphql('{ teamInvitations { id } }', {}, owner.headers)).data.teamInvitations).toEqual([]);
  });

  it('lets someone who already has an account join another brand, then switch to it', async () => {
    const ownerA = await signUpBrand(t, { brandName: 'Brand One' });
    const ownerB = await signUpBrand(t, { brandName: 'Brand Two' });
    await t.graphql(INVITE, { email: ownerB.email, role: 'MEMBER' }, ownerA.headers);
    const token = tokenFromLink((await lastMailTo(t, ownerB.email, 'accounts.team-invitation'))!.text);
    const accepted = await t.graphql(ACCEPT, { input: { token } });
    expect(accepted.data.acceptTeamInvitation).toMatchObject({ role: 'MEMBER', brand: { name: 'Brand One' }, session: null });
    const me = await t.graphql('{ me { brand { name } memberships { role brand { id name } } } }', {}, ownerB.headers);
    expect(me.data.me.brand.name).toBe('Brand Two');
    const brandOne = me.data.me.memberships.find((m: { brand: { name: string } }) => m.brand.name === 'Brand One');
    const switched = await t.graphql('mutation($id: ID!) { switchBrand(brandId: $id) { role brand { name } } }', { id: brandOne.brand.id }, ownerB.headers);
    expect(switched.data.switchBrand).toEqual({ role: 'MEMBER', brand: { name: 'Brand One' } });
    expect((await t.graphql('{ brand { name } }', {}, ownerB.headers)).data.brand.name).toBe('Brand One');
  });

  it('enforces roles: members cannot manage the team or keys; admins cannot touch owners', async () => {
    const owner = await signUpBrand(t);
    const admin = await addTeamMember(t, owner.headers, 'ADMIN');
    const member = await addTeamMember(t, owner.headers, 'MEMBER');

    expect(codeOf(await t.graphql(INVITE, { email: uniqueEmail(), role: 'MEMBER' }, member.headers))).toBe('FORBIDDEN');
    expect(codeOf(await t.graphql('mutation { createApiKey(name: "x") { secret } }', {}, member.headers))).toBe('FORBIDDEN');
    expect(codeOf(await t.graphql('{ apiKeys { id } }', {}, member.headers))).toBe('FORBIDDEN');
    expect(codeOf(await t.graphql('mutation($input: UpdateBrandInput!) { updateBrand(input: $input) { name } }', { input: { name: 'Hijacked' } }, member.headers))).toBe('FORBIDDEN');
    // Members still read their brand and team.
    expect((await t.graphql('{ teamMembers { email } }', {}, member.headers)).data.teamMembers).toHaveLength(3);

    expect(codeOf(await t.graphql(INVITE, { email: uniqueEmail(), role: 'OWNER' }, admin.headers))).toBe('FORBIDDEN');
    expect(codeOf(await t.graphql('mutation($u: ID!) { removeMember(userId: $u) }', { u: owner.userId }, admin.headers))).toBe('FORBIDDEN');
    expect(codeOf(await t.graphql('mutation($u: ID!) { changeMemberRole(userId: $u, role: ADMIN) { role } }', { u: owner.userId }, admin.headers))).toBe('FORBIDDEN');
    const promoted = await t.graphql('mutation($u: ID!) { changeMemberRole(userId: $u, role: ADMIN) { role } }', { u: member.userId }, admin.headers);
    expect(promoted.data.changeMemberRole.role).toBe('ADMIN');
    // The new role applies to the member's existing session at once.
    expect((await t.graphql('{ apiKeys { id } }', {}, member.headers)).data.apiKeys).toEqual([]);
  });

  it('keeps at least one owner, and removal ends access at once', async () => {
    const owner = await signUpBrand(t);
    const member = await addTeamMember(t, owner.headers, 'MEMBER');
    expect(codeOf(await t.graphql('mutation($u: ID!) { changeMemberRole(userId: $u, role: MEMBER) { role } }', { u: owner.userId }, owner.headers))).toBe('CONFLICT');
    expect(codeOf(await t.graphql('mutation($u: ID!) { removeMember(userId: $u) }', { u: owner.userId }, owner.headers))).toBe('CONFLICT');
    expect((await t.graphql('mutation($u: ID!) { removeMember(userId: $u) }', { u: member.userId }, owner.headers)).data.removeMember).toBe(true);
    expect(codeOf(await t.graphql('{ brand { name } }', {}, member.headers))).toBe('FORBIDDEN');
    expect((await t.graphql('{ me { brand { id } } }', {}, member.headers)).data.me.brand).toBeNull();
    // The removed person can still log in, but belongs to no brand.
    expect((await logIn(t, member.email, 'member password 123')).data.logIn.viewer.brand).toBeNull();
  });

  it('revokes a pending invitation so its link stops working', async () => {
    const owner = await signUpBrand(t);
    const email = uniqueEmail('revoked');
    const inv = await t.graphql(INVITE, { email, role: 'MEMBER' }, owner.headers);
    const token = tokenFromLink((await lastMailTo(t, email))!.text);
    expect((await t.graphql('mutation($id: ID!) { revokeTeamInvitation(id: $id) { revokedAt } }', { id: inv.data.inviteTeamMember.id }, owner.headers)).data.revokeTeamInvitation.revokedAt).toBeTruthy();
    expect(codeOf(await t.graphql(ACCEPT, { input: { token, name: 'Late', password: 'too late password' } }))).toBe('BAD_USER_INPUT');
  });
});
