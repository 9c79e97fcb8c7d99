/*
 * Brand-isolation cases for shortlists and lookalikes (libs/discovery/src/lists). Brand A owns a shortlist
 * with a noted, tagged entry; B's user and API key aim every shortlist operation at A's list and must be
 * answered exactly as for a list that does not exist. Lookalikes are global social data, but their rows say
 * whether the asking brand holds a contact: B asks about the account on A's list and must learn nothing of A.
 * (Campaign targeting by another brand's shortlist is covered in test/discovery/lists-shortlists.spec.ts.)
 */
import { randomUUID } from 'node:crypto';
import { brandOwned, defineCases, expectNoErrorOrRefused, expectSameAsMissing, type IsolationWorld } from '../isolation-harness.js';

async function seed({ t, a }: IsolationWorld): Promise<Record<string, string>> {
  const tag = randomUUID().slice(0, 8);
  const asA = async (query: string, variables: Record<string, unknown> = {}) => {
    const res = await t.graphql(query, variables, a.owner.headers);
    if (res.errors) throw new Error(`discovery-lists seed: ${JSON.stringify(res.errors)}`);
    return res.data;
  };
  const { rows } = await t.db.pool.query(
    `INSERT INTO social_accounts (platform, external_id, handle, display_name, followers_count, is_stub) VALUES ('twitter', $1, $2, $2, 5000, false) RETURNING id::text AS id`,
    [`iso-lists-${tag}`, `iso_lists_${tag}`],
  );
  const accountId = rows[0].id as string;
  const listName = `Isolation shortlist ${tag}`;
  const shortlistId = (await asA(`mutation($n: String!) { createShortlist(input: { name: $n, description: "private plans" }) { id } }`, { n: listName })).createShortlist.id as string;
  const note = `Isolation note ${tag}`;
  const entryTag = `isotag-${tag}`;
  await asA(`mutation($l: ID!, $ids: [ID!]!, $note: String, $tags: [String!]) { addToShortlist(shortlistId: $l, accountIds: $ids, note: $note, tags: $tags) { added } }`, {
    l: shortlistId, ids: [accountId], note, tags: [entryTag],
  });
  // Markers: must never appear in anything B is answered (the account id itself is public social data).
  return { shortlistId, accountIdForCases: accountId, listName, note, entryTag };
}

export default defineCases({
  domain: 'discovery-lists',
  seed,
  cases: {
    'Query.shortlists': brandOwned(async ({ attacker, ids }) => {
      expectNoErrorOrRefused(await attacker.graphql(`{ shortlists { id name description entryCount tags { tag } } }`));
      expectNoErrorOrRefused(await attacker.graphql(`query($a: ID) { shortlists(accountId: $a) { id name } }`, { a: ids.accountIdForCases }));
    }),
    'Query.shortlist': brandOwned(async ({ attacker, ids }) => {
      await expectSameAsMissing(attacker, `query($id: ID!) { shortlist(id: $id) { id name entries { totalCount entries { note tags } } tags { tag } } }`, { id: ids.shortlistId }, 'id');
    }),
    'Mutation.createShortlist': brandOwned(async ({ attacker }) => {
      // Creates B's own list; the harness checks A's rows are untouched.
      expectNoErrorOrRefused(await attacker.graphql(`mutation($n: String!) { createShortlist(input: { name: $n }) { id name entryCount } }`, { n: `B list ${attacker.kind} ${randomUUID().slice(0, 6)}` }));
    }),
    'Mutation.updateShortlist': brandOwned(async ({ attacker, ids }) => {
      await expectSameAsMissing(attacker, `mutation($id: ID!) { updateShortlist(id: $id, input: { name: "taken over", description: "x" }) { id name } }`, { id: ids.shortlistId }, 'id');
    }),
    'Mutation.deleteShortlist': brandOwned(async ({ attacker, ids }) => {
      await expectSameAsMissing(attacker, `mutation($id: ID!) { deleteShortlist(id: $id) }`, { id: ids.shortlistId }, 'id');
    }),
    'Mutation.addToShortlist': brandOwned(async ({ attacker, ids }) => {
      await expectSameAsMissing(attacker, `mutation($id: ID!, $a: [ID!]!) { addToShortlist(shortlistId: $id, accountIds: $a, note: "b", tags: ["b"]) { added alreadyOnList } }`, { id: ids.shortlistId, a: [ids.accountIdForCases] }, 'id');
    }),
    'Mutation.removeFromShortlist': brandOwned(async ({ attacker, ids }) => {
      await expectSameAsMissing(attacker, `mutation($id: ID!, $a: [ID!]!) { removeFromShortlist(shortlistId: $id, accountIds: $a) { removed } }`, { id: ids.shortlistId, a: [ids.accountIdForCases] }, 'id');
    }),
    'Mutation.updateShortlistEntry': brandOwned(async ({ attacker, ids }) => {
      await expectSameAsMissing(
        attacker,
        `mutation($id: ID!, $a: ID!) { updateShortlistEntry(shortlistId: $id, accountId: $a, input: { note: "b", tags: ["b"] }) { note tags } }`,
        { id: ids.shortlistId, a: ids.accountIdForCases },
        'id',
      );
    }),
    'Query.lookalikes': brandOwned(async ({ attacker, ids }) => {
      const res = await attacker.graphql(`query($a: ID!) { lookalikes(accountId: $a) { seed { accountId hasContactEmail } results { accountId why influencer { hasContactEmail } } } }`, { a: ids.accountIdForCases });
      expectNoErrorOrRefused(res);
      expect(res.data.lookalikes.seed).toEqual({ accountId: ids.accountIdForCases, hasContactEmail: false });
      // Naming A's list to leave its accounts out answers exactly like a list that does not exist.
      await expectSameAsMissing(attacker, `query($a: ID!, $id: ID) { lookalikes(accountId: $a, excludeShortlistId: $id) { candidatesConsidered } }`, { a: ids.accountIdForCases, id: ids.shortlistId }, 'id');
    }),
  },
});
