import { getTopicLexicon, TopicScoringService, TopicsService } from '@renown/scoring';
import { CreatorSignupService } from '../../libs/campaigns/src/contacts/creator-signup.service.js';
import { signUpBrand, type SignedUp } from '../accounts/accounts-test-helpers.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/*
 * An influencer corrects their own topics: the creator link mailed at sign-up is the key, and only the
 * accounts whose handle that sign-up proved (by posting its code) can be corrected.
 */
describe('creators hide and show again the topics of their own proven accounts', () => {
  let t: TestApp;
  let brand: SignedUp;
  let link: string;
  const ids: Record<string, string> = {};
  const motorcycles = () => getTopicLexicon().bySlug.get('motorcycles')!.id;

  const form = (url: string, fields: Record<string, string>) => fetch(url, { method: 'POST', body: new URLSearchParams(fields) });
  const visibleTopics = async (accountId: string) => {
    const res = await t.graphql(`query($id: ID!) { accountTopics(accountId: $id) { topic { slug } score } }`, { id: accountId }, brand.headers);
    return res.data.accountTopics.map((x: any) => x.topic.slug) as string[];
  };

  beforeAll(async () => {
    t = await createTestApp();
    brand = await signUpBrand(t);
    for (const handle of ['joy.bsky.social', 'max.bsky.social']) {
      const { rows } = await t.db.pool.query(
        `INSERT INTO social_accounts (platform, external_id, handle, is_stub, language) VALUES ('bluesky', $1, $1, false, 'en') RETURNING id::text`,
        [handle],
      );
      ids[handle.split('.')[0]] = rows[0].id;
      for (const text of ['Track day with two new motorcycles #motorcycles', 'Touring the Alps on motorcycles #motorcycles', 'Review of three electric motorcycles #motorcycles']) {
        await t.db.pool.query(
          `INSERT INTO posts (platform, external_id, author_account_id, posted_at, text, language, like_count, is_stub)
           VALUES ('bluesky', gen_random_uuid()::text, $1, now() - interval '3 days', $2, 'en', 3, false)`,
          [rows[0].id, text],
        );
      }
    }
    await t.app.get(TopicScoringService).computeTopicScores();

    // Joy signs up as a creator and proves @joy.bsky.social (not @max) by posting her code.
    await form(`${t.url}/creators/signup`, { email: 'joy@makers.test' });
    const { rows: mails } = await t.db.pool.query(`SELECT text FROM mail_outbox WHERE kind = 'campaigns.creator-verify'`);
    link = `${t.url}${new URL(mails[0].text.match(/https?:\/\/\S+\/creators\/verify\/[\w-]{43}/)[0]).pathname}`;
    await fetch(link);
    const added = await form(`${link}/handles`, { platform: 'bluesky', handle: '@joy.bsky.social' });
    const code = (await added.text()).match(/<code>(renown-[0-9a-f]{10})<\/code>/)![1];
    await t.db.pool.query(
      `INSERT INTO posts (platform, external_id, author_account_id, posted_at, text, is_stub) VALUES ('bluesky', 'proof', $1, now(), $2, false)`,
      [ids.joy, `Verifying my Renown profile: ${code}`],
    );
    expect(await t.app.get(CreatorSignupService, { strict: false }).checkProofs()).toBe(1);
  }, 90_000);

  afterAll(async () => {
    await t?.close();
  });

  it('shows the creator the topics of the accounts they proved', async () => {
    const res = await fetch(`${link}/topics`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('@joy.bsky.social (bluesky)');
    expect(html).toContain('<strong>Motorcycles</strong>');
    expect(html).not.toContain('max.bsky.social');
    expect(await visibleTopics(ids.joy)).toContain('motorcycles');
  });

  it('hides a wrong topic now and across later runs, and shows it again on request', async () => {
    const hidden = await form(`${link}/topics/hide`, { accountId: ids.joy, topic: motorcycles(), reason: 'I sold my bike' });
    expect(hidden.status).toBe(200);
    expect(await hidden.text()).toContain('Hidden. Brands no longer see this topic');
    expect(await visibleTopics(ids.joy)).not.toContain('motorcycles');
    const { rows } = await t.db.pool.query(`SELECT hidden_by, reason FROM account_topic_hides WHERE account_id = $1`, [ids.joy]);
    expect(rows).toEqual([{ hidden_by: 'influencer', reason: 'I sold my bike' }]);
    const scores = await t.db.pool.query(`SELECT 1 FROM account_topic_scores WHERE account_id = $1 AND topic_id = $2`, [ids.joy, motorcycles()]);
    expect(scores.rows).toHaveLength(0);

    await t.app.get(TopicScoringService).computeTopicScores();
    expect(await visibleTopics(ids.joy)).not.toContain('motorcycles');

    const shown = await form(`${link}/topics/unhide`, { accountId: ids.joy, topic: motorcycles() });
    expect(shown.status).toBe(200);
    expect(await shown.text()).toContain('Shown again from the next update');
    await t.app.get(TopicScoringService).computeTopicScores();
    expect(await visibleTopics(ids.joy)).toContain('motorcycles');
    expect((await t.db.pool.query(`SELECT 1 FROM account_topic_hides WHERE account_id = $1`, [ids.joy])).rows).toHaveLength(0);
  });

  it('refuses accounts the creator has not proved, operator decisions, and a bad link', async () => {
    const other = await form(`${link}/topics/hide`, { accountId: ids.max, topic: motorcycles() });
    expect(other.status).toBe(404);
    expect(await other.text()).toContain('Prove the handle first');
    expect(await visibleTopics(ids.max)).toContain('motorcycles');

    await t.app.get(TopicsService).hideTopic(ids.joy, 'motorcycles', 'operator', null, 'review');
    const undo = await form(`${link}/topics/unhide`, { accountId: ids.joy, topic: motorcycles() });
    expect(undo.status).toBe(403);
    expect(await undo.text()).toContain('write to support');
    expect(await visibleTopics(ids.joy)).not.toContain('motorcycles');

    expect((await fetch(`${t.url}/creators/verify/${'a'.repeat(43)}/topics`)).status).toBe(410);
    expect((await form(`${t.url}/creators/verify/${'a'.repeat(43)}/topics/hide`, { accountId: ids.joy, topic: motorcycles() })).status).toBe(410);
  });
});
