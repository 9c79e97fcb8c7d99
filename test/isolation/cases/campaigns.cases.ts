/*
 * Brand-isolation cases for perk campaigns (libs/campaigns). Every campaign operation is brand-owned.
 * `seed` creates brand A's rows (a live code campaign with an invitation, a claim, a physical campaign with
 * a claim, an open campaign with an application, a contact) through the public API and returns their ids;
 * each case then runs as brand B (user session and API key) with A's ids and must either fail with one of
 * `expectCodes` (for single-row operations: NOT_FOUND, so another brand's id looks missing) or return no
 * row of A (for lists: `mustNotContain` names A's ids that must not appear in the response).
 *
 * The walker in test/isolation (accounts helper) can consume this; test/campaigns/campaign-isolation.spec.ts
 * runs it today.
 */
export interface CampaignIsolationContext {
  /** POST /graphql as brand A (owner session); throws on GraphQL errors. */
  asA<T = any>(query: string, variables?: Record<string, unknown>): Promise<T>;
  /** Base URL of the API, for the public claim and apply pages. */
  url: string;
  /** Reads a claim link for an invitation from the outbox (what the influencer receives). */
  claimLinkFor(invitationId: string): Promise<string>;
}

export type CampaignIds = Record<'campaignId' | 'physicalCampaignId' | 'openCampaignId' | 'invitationId' | 'pendingInvitationId' | 'claimId' | 'contactId' | 'applicationId', string>;

export interface CampaignIsolationCase {
  operation: string;
  kind: 'brand-owned';
  query: string;
  variables: (ids: CampaignIds) => Record<string, unknown>;
  /** Single-row operations: B gets one of these codes. */
  expectCodes?: string[];
  /** List operations: none of these ids (of A) may appear anywhere in B's response. */
  mustNotContain?: (ids: CampaignIds) => string[];
}

export async function seedCampaignsForBrandA(ctx: CampaignIsolationContext): Promise<CampaignIds> {
  const deadline = new Date(Date.now() + 7 * 86_400_000).toISOString();
  const mk = async (input: Record<string, unknown>) => (await ctx.asA(`mutation($i: CreateCampaignInput!) { createCampaign(input: $i) { id } }`, { i: { claimDeadline: deadline, ...input } })).createCampaign.id as string;
  const live = (id: string) => ctx.asA(`mutation($id: ID!) { setCampaignStatus(id: $id, status: active) { id } }`, { id });
  const campaignId = await mk({ name: 'Iso codes', perkKind: 'code', perkTitle: 'Code', quantity: 2 });
  await ctx.asA(`mutation($id: ID!) { uploadCampaignCodes(campaignId: $id, csv: "ISO-A1\\nISO-A2") { added } }`, { id: campaignId });
  await live(campaignId);
  const physicalCampaignId = await mk({ name: 'Iso jacket', perkKind: 'physical', perkTitle: 'Jacket', quantity: 2 });
  await live(physicalCampaignId);
  const openCampaignId = await mk({ name: 'Iso open', perkKind: 'digital', perkTitle: 'Webinar', quantity: 5, openToApplications: true });
  await live(openCampaignId);
  await ctx.asA(`mutation($csv: String!) { importInfluencerContacts(csv: $csv, consentBasis: "consent") { imported } }`, {
    csv: 'platform,handle,email\ntwitter,iso_a1,iso-a1@iso.test\ntwitter,iso_a2,iso-a2@iso.test\n',
  });
  const contacts = (await ctx.asA(`{ influencerContacts { id email } }`)).influencerContacts as { id: string; email: string }[];
  const [c1, c2] = ['iso-a1@iso.test', 'iso-a2@iso.test'].map((e) => contacts.find((c) => c.email === e)!.id);
  const inv = await ctx.asA(`mutation($id: ID!, $c: [ID!]) { inviteToCampaign(campaignId: $id, targeting: { contactIds: $c }) { invitationIds } }`, { id: physicalCampaignId, c: [c1] });
  const invitationId = inv.inviteToCampaign.invitationIds[0];
  const pending = await ctx.asA(`mutation($id: ID!, $c: [ID!]) { inviteToCampaign(campaignId: $id, targeting: { contactIds: $c }) { invitationIds } }`, { id: campaignId, c: [c2] });
  const link = await ctx.claimLinkFor(invitationId);
  const claimed = await fetch(link, { method: 'POST', body: new URLSearchParams({ action: 'accept', name: 'Iso A', line1: '1 St', city: 'C', postalCode: '1', country: 'US' }) });
  if (claimed.status !== 201) throw new Error(`seed claim failed: ${claimed.status}`);
  const claims = await ctx.asA(`query($id: ID!) { campaignClaims(campaignId: $id) { id } }`, { id: physicalCampaignId });
  const applied = await fetch(`${ctx.url}/apply/${openCampaignId}`, { method: 'POST', body: new URLSearchParams({ email: 'iso-app@iso.test', platform: 'twitter', handle: 'iso_app' }) });
  if (applied.status !== 201) throw new Error(`seed application failed: ${applied.status}`);
  const apps = await ctx.asA(`query($id: ID!) { campaignApplications(campaignId: $id) { id } }`, { id: openCampaignId });
  return {
    campaignId, physicalCampaignId, openCampaignId, invitationId, pendingInvitationId: pending.inviteToCampaign.invitationIds[0],
    claimId: claims.campaignClaims[0].id, contactId: c1, applicationId: apps.campaignApplications[0].id,
  };
}

