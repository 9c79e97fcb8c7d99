import type { INestApplicationContext } from '@nestjs/common';
import { BrandAudienceRankingService } from '../../libs/discovery/src/brand-audience/who-matters/brand-audience-ranking.service.js';
import { addTeamMember, codeOf, type SignedUp, signUpBrand } from '../accounts/accounts-test-helpers.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { SocialGraphFactory } from './brand-audience-fixtures.js';

const WHO_MATTERS = `query($first: Int!, $after: String, $rel: BrandAudienceRelationship) {
  whoMattersToUs(first: $first, after: $after, relationship: $rel) {
    status computedAt audienceSize totalCount endCursor hasNextPage method
    members { account { id handle } relativeRank relativeScore audienceShare globalScore follows followsSince mentions engagedPosts reason }
  }
}`;

async function waitForRanking(t: TestApp, headers: Record<string, string>, until: (w: any) => boolean = () => true) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const res = await t.graphql(WHO_MATTERS, { first: 50 }, headers);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    const w = res.data.whoMattersToUs;
    if (w.status === 'READY' && until(w)) return w;
    if (Date.now() > deadline) throw new Error(`ranking not ready: ${JSON.stringify(w)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('brand audience: own accounts and "who matters to us" (real API + worker)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let graph: SocialGraphFactory;
  let owner: SignedUp;
  const acc: Record<string, { id: string; handle: string }> = {};

  beforeAll(async () => {
    t = await createTestApp();
    worker = await t.startWorker();
    graph = new SocialGraphFactory(t.db.pool);
    owner = await signUpBrand(t, { brandName: 'Acme Motors' });

    acc.brand = await graph.account('acme', { score: 70 });
    // Five fans (low global scores) who repost the brand and all repost "insider".
    for (let i = 1; i <= 5; i++) acc[`fan${i}`] = await graph.account(`fan${i}`, { score: 8 });
    acc.insider = await graph.account('insider', { score: 30 });
    acc.celebrity = await graph.account('celebrity', { score: 95 });
    acc.stranger = await graph.account('stranger', { score: 90 });
    for (let i = 1; i <= 5; i++) {
      await graph.interact(acc[`fan${i}`].id, acc.brand.id, 'repost');
      await graph.interact(acc[`fan${i}`].id, acc.insider.id, 'repost');
      await graph.interact(acc[`fan${i}`].id, acc.insider.id, 'reply');
    }
    await graph.interact(acc.insider.id, acc.brand.id, 'follow', new Date('2026-03-02T09:00:00Z'));
    await graph.interact(acc.insider.id, acc.brand.id, 'mention');
    await graph.interact(acc.insider.id, acc.brand.id, 'mention');
    // A globally famous account that only follows the brand; nobody in the brand's audience engages with it.
    await graph.interact(acc.celebrity.id, acc.brand.id, 'follow', null);
    // Engages with the insider but never with the brand: not part of the brand's audience.
    await graph.interact(acc.stranger.id, acc.insider.id, 'repost');
  });

  afterAll(async () => {
    await t?.close();
  });

  it('says so before the brand has registered any account', async () => {
    const res = await t.graphql(WHO_MATTERS, { first: 10 }, owner.headers);
    expect(res.data.whoMattersToUs).toMatchObject({ status: 'NO_ACCOUNTS', members: [], audienceSize: 0 });
  });

  it('registers the brand\'s account by handle (with or without @) and ranks its audience relative to the brand, next to the global score', async () => {
    const reg = await t.graphql(
      `mutation($i: RegisterBrandAccountInput!) { registerBrandAccount(input: $i) { id platform handle externalId globalScore seenByRenown } }`,
      { i: { platform: 'Twitter', handle: `@${acc.brand.handle.toUpperCase()}` } },
      owner.headers,
    );
    expect(reg.errors).toBeUndefined();
    expect(reg.data.registerBrandAccount).toMatchObject({ id: acc.brand.id, platform: 'twitter', handle: acc.brand.handle, globalScore: 70, seenByRenown: true });
    const again = await t.graphql(`mutation($i: RegisterBrandAccountInput!) { registerBrandAccount(input: $i) { id } }`, { i: { platform: 'twitter', handle: acc.brand.handle } }, owner.headers);
    expect(again.data.registerBrandAccount.id).toBe(acc.brand.id);
    const list = await t.graphql(`{ brandAccounts { id handle } }`, {}, owner.headers);
    expect(list.data.brandAccounts).toEqual([{ id: acc.brand.id, handle: acc.brand.handle }]);

    const w = await waitForRanking(t, owner.headers);
    const ids = w.members.map((m: any) => m.account.id);
    // Everyone who interacted with the brand, and no one else (the stranger never did; the brand is not its own audience).
    expect(new Set(ids)).toEqual(new Set([acc.insider.id, acc.celebrity.id, ...[1, 2, 3, 4, 5].map((i) => acc[`fan${i}`].id)]));
    expect(w.audienceSize).toBe(7);
    // Relative to this brand the insider (global 30) matters most; the celebrity (global 95) least.
    expect(w.members[0].account.id).toBe(acc.insider.id);
    expect(w.members.at(-1).account.id).toBe(acc.celebrity.id);
    const insider = w.members[0];
    expect(insider).toMatchObject({ relativeRank: 1, relativeScore: 100, globalScore: 30, follows: true, mentions: 2, engagedPosts: 0 });
    expect(insider.reason).toBe('follows since 2026-03-02 · mentioned you 2 times');
    const celebrity = w.members.at(-1);
    expect(celebrity).toMatchObject({ globalScore: 95, follows: true, followsSince: null, reason: 'follows you' });
    expect(celebrity.relativeScore).toBeLessThan(insider.relativeScore);
    const fan = w.members.find((m: any) => m.account.id === acc.fan1.id);
    expect(fan.reason).toBe('engaged with 1 post');
    expect(w.members.reduce((s: number, m: any) => s + m.audienceShare, 0)).toBeCloseTo(1, 5);
    expect(w.method).toMatch(/Personalized PageRank/);
  });

  it('filters by relationship and pages with a cursor, without overlaps or gaps', async () => {
    const mentions = await t.graphql(WHO_MATTERS, { first: 10, rel: 'mentions' }, owner.headers);
    expect(mentions.data.whoMattersToUs.members.map((m: any) => m.account.id)).toEqual([acc.insider.id]);
    expect(mentions.data.whoMattersToUs.totalCount).toBe(1);
    const follows = await t.graphql(WHO_MATTERS, { first: 10, rel: 'follows' }, owner.headers);
    expect(follows.data.whoMattersToUs.members.map((m: any) => m.account.id)).toEqual([acc.insider.id, acc.celebrity.id]);

    const all = (await t.graphql(WHO_MATTERS, { first: 50 }, owner.headers)).data.whoMattersToUs.members.map((m: any) => m.account.id);
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const res: any = await t.graphql(WHO_MATTERS, { first: 3, after }, owner.headers);
      seen.push(...res.data.whoMattersToUs.members.map((m: any) => m.account.id));
      if (!res.data.whoMattersToUs.hasNextPage) break;
      after = res.data.whoMattersToUs.endCursor;
    }
    expect(seen).toEqual(all);
    const bad = await t.graphql(WHO_MATTERS, { first: 3, after: 'not-a-cursor' }, owner.headers);
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
  });

  it('recomputes on request when new interactions arrive', async () => {
    const newcomer = await graph.account('newcomer', { score: 12 });
    await graph.interact(newcomer.id, acc.brand.id, 'like');
    expect((await t.graphql(`mutation { refreshWhoMattersToUs }`, {}, owner.headers)).data.refreshWhoMattersToUs).toBe(true);
    // Jobs queued earlier may finish first: wait for a ranking that includes the newcomer.
    const after = await waitForRanking(t, owner.headers, (w) => w.members.some((m: any) => m.account.id === newcomer.id));
    expect(after.audienceSize).toBe(8);
    expect(after.members.map((m: any) => m.account.id)).toContain(newcomer.id);
  });

  it('survives two rankings of one brand at the same time (a refresh racing the hourly job)', async () => {
    const ranking = worker.get(BrandAudienceRankingService);
    const [a, b] = await Promise.all([ranking.rank(owner.brandId), ranking.rank(owner.brandId)]);
    expect(a!.audienceSize).toBe(b!.audienceSize);
    const w = await waitForRanking(t, owner.headers);
    expect(w.members.map((m: any) => m.relativeRank)).toEqual(w.members.map((_: unknown, i: number) => i + 1));
  });

  it('explains what is wrong with a registration, registers unseen accounts by external id, and lets only owners and admins change the list', async () => {
    const unknown = await t.graphql(`mutation { registerBrandAccount(input: { platform: "twitter", handle: "nobody_knows_me" }) { id } }`, {}, owner.headers);
    expect(codeOf(unknown)).toBe('BAD_USER_INPUT');
    expect(unknown.errors![0].message).toMatch(/No twitter account @nobody_knows_me is known to Renown yet.*external id/);
    const both = await t.graphql(`mutation { registerBrandAccount(input: { platform: "twitter", handle: "a", externalId: "1" }) { id } }`, {}, owner.headers);
    expect(codeOf(both)).toBe('BAD_USER_INPUT');

    const byId = await t.graphql(`mutation { registerBrandAccount(input: { platform: "bluesky", externalId: "did:plc:acmemotors" }) { id platform externalId handle seenByRenown } }`, {}, owner.headers);
    expect(byId.data.registerBrandAccount).toMatchObject({ platform: 'bluesky', externalId: 'did:plc:acmemotors', handle: null, seenByRenown: false });

    const member = await addTeamMember(t, owner.headers, 'MEMBER');
    const denied = await t.graphql(`mutation { registerBrandAccount(input: { platform: "bluesky", externalId: "did:plc:other" }) { id } }`, {}, member.headers);
    expect(codeOf(denied)).toBe('FORBIDDEN');
    const memberReads = await t.graphql(`{ brandAccounts { id } }`, {}, member.headers);
    expect(memberReads.data.brandAccounts).toHaveLength(2);

    const removed = await t.graphql(`mutation($id: ID!) { removeBrandAccount(accountId: $id) }`, { id: byId.data.registerBrandAccount.id }, owner.headers);
    expect(removed.data.removeBrandAccount).toBe(true);
    const again = await t.graphql(`mutation($id: ID!) { removeBrandAccount(accountId: $id) }`, { id: byId.data.registerBrandAccount.id }, owner.headers);
    expect(codeOf(again)).toBe('NOT_FOUND');
  });

  it('keeps each brand\'s accounts and ranking to itself', async () => {
    const other = await signUpBrand(t, { brandName: 'Other Brand' });
    expect((await t.graphql(`{ brandAccounts { id } }`, {}, other.headers)).data.brandAccounts).toEqual([]);
    expect((await t.graphql(WHO_MATTERS, { first: 10 }, other.headers)).data.whoMattersToUs).toMatchObject({ status: 'NO_ACCOUNTS', members: [] });
    // The same account may be registered by two brands (an agency and its client); each has its own row.
    const reg = await t.graphql(`mutation($h: String!) { registerBrandAccount(input: { platform: "twitter", handle: $h }) { id } }`, { h: acc.brand.handle }, other.headers);
    expect(reg.data.registerBrandAccount.id).toBe(acc.brand.id);
    const removeOwn = await t.graphql(`mutation($id: ID!) { removeBrandAccount(accountId: $id) }`, { id: acc.brand.id }, other.headers);
    expect(removeOwn.data.removeBrandAccount).toBe(true);
    expect((await t.graphql(`{ brandAccounts { id } }`, {}, owner.headers)).data.brandAccounts.map((a: any) => a.id)).toContain(acc.brand.id);
  });
});
