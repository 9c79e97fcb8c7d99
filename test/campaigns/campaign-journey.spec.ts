import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GraphImporter } from '@renown/ingestion';
import { earnedMediaValue } from '../../libs/campaigns/src/report/earned-media-value.js';
import { CampaignPostLinker } from '../../libs/campaigns/src/posts/campaign-post-linker.service.js';
import { JobRunnerService } from '../../libs/core/src/queue/job-runner.service.js';
import { signUpBrand, type SignedUp } from '../accounts/accounts-test-helpers.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { claimLinkIn, createCodeCampaign, gql, insertAccounts, onApp, rawHeader, type SmtpCapture, startSmtpCapture, toOf } from './campaign-test-helpers.js';

/**
 * The whole path of issue 6, on real PostgreSQL and a real SMTP server, with the worker running:
 * campaign with 3 codes -> invite from a search ("top influencers in running") -> mail arrives ->
 * the link from the mail is claimed over HTTP -> a second claim changes nothing -> an expired link is
 * refused -> a later disclosed post (imported by the real ingestion importer from a Twitter v2 line) shows in the report.
 */
describe('campaign journey: invite by email, claim by link, report', () => {
  let smtp: SmtpCapture;
  let t: TestApp;
  let brand: SignedUp;
  let accountIds: string[];
  let campaignId: string;
  const emails = ['ann@creators.test', 'bo@creators.test', 'cy@creators.test'];

  beforeAll(async () => {
    smtp = await startSmtpCapture();
    t = await createTestApp({ SMTP_URL: smtp.url });
    brand = await signUpBrand(t, { brandName: 'Acme Outdoor' });
    accountIds = await insertAccounts(t, [
      { platform: 'twitter', handle: 'ann_runs', followers: 50_000, externalId: '4242420001' },
      { platform: 'twitter', handle: 'bo_hikes', followers: 20_000 },
      { platform: 'bluesky', handle: 'cy.bsky.social', followers: 8_000 },
    ]);
    // Their influence in Running, as scoring would store it, so the brand can find them with a search.
    for (const [i, id] of accountIds.entries()) {
      await t.db.pool.query(
        `INSERT INTO account_topic_scores (topic_id, account_id, score, percentile, topic_rank, platform, language, computed_at)
         SELECT id, $1, $2, 90, 0.01, 'twitter', 'en', now() FROM topics WHERE slug = 'running'`,
        [id, 80 - i * 10],
      );
    }
    await t.startWorker();
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('imports contacts by CSV, matched to accounts by platform and handle, with the consent basis', async () => {
    const csv = `platform,handle,email,consent_basis\ntwitter,@ann_runs,${emails[0]},consent\ntwitter,bo_hikes,${emails[1]},legitimate_interest\nbluesky,cy.bsky.social,${emails[2]},consent\ntwitter,nobody,not-an-email,consent\n`;
    const r = await gql(t, brand.headers, `mutation($csv: String!) { importInfluencerContacts(csv: $csv) { imported updated unmatched problems { line reason } } }`, { csv });
    expect(r.importInfluencerContacts).toEqual({ imported: 3, updated: 0, unmatched: 0, problems: [{ line: 5, reason: expect.stringContaining('not an email') }] });
    const contacts = await gql(t, brand.headers, `{ influencerContacts { email socialAccountId consentBasis } }`);
    expect(contacts.influencerContacts).toEqual(
      expect.arrayContaining([{ email: emails[1], socialAccountId: accountIds[1], consentBasis: 'legitimate_interest' }]),
    );
  });

  it('creates a campaign with 3 codes, refusing bad and duplicate lines, and goes live', async () => {
    const created = await createCodeCampaign(t, brand.headers, ['TRAIL-001', 'TRAIL-002', 'TRAIL-003', 'trail-001', '!!'], { quantity: 3 });
    campaignId = created.id;
    expect(created.upload).toEqual({
      added: 3,
      totalCodes: 3,
      problems: [
        { line: 5, reason: 'duplicate of line 2' },
        { line: 6, reason: expect.stringContaining('not a code') },
      ],
    });
    const live = await gql(t, brand.headers, `mutation($id: ID!) { setCampaignStatus(id: $id, status: active) { status } }`, { id: campaignId });
    expect(live.setCampaignStatus.status).toBe('active');
  });

  it('invites from a search; each invitation mail reaches the SMTP server with HTML, text and one-click unsubscribe headers', async () => {
    const found = await gql(t, brand.headers, `{ influencers(query: "top influencers in running", first: 10) { edges { node { accounts { id } } } } }`);
    expect(found.influencers.edges.map((e: { node: { accounts: { id: string }[] } }) => e.node.accounts[0].id)).toEqual(accountIds);
    const r = await gql(t, brand.headers, `mutation($id: ID!, $t: TargetingInput) { inviteToCampaign(campaignId: $id, targeting: $t) { invited skipped { ref reason } } }`, {
      id: campaignId,
      t: { discoveryQuery: 'top influencers in running' },
    });
    expect(r.inviteToCampaign).toEqual({ invited: 3, skipped: [] });
    // Inviting again sends nothing new.
    const again = await gql(t, brand.headers, `mutation($id: ID!, $t: TargetingInput) { inviteToCampaign(campaignId: $id, targeting: $t) { invited skipped { reason } } }`, { id: campaignId, t: { socialAccountIds: accountIds } });
    expect(again.inviteToCampaign.invited).toBe(0);

    for (const email of emails) {
      const m = await smtp.waitFor((x) => toOf(x) === email && /would like to send you/.test(x.subject ?? ''), `invitation to ${email}`);
      expect(m.text).toContain('/claim/');
      expect(m.html).toContain('/claim/');
      expect(rawHeader(m, 'list-unsubscribe')).toMatch(/^<http.*\/unsubscribe\/[\w-]{43}>$/);
      expect(rawHeader(m, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    }
    const { rows } = await t.db.pool.query(`SELECT count(*)::int AS n FROM mail_outbox WHERE kind = 'campaigns.invitation'`);
    expect(rows[0].n).toBe(3);
  });

  it('claims from the mailed link over HTTP; a second submit changes nothing', async () => {
    const mail = smtp.messages.find((x) => toOf(x) === emails[0] && /would like to send you/.test(x.subject ?? ''))!;
    const link = onApp(t, claimLinkIn(mail.text!));

    const page = await fetch(link);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('30% off trail shoes');
    expect(html).toContain('One code per person.');
    expect(html).toMatch(/#ad<\/strong> or <strong>#sponsored/);
    expect(html).toMatch(/<form method="post"/);

    const first = await fetch(link, { method: 'POST', body: new URLSearchParams({ action: 'accept' }) });
    expect(first.status).toBe(201);
    const firstHtml = await first.text();
    const code = firstHtml.match(/class="code"[^>]*>([^<]+)</)![1];
    expect(['TRAIL-001', 'TRAIL-002', 'TRAIL-003']).toContain(code);

    const second = await fetch(link, { method: 'POST', body: new URLSearchParams({ action: 'accept' }) });
    expect(second.status).toBe(200);
    expect(await second.text()).toContain(code);
    const { rows } = await t.db.pool.query(`SELECT (SELECT count(*)::int FROM claims) AS claims, (SELECT count(*)::int FROM campaign_codes WHERE claim_id IS NOT NULL) AS codes, (SELECT claimed_count FROM campaigns) AS claimed`);
    expect(rows[0]).toEqual({ claims: 1, codes: 1, claimed: 1 });

    const reopened = await fetch(link);
    expect(reopened.status).toBe(409);
    expect(await reopened.text()).toContain('already been used');

    const confirmation = await smtp.waitFor((x) => toOf(x) === emails[0] && /You claimed/.test(x.subject ?? ''), 'claim confirmation');
    expect(confirmation.text).toContain(code);
  });

  it('refuses an expired link with a page that says so and what to do', async () => {
    const mail = smtp.messages.find((x) => toOf(x) === emails[1] && /would like to send you/.test(x.subject ?? ''))!;
    const link = onApp(t, claimLinkIn(mail.text!));
    await t.db.pool.query(`UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE contact_id = (SELECT id FROM influencer_contacts WHERE email = $1)`, [emails[1]]);
    const page = await fetch(link);
    expect(page.status).toBe(410);
    expect(await page.text()).toMatch(/expired[\s\S]*ask .* for a new invitation/);
    const post = await fetch(link, { method: 'POST', body: new URLSearchParams({ action: 'accept' }) });
    expect(post.status).toBe(410);
    const { rows } = await t.db.pool.query(`SELECT count(*)::int AS n FROM claims`);
    expect(rows[0].n).toBe(1);
  });

  it('shows an unknown link as not valid', async () => {
    const res = await fetch(`${t.url}/claim/${'x'.repeat(43)}`);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('not valid');
  });

  it('links a later disclosed post by the claimer and reports the funnel and earned media value', async () => {
    // The post arrives the way ingestion brings it: a Twitter v2 line through the real importer.
    const tweet = (id: string, createdAt: Date, text: string, tags: string[], metrics: Record<string, number>) => ({
      id, author_id: '4242420001', created_at: createdAt.toISOString(), text, lang: 'en',
      author: { id: '4242420001', username: 'ann_runs', name: 'Ann', public_metrics: { followers_count: 50_000, following_count: 10, tweet_count: 900, listed_count: 3 } },
      entities: { hashtags: tags.map((tag) => ({ tag })) },
      public_metrics: metrics,
    });
    const dir = mkdtempSync(join(tmpdir(), 'renown-campaign-posts-'));
    const file = join(dir, 'claimer-posts.jsonl');
    writeFileSync(file, [
      tweet('1900000000000000001', new Date(Date.now() + 60_000), '#ad Loving the new trail shoes from @acme #TrailSpring', ['ad', 'TrailSpring'], { like_count: 120, retweet_count: 14, reply_count: 9, quote_count: 3, impression_count: 30000 }),
      tweet('1900000000000000002', new Date(Date.now() - 30 * 86_400_000), 'old post before the claim #trailspring', ['trailspring'], { like_count: 1, retweet_count: 0, reply_count: 0, quote_count: 0, impression_count: 100 }),
    ].map((x) => JSON.stringify(x)).join('\n') + '\n');
    const imported = await new GraphImporter(t.db.pool, null).ingestFile(file, { format: 'twitter-v2' });
    expect(imported.status).toBe('succeeded');
    const { rows } = await t.db.pool.query(`SELECT id FROM posts WHERE author_account_id = $1`, [accountIds[0]]);
    expect(rows).toHaveLength(2);
    const worker = await t.startWorker();
    // The worker consumes the campaign jobs (linking runs on a schedule and when ingestion sends the job).
    expect(worker.get(JobRunnerService, { strict: false }).queues).toEqual(expect.arrayContaining(['campaigns.link-posts', 'campaigns.send-reminders', 'campaigns.check-handle-proofs']));
    expect(await worker.get(CampaignPostLinker, { strict: false }).run()).toEqual({ linked: 1, reminded: 0 });

    const r = await gql(t, brand.headers, `query($id: ID!) { campaignReport(campaignId: $id) { formulaVersion invited openedLink claimed declined posted posts disclosedPosts engagements reach emvCents influencers { handle claimed posts emvCents } } }`, { id: campaignId });
    const emv = earnedMediaValue({ likes: 120, reposts: 14, replies: 9, quotes: 3, impressions: 30000, authorFollowers: 50_000 });
    expect(r.campaignReport).toMatchObject({
      formulaVersion: 'emv-v1',
      invited: 3,
      openedLink: 2,
      claimed: 1,
      posted: 1,
      posts: 1,
      disclosedPosts: 1,
      engagements: emv.engagements,
      reach: emv.reach,
      emvCents: emv.emvCents,
    });
    expect(r.campaignReport.influencers.find((i: any) => i.handle === 'ann_runs')).toEqual({ handle: 'ann_runs', claimed: true, posts: 1, emvCents: emv.emvCents });

    const csv = await fetch(`${t.url}/campaigns/${campaignId}/report.csv`, { headers: brand.headers });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const body = await csv.text();
    expect(body.split('\n')[0]).toBe('platform,handle,status,opened_link,claimed,posts,disclosed_posts,engagements,reach,emv_usd,emv_formula');
    expect(body).toContain(`ann_runs,claimed,yes,yes,1,1,${emv.engagements},${emv.reach},${(emv.emvCents / 100).toFixed(2)},emv-v1`);
    const anon = await fetch(`${t.url}/campaigns/${campaignId}/report.csv`);
    expect(anon.status).toBe(401);
  });

  it('unsubscribes in one click with no login, for every brand', async () => {
    const mail = smtp.messages.find((x) => toOf(x) === emails[2])!;
    const url = onApp(t, rawHeader(mail, 'list-unsubscribe')!.slice(1, -1));
    const show = await fetch(url);
    expect(show.status).toBe(200);
    expect(await show.text()).toContain('<button type="submit">Unsubscribe</button>');
    const done = await fetch(url, { method: 'POST', body: new URLSearchParams({ 'List-Unsubscribe': 'One-Click' }) });
    expect(done.status).toBe(200);
    const { rows } = await t.db.pool.query(`SELECT reason FROM mail_suppressions WHERE email = $1`, [emails[2]]);
    expect(rows).toEqual([{ reason: 'unsubscribed' }]);

    // Another brand cannot mail the address either.
    const other = await signUpBrand(t, { brandName: 'Other Brand' });
    await gql(t, other.headers, `mutation($csv: String!) { importInfluencerContacts(csv: $csv, consentBasis: "consent") { imported } }`, { csv: `platform,handle,email\nbluesky,cy.bsky.social,${emails[2]}\n` });
    const c = await createCodeCampaign(t, other.headers, ['OTHER-1']);
    await gql(t, other.headers, `mutation($id: ID!) { setCampaignStatus(id: $id, status: active) { status } }`, { id: c.id });
    const r = await gql(t, other.headers, `mutation($id: ID!, $t: TargetingInput) { inviteToCampaign(campaignId: $id, targeting: $t) { invited skipped { reason } } }`, { id: c.id, t: { socialAccountIds: [accountIds[2]] } });
    expect(r.inviteToCampaign.invited).toBe(0);
    expect(r.inviteToCampaign.skipped[0].reason).toMatch(/asked not to be mailed/);
  });
});