const NF = ['NOT_FOUND'];

export const campaignsCases: CampaignIsolationCase[] = [
  { operation: 'campaigns', kind: 'brand-owned', query: '{ campaigns { id } }', variables: () => ({}), mustNotContain: (i) => [i.campaignId, i.physicalCampaignId, i.openCampaignId] },
  { operation: 'campaign', kind: 'brand-owned', query: 'query($id: ID!) { campaign(id: $id) { id name } }', variables: (i) => ({ id: i.campaignId }), expectCodes: NF },
  { operation: 'influencerContacts', kind: 'brand-owned', query: '{ influencerContacts { id email } }', variables: () => ({}), mustNotContain: (i) => [i.contactId, 'iso-a1@iso.test'] },
  { operation: 'campaignInvitations', kind: 'brand-owned', query: 'query($id: ID!) { campaignInvitations(campaignId: $id) { id email } }', variables: (i) => ({ id: i.physicalCampaignId }), expectCodes: NF },
  { operation: 'campaignClaims', kind: 'brand-owned', query: 'query($id: ID!) { campaignClaims(campaignId: $id) { id email shippingAddress { line1 } } }', variables: (i) => ({ id: i.physicalCampaignId }), expectCodes: NF },
  { operation: 'campaignReport', kind: 'brand-owned', query: 'query($id: ID!) { campaignReport(campaignId: $id) { invited } }', variables: (i) => ({ id: i.physicalCampaignId }), expectCodes: NF },
  { operation: 'campaignReportCsv', kind: 'brand-owned', query: 'query($id: ID!) { campaignReportCsv(campaignId: $id) }', variables: (i) => ({ id: i.physicalCampaignId }), expectCodes: NF },
  { operation: 'campaignApplications', kind: 'brand-owned', query: 'query($id: ID!) { campaignApplications(campaignId: $id) { id } }', variables: (i) => ({ id: i.openCampaignId }), expectCodes: NF },
  { operation: 'createCampaign', kind: 'brand-owned', query: 'mutation($i: CreateCampaignInput!) { createCampaign(input: $i) { id } }', variables: () => ({ i: { name: 'B own', perkKind: 'digital', perkTitle: 'B', quantity: 1, claimDeadline: new Date(Date.now() + 86_400_000).toISOString() } }), mustNotContain: (i) => [i.campaignId] },
  { operation: 'updateCampaign', kind: 'brand-owned', query: 'mutation($id: ID!) { updateCampaign(id: $id, input: { name: "taken" }) { id } }', variables: (i) => ({ id: i.campaignId }), expectCodes: NF },
  { operation: 'setCampaignStatus', kind: 'brand-owned', query: 'mutation($id: ID!) { setCampaignStatus(id: $id, status: ended) { id } }', variables: (i) => ({ id: i.campaignId }), expectCodes: NF },
  { operation: 'uploadCampaignCodes', kind: 'brand-owned', query: 'mutation($id: ID!) { uploadCampaignCodes(campaignId: $id, csv: "B-CODE-1") { added } }', variables: (i) => ({ id: i.campaignId }), expectCodes: NF },
  { operation: 'importInfluencerContacts', kind: 'brand-owned', query: 'mutation { importInfluencerContacts(csv: "platform,handle,email\\ntwitter,iso_a1,iso-a1@iso.test\\n", consentBasis: "consent") { imported updated } }', variables: () => ({}), mustNotContain: (i) => [i.contactId] },
  { operation: 'eraseInfluencerContact', kind: 'brand-owned', query: 'mutation($id: ID!) { eraseInfluencerContact(contactId: $id) }', variables: (i) => ({ id: i.contactId }), expectCodes: NF },
  { operation: 'inviteToCampaign', kind: 'brand-owned', query: 'mutation($id: ID!, $c: ID!) { inviteToCampaign(campaignId: $id, targeting: { contactIds: [$c] }) { invited } }', variables: (i) => ({ id: i.campaignId, c: i.contactId }), expectCodes: NF },
  { operation: 'revokeInvitation', kind: 'brand-owned', query: 'mutation($id: ID!) { revokeInvitation(id: $id) { id } }', variables: (i) => ({ id: i.pendingInvitationId }), expectCodes: NF },
  { operation: 'markClaimShipped', kind: 'brand-owned', query: 'mutation($id: ID!) { markClaimShipped(claimId: $id, carrier: "X", trackingNumber: "Y") }', variables: (i) => ({ id: i.claimId }), expectCodes: NF },
  { operation: 'decideCampaignApplication', kind: 'brand-owned', query: 'mutation($id: ID!) { decideCampaignApplication(id: $id, approve: true) { id } }', variables: (i) => ({ id: i.applicationId }), expectCodes: NF },
];

export default campaignsCases;
