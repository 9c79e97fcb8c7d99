import type { TestApp } from '../support/test-app.js';

/** Small factories for tests that need signed-up brands, sessions and API keys (used by other domains too). */

export interface SignedUp {
  email: string;
  password: string;
  userId: string;
  brandId: string;
  /** Session token; send as `Authorization: Bearer <token>`. */
  token: string;
  headers: Record<string, string>;
}

let counter = 0;
export const uniqueEmail = (label = 'user') => `${label}-${process.pid}-${Date.now().toString(36)}-${++counter}@example.test`;

/** The newest mail queued for an address (read from the outbox: no worker needed). */
export async function lastMailTo(t: TestApp, email: string, kind?: string) {
  const { rows } = await t.db.pool.query(
    `SELECT * FROM mail_outbox WHERE to_address = $1 ${kind ? 'AND kind = $2' : ''} ORDER BY created_at DESC, id DESC LIMIT 1`,
    kind ? [email, kind] : [email],
  );
  return rows[0] as { id: string; kind: string; subject: string; html: string; text: string; status: string; brand_id: string | null } | undefined;
}

export function tokenFromLink(body: string): string {
  const match = body.match(/[?&]token=([\w%-]+)/);
  if (!match) throw new Error(`no token link in:\n${body}`);
  return decodeURIComponent(match[1]);
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

const AUTH_FIELDS = 'token expiresAt viewer { actorType role user { id email } brand { id name } }';

/** Signs up a brand with its owner, confirms the email through the mailed link, and returns a session. */
export async function signUpBrand(t: TestApp, opts: { email?: string; password?: string; brandName?: string; name?: string } = {}): Promise<SignedUp> {
  const email = opts.email ?? uniqueEmail('owner');
  const password = opts.password ?? 'a long enough password';
  const res = await t.graphql(`mutation($input: SignUpInput!) { signUp(input: $input) { message } }`, {
    input: { email, password, name: opts.name ?? 'Owner', brandName: opts.brandName ?? `Brand of ${email}` },
  });
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  const mail = await lastMailTo(t, email, 'accounts.verify-email');
  const verified = await t.graphql(`mutation($token: String!) { verifyEmail(token: $token) { ${AUTH_FIELDS} } }`, { token: tokenFromLink(mail!.text) });
  if (verified.errors) throw new Error(JSON.stringify(verified.errors));
  const p = verified.data.verifyEmail;
  return { email, password, userId: p.viewer.user.id, brandId: p.viewer.brand.id, token: p.token, headers: bearer(p.token) };
}

export async function logIn(t: TestApp, email: string, password: string, headers: Record<string, string> = {}) {
  return t.graphql(`mutation($input: LogInInput!) { logIn(input: $input) { ${AUTH_FIELDS} } }`, { input: { email, password } }, headers);
}

export async function createApiKey(t: TestApp, headers: Record<string, string>, name = 'test key'): Promise<{ id: string; secret: string; prefix: string }> {
  const res = await t.graphql(`mutation($name: String!) { createApiKey(name: $name) { secret apiKey { id prefix } } }`, { name }, headers);
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return { id: res.data.createApiKey.apiKey.id, prefix: res.data.createApiKey.apiKey.prefix, secret: res.data.createApiKey.secret };
}

/** Invites someone new into the brand with a role and accepts through the mailed link; returns their session. */
export async function addTeamMember(t: TestApp, ownerHeaders: Record<string, string>, role: 'OWNER' | 'ADMIN' | 'MEMBER', email = uniqueEmail(role.toLowerCase())) {
  const inv = await t.graphql(`mutation($email: String!, $role: BrandRole!) { inviteTeamMember(email: $email, role: $role) { id } }`, { email, role }, ownerHeaders);
  if (inv.errors) throw new Error(JSON.stringify(inv.errors));
  const mail = await lastMailTo(t, email, 'accounts.team-invitation');
  const accepted = await t.graphql(
    `mutation($input: AcceptTeamInvitationInput!) { acceptTeamInvitation(input: $input) { role session { token viewer { user { id } } } } }`,
    { input: { token: tokenFromLink(mail!.text), name: `${role} person`, password: 'member password 123' } },
  );
  if (accepted.errors) throw new Error(JSON.stringify(accepted.errors));
  const s = accepted.data.acceptTeamInvitation.session;
  return { email, userId: s.viewer.user.id as string, token: s.token as string, headers: bearer(s.token), invitationId: inv.data.inviteTeamMember.id as string };
}

export const codeOf = (res: { errors?: any[] }) => res.errors?.[0]?.extensions?.code;
