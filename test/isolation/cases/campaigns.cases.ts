/*
 * Brand-isolation cases for perk campaigns (libs/campaigns). Every campaign operation is brand-owned: B's
 * user and API key aim each one at brand A's campaign, invitation, claim, contact or application ids and
 * must be answered exactly as for an id that does not exist (NOT_FOUND), or, for lists, with none of A's
 * rows. The harness also checks that no answer contains A's markers (campaign name, contact email) and
 * that every brand_id row of A is unchanged.
 */
import { randomUUID } from 'node:crypto';
import { brandOwned, defineCases, expectNoErrorOrRefused, expectSameAsMissing, type IsolationWorld } from '../isolation-harness.js';

async function seed({ t, a }: IsolationWorld): Promise<Record<string, string>> {
  const tag = randomUUID().slice(0, 8);
  const asA = async (query: string, variables: Record<string, unknown> = {}) => {
    const res = await t.graphql(query, variables, a.owner.headers);
    if (res.errors) throw new Error(`campaigns seed: ${JSON.stringify(res.errors)}`);
    return res.data;
  };
  const deadline = new Date(Date.now() + 7 * 86_400_000).toISOString();
  const campaignName = `Isolation campaign ${tag}`;
  const mk = async (input: Record<string, unknown>) => (await asA(`mutation($i: CreateCampaignInput!) { createCampaign(input: $i) { id } }`, { i: { claimDeadline: deadline, ...input } })).createCampaign.id as string;
  const live = (id: string) => asA(`mutation($id: ID!) { setCampaignStatus(id: $id, status: active) { id } }`, { id });

  const campaignId = await mk({ name: campaignName, perkKind: 'code', perkTitle: `Code ${tag}`, quantity: 2 });
  await asA(`mutation($id: ID!, $csv: String!) { uploadCampaignCodes(campaignId: $id, csv: $csv) { added } }`, { id: campaignId, csv: `ISO-${tag}-1\nISO-${tag}-2` });
  await live(campaignId);
  const physicalCampaignId = await mk({ name: `${campaignName} jacket`, perkKind: 'physical', perkTitle: 'Jacket', quantity: 2 });
  await live(physicalCampaignId);
  const openCampaignId = await mk({ name: `${campaignName} open`, perkKind: 'digital', perkTitle: 'Webinar', quantity: 5, openToApplications: true });
  await live(openCampaignId);

  const contactEmail = `iso-contact-${tag}@campaigns.test`;
  const pendingEmail = `iso-pending-${tag}@campaigns.test`;
  await asA(`mutation($csv: String!) { importInfluencerContacts(csv: $csv, consentBasis: "consent") { imported } }`, {
    csv: `platform,handle,email\ntwitter,iso_c_${tag},${contactEmail}\ntwitter,iso_p_${tag},${pendingEmail}\n`,
  });
  const contacts = (await asA(`{ influencerContacts { id email } }`)).influencerContacts as { id: string; email: string }[];
  const contactId = contacts.find((c) => c.email === contactEmail)!.id;
  const pendingContactId = contacts.find((c) => c.email === pendingEmail)!.id;
  const claimedInv = await asA(`mutation($id: ID!, $c: [ID!]) { inviteToCampaign(campaignId: $id, targeting: { contactIds: $c }) { invitationIds } }`, { id: physicalCampaignId, c: [contactId] });
  const pendingInv = await asA(`mutation($id: ID!, $c: [ID!]) { inviteToCampaign(campaignId: $id, targeting: { contactIds: $c }) { invitationIds } }`, { id: campaignId, c: [pendingContactId] });
  const invitationId = claimedInv.inviteToCampaign.invitationIds[0];

  // The influencer claims from the mailed link (the claim page is public; the token decides the brand).
  const { rows } = await t.db.pool.query(`SELECT text FROM mail_outbox WHERE dedupe_key = $1`, [`campaign-invitation:${invitationId}`]);
  const link = rows[0].text.match(/https?:\/\/\S+\/claim\/([A-Za-z0-9_-]{43})/)[1];
  const claimed = await fetch(`${t.url}/claim/${link}`, { method: 'POST', body: new URLSearchParams({ action: 'accept', name: `Iso ${tag}`, line1: '1 St', city: 'C', postalCode: '1', country: 'US' }) });
  if (claimed.status !== 201) throw new Error(`campaigns seed: claim answered ${claimed.status}`);
  const claims = await asA(`query($id: ID!) { campaignClaims(campaignId: $id) { id } }`, { id: physicalCampaignId });
  const applied = await fetch(`${t.url}/apply/${openCampaignId}`, { method: 'POST', body: new URLSearchParams({ email: `iso-app-${tag}@campaigns.test`, platform: 'twitter', handle: `iso_app_${tag}` }) });
  if (applied.status !== 201) throw new Error(`campaigns seed: application answered ${applied.status}`);
  const apps = await asA(`query($id: ID!) { campaignApplications(campaignId: $id) { id } }`, { id: openCampaignId });

  return {
    campaignId, physicalCampaignId, openCampaignId, invitationId, pendingInvitationId: pendingInv.inviteToCampaign.invitationIds[0],
    claimId: claims.campaignClaims[0].id, contactId, applicationId: apps.campaignApplications[0].id,
    // Markers: must never appear in anything B is answered.
    campaignName, contactEmail, pendingEmail,
  };
}

