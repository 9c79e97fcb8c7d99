import { randomUUID } from 'node:crypto';
import { addTeamMember, createApiKey, logIn, signUpBrand, type SignedUp } from '../accounts/accounts-test-helpers.js';
import type { TestApp } from '../support/test-app.js';

/**
 * The brand-isolation harness (see brand-isolation.spec.ts). Brand A is the victim with seeded rows; brand B
 * is the attacker, as its OWNER user (strongest role) and as its API key. Each domain's case file seeds A's
 * rows and, for each of its operations, proves that B can neither read nor change them.
 */

export interface Party {
  brandId: string;
  brandName: string;
  owner: SignedUp;
  apiKey: { id: string; secret: string };
}

export interface VictimBrand extends Party {
  /** A second person in A (role MEMBER), a target for team operations. */
  member: { userId: string; email: string };
  /** Ids returned by each case file's `seed`, by domain: `a.seeded.campaigns.campaignId`. */
  seeded: Record<string, Record<string, string>>;
}

export interface IsolationWorld {
  t: TestApp;
  a: VictimBrand;
  b: Party;
}

export interface GraphqlResult {
  data?: any;
  errors?: Array<{ message: string; extensions?: Record<string, any> }>;
}

/** Brand B acting through one credential. Every response is recorded and checked for leaks of A's data. */
export interface Attacker {
  kind: 'user' | 'apiKey';
  headers: Record<string, string>;
  graphql(query: string, variables?: Record<string, unknown>): Promise<GraphqlResult>;
}

export interface CaseArgs {
  world: IsolationWorld;
  a: VictimBrand;
  b: Party;
  /** This domain's seeded ids for brand A. */
  ids: Record<string, string>;
  attacker: Attacker;
}

export type IsolationCase =
  | { kind: 'public'; reason: string }
  | { kind: 'not-brand-owned'; reason: string }
  | { kind: 'brand-owned'; run(args: CaseArgs): Promise<void> };

export interface CaseFile {
  domain: string;
  /** Creates brand A's rows for this domain with A's credentials (world.a.owner.headers, world.a.apiKey); returns their ids. */
  seed?(world: IsolationWorld): Promise<Record<string, string>>;
  /** Keyed 'Query.<field>' or 'Mutation.<field>', exactly as in apps/api/schema.gql. */
  cases: Record<string, IsolationCase>;
}

export const defineCases = (file: CaseFile) => file;
export const publicOperation = (reason: string): IsolationCase => ({ kind: 'public', reason });
export const notBrandOwned = (reason: string): IsolationCase => ({ kind: 'not-brand-owned', reason });
export const brandOwned = (run: (args: CaseArgs) => Promise<void>): IsolationCase => ({ kind: 'brand-owned', run });

export const codeOf = (res: GraphqlResult) => res.errors?.[0]?.extensions?.code as string | undefined;

/**
 * The operation must fail as if A's id did not exist: NOT_FOUND for B's user (never FORBIDDEN, which would
 * confirm existence), NOT_FOUND or FORBIDDEN for B's API key (it may lack the right to try at all).
 */
export function expectRefused(res: GraphqlResult, attacker: Attacker) {
  const allowed = attacker.kind === 'user' ? ['NOT_FOUND'] : ['NOT_FOUND', 'FORBIDDEN'];
  if (!res.errors?.length || !allowed.includes(codeOf(res)!)) {
    throw new Error(`expected ${allowed.join(' or ')} for B's ${attacker.kind}, got ${JSON.stringify(res)}`);
  }
}

/** B's user may be refused (FORBIDDEN by role) or answered with B's own data; never an error that leaks. */
export function expectNoErrorOrRefused(res: GraphqlResult) {
  if (res.errors?.length && !['NOT_FOUND', 'FORBIDDEN'].includes(codeOf(res)!)) {
    throw new Error(`unexpected error: ${JSON.stringify(res.errors)}`);
  }
}

/**
 * Runs the same operation with A's id and with a random one: the answers must be identical (apart from the
 * id itself), so B cannot even learn that A's id exists.
 */
