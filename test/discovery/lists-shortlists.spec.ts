import { parse } from 'csv-parse/sync';
import { createApiKey, logIn, signUpBrand, type SignedUp } from '../accounts/accounts-test-helpers.js';
import { claimLinkIn, createCodeCampaign, gql, onApp, type SmtpCapture, startSmtpCapture, toOf } from '../campaigns/campaign-test-helpers.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * Shortlists through the real API on a real database: lists, entries with notes and tags, pages, the CSV
 * download with each credential the console and scripts use, and a campaign invited from a shortlist whose
 * mail is read back from a real SMTP server.
 */

const LIST_FIELDS = 'id name description entryCount csvPath tags { tag count }';
const ENTRY_FIELDS = 'accountId note tags influencer { accountId account { handle platform } hasContactEmail }';

async function insertAccount(t: TestApp, a: { handle: string; displayName?: string; followers?: number; platform?: string; stub?: boolean }): Promise<string> {
  const { rows } = await t.db.pool.query(
    `INSERT INTO social_accounts (platform, external_id, handle, display_name, followers_count, is_stub) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id::text AS id`,
    [a.platform ?? 'twitter', `ext-${a.handle}-${Math.random().toString(36).slice(2)}`, a.handle, a.displayName ?? a.handle, a.followers ?? 1000, a.stub ?? false],
  );
  return rows[0].id;
}