export default defineCases({
  domain: 'campaigns',
  seed,
  cases: {
    'Query.campaigns': brandOwned(async ({ attacker }) => {
      expectNoErrorOrRefused(await attacker.graphql(`{ campaigns { id name } }`));
      expectNoErrorOrRefused(await attacker.graphql(`{ campaigns(status: active) { id name } }`));
    }),
    'Query.campaign': brandOwned(async ({ attacker, ids }) => {
      await expectSameAsMissing(attacker, `query($id: ID!) { campaign(id: $id) { id name } }`, { id: ids.campaignId }, 'id');
    }),
    'Query.influencerContacts': brandOwned(async ({ attacker }) => {
      expectNoErrorOrRefused(await attacker.graphql(`{ influencerContacts { id email handle } }`));
    }),
    'Query.campaignInvitations': brandOwned(async ({ attacker, ids }) => {
      await expectSameAsMissing(attacker, `query($id: ID!) { campaignInvitations(campaignId: $id) { id email } }`, { id: ids.physicalCampaignId }, 'id');
    }),
    'Query.campaignClaims': brandOwned(async ({ attacker, ids }) => {
      await expectSameAsMissing(attacker, `query($id: ID!) { campaignClaims(campaignId: $id) { id email shippingAddress { line1 } } }`, { id: ids.physicalCampaignId }, 'id');
    }),
    'Query.campaignReport': brandOwned(async ({ attacker, ids }) => {
      await expectSameAsMissing(attacker, `query($id: ID!) { campaignReport(campaignId: $id) { invited claimed } }`, { id: ids.physicalCampaignId }, 'id');
    }),
    'Query.campaignReportCsv': brandOwned(async ({ attacker, ids }) => {
      await expectSameAsMissing(attacker, `query($id: ID!) { campaignReportCsv(campaignId: $id) }`, { id: ids.physicalCampaignId }, 'id');
    }),
    'Query.campaignApplications': brandOwned(async ({ attacker, ids }) => {
      await expectSameAsMissing(attacker, `query($id: ID!) { campaignApplications(campaignId: $id) { id email } }`, { id: ids.openCampaignId }, 'id');
    }),
    'Mutation.createCampaign': brandOwned(async ({ attacker }) => {
      // Creates B's own campaign; the harness checks A's rows are untouched.
      expectNoErrorOrRefused(await attacker.graphql(`mutation($i: CreateCampaignInput!) { createCampaign(input: $i) { id name } }`, {
        i: { name: `B campaign ${attacker.kind}`, perkKind: 'digital', perkTitle: 'B perk', quantity: 1, claimDeadline: new Date(Date.now() + 86_400_000).toISOString() },
      }));
    }),
    'Mutation.updateCampaign': brandOwned(async ({ attacker, ids }) => {
      await expectSameAsMissing(attacker, `mutation($id: ID!) { updateCampaign(id: $id, input: { name: "taken over", quantity: 0 }) { id } }`, { id: ids.campaignId }, 'id');
    }),
    'Mutation.setCampaignStatus': brandOwned(async ({ attacker, ids }) => {
      await expectSameAsMissing(attacker, `mutation($id: ID!) { setCampaignStatus(id: $id, status: ended) { id } }`, { id: ids.campaignId }, 'id');
    }),
    'Mutation.uploadCampaignCodes': brandOwned(async ({ attacker, ids }) => {
      await expectSameAsMissing(attacker, `mutation($id: ID!) { uploadCampaignCodes(campaignId: $id, csv: "B-CODE-1") { added } }`, { id: ids.campaignId }, 'id');
    }),
    'Mutation.importInfluencerContacts': brandOwned(async ({ attacker, ids }) => {
      // B may list the same person as its own contact; it must not see or change A's.
      expectNoErrorOrRefused(await attacker.graphql(`mutation($csv: String!) { importInfluencerContacts(csv: $csv, consentBasis: "consent") { imported updated } }`, {
        csv: `platform,handle,email\ntwitter,b_copy,${ids.contactEmail}\n`,
      }));
    }),
    'Mutation.eraseInfluencerContact': brandOwned(async ({ attacker, ids }) => {
      await expectSameAsMissing(attacker, `mutation($id: ID!) { eraseInfluencerContact(contactId: $id) }`, { id: ids.contactId }, 'id');
    }),
    'Mutation.inviteToCampaign': brandOwned(async ({ attacker, ids }) => {
      await expectSameAsMissing(attacker, `mutation($id: ID!, $c: [ID!]) { inviteToCampaign(campaignId: $id, targeting: { contactIds: $c }) { invited } }`, { id: ids.campaignId, c: [ids.contactId] }, 'id');
    }),
    'Mutation.revokeInvitation': brandOwned(async ({ attacker, ids }) => {
      await expectSameAsMissing(attacker, `mutation($id: ID!) { revokeInvitation(id: $id) { id } }`, { id: ids.pendingInvitationId }, 'id');
    }),
    'Mutation.markClaimShipped': brandOwned(async ({ attacker, ids }) => {
      await expectSameAsMissing(attacker, `mutation($id: ID!) { markClaimShipped(claimId: $id, carrier: "X", trackingNumber: "Y") }`, { id: ids.claimId }, 'id');
    }),
    'Mutation.decideCampaignApplication': brandOwned(async ({ attacker, ids }) => {
      await expectSameAsMissing(attacker, `mutation($id: ID!) { decideCampaignApplication(id: $id, approve: true) { id } }`, { id: ids.applicationId }, 'id');
    }),
  },
});