export async function expectSameAsMissing(attacker: Attacker, query: string, variables: Record<string, unknown>, idVariable: string) {
  const withA = await attacker.graphql(query, variables);
  const randomId = randomUUID();
  const withRandom = await attacker.graphql(query, { ...variables, [idVariable]: randomId });
  expectRefused(withA, attacker);
  const strip = (r: GraphqlResult, id: unknown) => JSON.stringify(r).split(String(id)).join('<id>');
  if (strip(withA, variables[idVariable]) !== strip(withRandom, randomId)) {
    throw new Error(`A's id answers differently from a missing id:\n${JSON.stringify(withA)}\n${JSON.stringify(withRandom)}`);
  }
}

/** Signs up brands A and B with owners, API keys and, in A, a member. */
export async function createIsolationWorld(t: TestApp): Promise<IsolationWorld> {
  const party = async (label: string): Promise<Party> => {
    const brandName = `Isolation ${label} ${randomUUID().slice(0, 8)}`;
    const owner = await signUpBrand(t, { brandName, email: `${label.toLowerCase()}-owner-${randomUUID().slice(0, 8)}@example.test` });
    const apiKey = await createApiKey(t, owner.headers, `${label} key`);
    return { brandId: owner.brandId, brandName, owner, apiKey: { id: apiKey.id, secret: apiKey.secret } };
  };
  const a = await party('A');
  const b = await party('B');
  const member = await addTeamMember(t, a.owner.headers, 'MEMBER');
  return { t, a: { ...a, member: { userId: member.userId, email: member.email }, seeded: {} }, b };
}

/** B's attackers for one run: a fresh session for B's owner (cases may log it out) and B's API key. */
export async function attackersFor(world: IsolationWorld, record: (req: string, res: GraphqlResult) => void): Promise<Attacker[]> {
  const session = await logIn(world.t, world.b.owner.email, world.b.owner.password);
  if (session.errors) throw new Error(`B could not log in: ${JSON.stringify(session.errors)}`);
  const make = (kind: Attacker['kind'], headers: Record<string, string>): Attacker => ({
    kind,
    headers,
    async graphql(query, variables = {}) {
      const { status: _s, headers: _h, ...res } = await world.t.graphql(query, variables, headers);
      record(query + JSON.stringify(variables), res);
      return res;
    },
  });
  return [make('user', { authorization: `Bearer ${session.data.logIn.token}` }), make('apiKey', { 'x-api-key': world.b.apiKey.secret })];
}

/**
 * Every row of brand A in every table with a brand_id column (plus A's brand row and A's people), as text:
 * equal before and after a case means B changed nothing of A's.
 */
export async function snapshotBrand(t: TestApp, brandId: string): Promise<Record<string, string[]>> {
  const { rows: tables } = await t.db.pool.query(
    `SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'brand_id' ORDER BY table_name`,
  );
  const snapshot: Record<string, string[]> = {};
  for (const { table_name } of tables) {
    const { rows } = await t.db.pool.query(`SELECT to_jsonb(x)::text AS j FROM "${table_name}" x WHERE brand_id = $1 ORDER BY 1`, [brandId]);
    snapshot[table_name] = rows.map((r) => r.j);
  }
  snapshot['brands (own row)'] = (await t.db.pool.query(`SELECT to_jsonb(b)::text AS j FROM brands b WHERE id = $1`, [brandId])).rows.map((r) => r.j);
  snapshot['users (members)'] = (
    await t.db.pool.query(`SELECT to_jsonb(u)::text AS j FROM users u JOIN memberships m ON m.user_id = u.id WHERE m.brand_id = $1 ORDER BY 1`, [brandId])
  ).rows.map((r) => r.j);
  return snapshot;
}

/** Strings that only brand A's data contains: they must not appear in anything B is answered. */
export function victimMarkers(world: IsolationWorld): string[] {
  const a = world.a;
  const values = [a.brandId, a.brandName, a.owner.email, a.owner.userId, a.member.userId, a.member.email, a.apiKey.id, a.apiKey.secret.slice(0, 20)];
  for (const ids of Object.values(a.seeded)) values.push(...Object.values(ids));
  return values.filter((v) => typeof v === 'string' && v.length >= 8);
}
