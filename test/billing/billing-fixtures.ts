import { createHash, randomBytes } from 'node:crypto';
import type pg from 'pg';
import { FakeStripe } from '../support/fake-stripe/fake-stripe-server.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

export interface TestMember {
  brandId: string;
  userId: string;
  token: string;
  headers: Record<string, string>;
}

/** A brand with one person in it, logged in (a session row, as accounts issues them). */
export async function createBrand(pool: pg.Pool, options: { name?: string; role?: 'owner' | 'admin' | 'member'; createdAt?: Date } = {}): Promise<TestMember> {
  const [brand] = (await pool.query(`INSERT INTO brands (name, created_at) VALUES ($1, $2) RETURNING id`, [options.name ?? `Brand ${randomBytes(3).toString('hex')}`, options.createdAt ?? new Date()])).rows;
  return addMember(pool, brand.id, options.role ?? 'owner');
}

export async function addMember(pool: pg.Pool, brandId: string, role: 'owner' | 'admin' | 'member'): Promise<TestMember> {
  const email = `${role}-${randomBytes(4).toString('hex')}@example.test`;
  const [user] = (await pool.query(`INSERT INTO users (email, name, password_hash, email_verified_at) VALUES ($1, 'Test', 'x', now()) RETURNING id`, [email])).rows;
  await pool.query(`INSERT INTO memberships (brand_id, user_id, role) VALUES ($1, $2, $3)`, [brandId, user.id, role]);
  const token = `rns_${randomBytes(32).toString('base64url')}`;
  const hash = createHash('sha256').update(token).digest();
  await pool.query(`INSERT INTO sessions (user_id, brand_id, token_hash, expires_at) VALUES ($1, $2, $3, now() + interval '1 day')`, [user.id, brandId, hash]);
  return { brandId, userId: user.id, token, headers: { authorization: `Bearer ${token}` } };
}

export interface BillingHarness {
  app: TestApp;
  stripe: FakeStripe;
  close(): Promise<void>;
}

/** The real API with billing on, pointed at a fresh fake Stripe that delivers its webhooks to the API. */
export async function startBillingHarness(env: Record<string, string> = {}): Promise<BillingHarness> {
  const stripe = await FakeStripe.start();
  const app = await createTestApp({ ...stripe.env(), ...env }).catch(async (err) => {
    await stripe.close();
    throw err;
  });
  stripe.webhookUrl = `${app.url}/webhooks/stripe`;
  return {
    app,
    stripe,
    async close() {
      await app.close();
      await stripe.close();
    },
  };
}

export const BILLING_QUERY = `query {
  billing {
    enabled status readOnly trialEndsAt currentPeriodStart currentPeriodEnd cancelAtPeriodEnd graceEndsAt apiAccess
    plan { code name limits { searchesPerMonth apiCallsPerMonth activeCampaigns invitationsPerMonth seats apiAccess invitationOverageBilled } }
    usage { metric used limit monthly }
    banner { kind level message until }
  }
}`;

export async function billingOf(app: TestApp, member: TestMember) {
  const res = await app.graphql(BILLING_QUERY, {}, member.headers);
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data.billing;
}

export async function startCheckout(app: TestApp, member: TestMember, plan: 'GROWTH' | 'SCALE') {
  return app.graphql(`mutation($plan: PaidPlan!) { startCheckout(plan: $plan) { url sessionId } }`, { plan }, member.headers);
}

/** Owner buys a plan on the (fake) hosted checkout; Stripe's webhooks reach the API. */
export async function subscribe(h: BillingHarness, owner: TestMember, plan: 'GROWTH' | 'SCALE' = 'GROWTH') {
  const res = await startCheckout(h.app, owner, plan);
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  const sub = await h.stripe.completeCheckout(res.data.startCheckout.sessionId);
  return { sessionId: res.data.startCheckout.sessionId as string, subscriptionId: sub.id as string };
}