describe('shortlists', () => {
  let t: TestApp;
  let smtp: SmtpCapture;
  let brand: SignedUp;
  let other: SignedUp;
  let accounts: Record<string, string>;

  beforeAll(async () => {
    smtp = await startSmtpCapture();
    t = await createTestApp({ SMTP_URL: smtp.url });
    await t.startWorker();
    brand = await signUpBrand(t, { brandName: 'Lists Brand' });
    other = await signUpBrand(t, { brandName: 'Other Brand' });
    accounts = {};
    for (const handle of ['ev_anna', 'ev_ben', 'ev_cara', 'ev_dan', 'ev_eve']) accounts[handle] = await insertAccount(t, { handle, followers: 12_000 });
    // Typed by strangers: must come out of the CSV as text, never as a formula.
    accounts.evil = await insertAccount(t, { handle: 'evil', displayName: '=HYPERLINK("http://evil.test","click me")' });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  const asBrand = <T = any>(query: string, variables: Record<string, unknown> = {}) => gql<T>(t, brand.headers, query, variables);

  it('a brand creates, renames and deletes lists; a name is taken once per brand whatever its case, other brands may reuse it', async () => {
    const created = (await asBrand(`mutation { createShortlist(input: { name: "  EV   reviewers ", description: "For the autumn launch" }) { ${LIST_FIELDS} } }`)).createShortlist;
    expect(created).toMatchObject({ name: 'EV reviewers', description: 'For the autumn launch', entryCount: 0, csvPath: `/shortlists/${created.id}/export.csv`, tags: [] });

    const dup = await t.graphql(`mutation { createShortlist(input: { name: "ev REVIEWERS" }) { id } }`, {}, brand.headers);
    expect(dup.errors?.[0].extensions.code).toBe('CONFLICT');
    expect(dup.errors?.[0].message).toMatch(/already have a shortlist named/);
    const empty = await t.graphql(`mutation { createShortlist(input: { name: "   " }) { id } }`, {}, brand.headers);
    expect(empty.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect((await gql(t, other.headers, `mutation { createShortlist(input: { name: "EV reviewers" }) { name } }`)).createShortlist.name).toBe('EV reviewers');

    const renamed = (await asBrand(`mutation($id: ID!) { updateShortlist(id: $id, input: { name: "EV reviewers DE" }) { name description } }`, { id: created.id })).updateShortlist;
    expect(renamed).toEqual({ name: 'EV reviewers DE', description: 'For the autumn launch' });
    expect((await asBrand(`{ shortlists { name } }`)).shortlists.map((l: any) => l.name)).toEqual(['EV reviewers DE']);

    expect((await asBrand(`mutation($id: ID!) { deleteShortlist(id: $id) }`, { id: created.id })).deleteShortlist).toBe(true);
    const gone = await t.graphql(`query($id: ID!) { shortlist(id: $id) { id } }`, { id: created.id }, brand.headers);
    expect(gone.errors?.[0].extensions.code).toBe('NOT_FOUND');
    expect((await asBrand(`{ shortlists { id } }`)).shortlists).toEqual([]);
  });

  it('entries carry a note and tags; re-adding keeps them, unknown ids are reported, tags filter the list and are counted', async () => {
    const list = (await asBrand(`mutation { createShortlist(input: { name: "Autumn EV" }) { id } }`)).createShortlist;
    const first = (
      await asBrand(
        `mutation($l: ID!, $ids: [ID!]!) { addToShortlist(shortlistId: $l, accountIds: $ids, note: "met at IAA", tags: ["Germany", " Q3 launch "]) { added alreadyOnList unknownAccountIds shortlist { entryCount } } }`,
        { l: list.id, ids: [accounts.ev_anna, accounts.ev_ben, '999999999', 'not-an-id'] },
      )
    ).addToShortlist;
    expect(first).toEqual({ added: 2, alreadyOnList: 0, unknownAccountIds: ['not-an-id', '999999999'], shortlist: { entryCount: 2 } });

    const second = (
      await asBrand(`mutation($l: ID!, $ids: [ID!]!) { addToShortlist(shortlistId: $l, accountIds: $ids, tags: ["france"]) { added alreadyOnList } }`, {
        l: list.id, ids: [accounts.ev_anna, accounts.ev_cara],
      })
    ).addToShortlist;
    expect(second).toEqual({ added: 1, alreadyOnList: 1 });

    const edited = (
      await asBrand(`mutation($l: ID!, $a: ID!) { updateShortlistEntry(shortlistId: $l, accountId: $a, input: { note: "asked for rates", tags: ["germany", "vip"] }) { ${ENTRY_FIELDS} } }`, {
        l: list.id, a: accounts.ev_ben,
      })
    ).updateShortlistEntry;
    expect(edited).toMatchObject({ accountId: accounts.ev_ben, note: 'asked for rates', tags: ['germany', 'vip'], influencer: { accountId: accounts.ev_ben, account: { handle: 'ev_ben' } } });

    const read = (await asBrand(`query($l: ID!) { shortlist(id: $l) { entryCount tags { tag count } entries { totalCount entries { ${ENTRY_FIELDS} } } } }`, { l: list.id })).shortlist;
    expect(read.entryCount).toBe(3);
    expect(read.tags).toEqual([{ tag: 'germany', count: 2 }, { tag: 'france', count: 1 }, { tag: 'q3 launch', count: 1 }, { tag: 'vip', count: 1 }]);
    const listed = (await asBrand(`{ shortlists { id tags { tag count } } }`)).shortlists.find((l: any) => l.id === list.id);
    expect(listed.tags).toEqual(read.tags);
    const byAccount = Object.fromEntries(read.entries.entries.map((e: any) => [e.accountId, e]));
    expect(byAccount[accounts.ev_anna]).toMatchObject({ note: 'met at IAA', tags: ['germany', 'q3 launch'] }); // re-adding changed nothing
    expect(byAccount[accounts.ev_cara]).toMatchObject({ note: '', tags: ['france'] });

    const germany = (await asBrand(`query($l: ID!) { shortlist(id: $l) { entries(tag: "GERMANY") { totalCount entries { accountId } } } }`, { l: list.id })).shortlist.entries;
    expect(germany.totalCount).toBe(2);
    expect(germany.entries.map((e: any) => e.accountId).sort()).toEqual([accounts.ev_anna, accounts.ev_ben].sort());

    const onLists = (await asBrand(`query($a: ID!) { shortlists(accountId: $a) { id } }`, { a: accounts.ev_cara })).shortlists;
    expect(onLists).toEqual([{ id: list.id }]);

    const removed = (await asBrand(`mutation($l: ID!, $ids: [ID!]!) { removeFromShortlist(shortlistId: $l, accountIds: $ids) { removed shortlist { entryCount } } }`, { l: list.id, ids: [accounts.ev_cara, accounts.ev_dan] })).removeFromShortlist;
    expect(removed).toEqual({ removed: 1, shortlist: { entryCount: 2 } });
    const missingEntry = await t.graphql(`mutation($l: ID!, $a: ID!) { updateShortlistEntry(shortlistId: $l, accountId: $a, input: { note: "x" }) { accountId } }`, { l: list.id, a: accounts.ev_cara }, brand.headers);
    expect(missingEntry.errors?.[0].extensions.code).toBe('NOT_FOUND');
  });

  it('a list holds at most 5,000 accounts: the call that would pass it is refused whole, with the limit named', async () => {
    const list = (await asBrand(`mutation { createShortlist(input: { name: "Big list" }) { id } }`)).createShortlist;
    const { rows } = await t.db.pool.query(
      `INSERT INTO social_accounts (platform, external_id, handle, is_stub) SELECT 'twitter', 'bulk-' || g, 'bulk_' || g, false FROM generate_series(1, 5001) g RETURNING id::text AS id`,
    );
    const ids: string[] = rows.map((r: { id: string }) => r.id);
    for (let i = 0; i < 5000; i += 500) {
      await asBrand(`mutation($l: ID!, $ids: [ID!]!) { addToShortlist(shortlistId: $l, accountIds: $ids) { added } }`, { l: list.id, ids: ids.slice(i, i + 500) });
    }
    const over = await t.graphql(`mutation($l: ID!, $ids: [ID!]!) { addToShortlist(shortlistId: $l, accountIds: $ids) { added } }`, { l: list.id, ids: [ids[5000], ids[0]] }, brand.headers);
    expect(over.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(over.errors?.[0].message).toMatch(/at most 5000 accounts/);
    expect((await asBrand(`query($l: ID!) { shortlist(id: $l) { entryCount } }`, { l: list.id })).shortlist.entryCount).toBe(5000);
    const tooMany = await t.graphql(`mutation($l: ID!, $ids: [ID!]!) { addToShortlist(shortlistId: $l, accountIds: $ids) { added } }`, { l: list.id, ids: ids.slice(0, 501) }, brand.headers);
    expect(tooMany.errors?.[0].message).toMatch(/At most 500 accounts per call/);
  });

  it('pages follow the order accounts were added, and a cursor continues exactly where the page ended', async () => {
    const list = (await asBrand(`mutation { createShortlist(input: { name: "Paging" }) { id } }`)).createShortlist;
    const order = [accounts.ev_eve, accounts.ev_anna, accounts.ev_dan, accounts.ev_ben, accounts.ev_cara];
    for (const id of order) await asBrand(`mutation($l: ID!, $ids: [ID!]!) { addToShortlist(shortlistId: $l, accountIds: $ids) { added } }`, { l: list.id, ids: [id] });
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 5; page++) {
      const res: any = (await asBrand(`query($l: ID!, $after: String) { shortlist(id: $l) { entries(first: 2, after: $after) { totalCount hasNextPage endCursor entries { accountId } } } }`, { l: list.id, after })).shortlist.entries;
      expect(res.totalCount).toBe(5);
      seen.push(...res.entries.map((e: any) => e.accountId));
      if (!res.hasNextPage) break;
      after = res.endCursor;
    }
    expect(seen).toEqual(order);
    const bad = await t.graphql(`query($l: ID!) { shortlist(id: $l) { entries(after: "garbage") { totalCount } } }`, { l: list.id }, brand.headers);
    expect(bad.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('the CSV download answers the session cookie, a Bearer token and an API key alike; nobody else; cells never run as formulas', async () => {
    const list = (await asBrand(`mutation { createShortlist(input: { name: "Export me" }) { id csvPath } }`)).createShortlist;
    await asBrand(`mutation($l: ID!, $ids: [ID!]!) { addToShortlist(shortlistId: $l, accountIds: $ids, note: "=cmd|' /C calc'!A0", tags: ["+tag"]) { added } }`, { l: list.id, ids: [accounts.evil] });
    await asBrand(`mutation($l: ID!, $ids: [ID!]!) { addToShortlist(shortlistId: $l, accountIds: $ids, note: "great, \\"on brand\\"", tags: ["vip"]) { added } }`, { l: list.id, ids: [accounts.ev_anna] });
    await asBrand(`mutation { importInfluencerContacts(csv: "platform,handle,email\\ntwitter,ev_anna,anna@creators.test\\n", consentBasis: "consent") { imported } }`);

    // The console's way: log in (the answer sets the renown_session cookie) and follow the link with it.
    const login = await logIn(t, brand.email, brand.password);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    expect(cookie).toMatch(/^renown_session=/);
    const key = await createApiKey(t, brand.headers, 'exports');
    const url = `${t.url}${list.csvPath}`;
    const downloads = await Promise.all([{ cookie }, brand.headers, { 'x-api-key': key.secret }, { authorization: `Bearer ${key.secret}` }].map((h) => fetch(url, { headers: h })));
    const bodies = await Promise.all(downloads.map((r) => r.text()));
    for (const r of downloads) {
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(r.headers.get('content-disposition')).toMatch(new RegExp(`attachment; filename="shortlist-${list.id}-export-me\\.csv"`));
    }
    expect(new Set(bodies).size).toBe(1);

    const rows: Record<string, string>[] = parse(bodies[0], { columns: true });
    expect(rows.map((r) => r.handle)).toEqual(['evil', 'ev_anna']);
    expect(rows[0]).toMatchObject({ account_id: accounts.evil, display_name: `'=HYPERLINK("http://evil.test","click me")`, note: `'=cmd|' /C calc'!A0`, tags: "'+tag", contact_email: '' });
    expect(rows[1]).toMatchObject({ account_id: accounts.ev_anna, platform: 'twitter', followers: '12000', note: 'great, "on brand"', tags: 'vip', contact_email: 'anna@creators.test' });
    for (const row of rows) for (const cell of Object.values(row)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);

    const vip = parse(await (await fetch(`${url}?tag=VIP`, { headers: brand.headers })).text(), { columns: true });
    expect(vip.map((r: any) => r.handle)).toEqual(['ev_anna']);

    const anonymous = await fetch(url);
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json()).error.code).toBe('UNAUTHENTICATED');
    const expired = await fetch(url, { headers: { cookie: 'renown_session=not-a-session' } });
    expect(expired.status).toBe(401);
    // Another brand gets exactly what a missing list gets, and none of the rows.
    const foreign = await fetch(url, { headers: other.headers });
    const missing = await fetch(`${t.url}/shortlists/987654321/export.csv`, { headers: other.headers });
    expect(foreign.status).toBe(404);
    const foreignBody = await foreign.text();
    expect(foreignBody.replaceAll(list.id, '<id>')).toBe((await missing.text()).replaceAll('987654321', '<id>'));
    expect(foreignBody).not.toContain('anna@creators.test');
  });

  it('a campaign invited from a shortlist mails each account that has a contact email, once, and names the ones without', async () => {
    const list = (await asBrand(`mutation { createShortlist(input: { name: "Campaign targets" }) { id } }`)).createShortlist;
    await asBrand(`mutation($l: ID!, $ids: [ID!]!) { addToShortlist(shortlistId: $l, accountIds: $ids) { added } }`, { l: list.id, ids: [accounts.ev_ben, accounts.ev_cara, accounts.ev_dan] });
    await asBrand(`mutation { importInfluencerContacts(csv: "platform,handle,email\\ntwitter,ev_ben,ben@creators.test\\ntwitter,ev_cara,cara@creators.test\\n", consentBasis: "consent") { imported } }`);

    const campaign = await createCodeCampaign(t, brand.headers, ['EV-1', 'EV-2', 'EV-3'], { targeting: { shortlistId: list.id } });
    await asBrand(`mutation($id: ID!) { setCampaignStatus(id: $id, status: active) { status } }`, { id: campaign.id });
    const stored = (await asBrand(`query($id: ID!) { campaign(id: $id) { targeting { shortlistId } } }`, { id: campaign.id })).campaign;
    expect(stored.targeting.shortlistId).toBe(list.id);

    // No targeting argument: the campaign's own targeting (the shortlist) decides who is invited.
    const invited = (await asBrand(`mutation($id: ID!) { inviteToCampaign(campaignId: $id) { invited invitationIds skipped { ref reason } } }`, { id: campaign.id })).inviteToCampaign;
    expect(invited.invited).toBe(2);
    expect(invited.skipped).toEqual([{ ref: `account:${accounts.ev_dan}`, reason: expect.stringMatching(/no contact email/) }]);

    const ben = await smtp.waitFor((m) => toOf(m) === 'ben@creators.test', 'invitation to ben');
    const cara = await smtp.waitFor((m) => toOf(m) === 'cara@creators.test', 'invitation to cara');
    const claimPage = await fetch(onApp(t, claimLinkIn(ben.text ?? '')));
    expect(claimPage.status).toBe(200);
    expect(cara.subject).toBe(ben.subject);

    // Inviting from the same list again invites nobody twice.
    const again = (await asBrand(`mutation($id: ID!, $l: ID!) { inviteToCampaign(campaignId: $id, targeting: { shortlistId: $l }) { invited } }`, { id: campaign.id, l: list.id })).inviteToCampaign;
    expect(again.invited).toBe(0);
    await t.db.pool.query(`SELECT pg_sleep(1)`);
    expect(smtp.messages.filter((m) => toOf(m) === 'ben@creators.test')).toHaveLength(1);
  });

  it("another brand's shortlist cannot target a campaign: refused as not found, nobody is mailed", async () => {
    const list = (await asBrand(`mutation { createShortlist(input: { name: "Private targets" }) { id } }`)).createShortlist;
    await asBrand(`mutation($l: ID!, $ids: [ID!]!) { addToShortlist(shortlistId: $l, accountIds: $ids) { added } }`, { l: list.id, ids: [accounts.ev_eve] });
    await gql(t, other.headers, `mutation { importInfluencerContacts(csv: "platform,handle,email\\ntwitter,ev_eve,eve@creators.test\\n", consentBasis: "consent") { imported } }`);
    const campaign = await createCodeCampaign(t, other.headers, ['X-1']);
    await gql(t, other.headers, `mutation($id: ID!) { setCampaignStatus(id: $id, status: active) { status } }`, { id: campaign.id });
    const res = await t.graphql(`mutation($id: ID!, $l: ID!) { inviteToCampaign(campaignId: $id, targeting: { shortlistId: $l }) { invited } }`, { id: campaign.id, l: list.id }, other.headers);
    expect(res.errors?.[0].extensions.code).toBe('NOT_FOUND');
    expect(res.errors?.[0].message).toBe(`Shortlist ${list.id} was not found`);
    const { rows } = await t.db.pool.query(`SELECT count(*)::int AS n FROM mail_outbox WHERE to_address = 'eve@creators.test'`);
    expect(rows[0].n).toBe(0);
  });
});
