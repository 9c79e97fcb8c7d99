import { rankInfluenceLinks, type InteractionAggregate, type OtherAccountFacts } from './rank-influence-links.js';

const person = (personId: string | null = null): OtherAccountFacts => ({ personId, ageDays: 900, postsCount: 120, followingCount: 300 });
const bot: OtherAccountFacts = { personId: null, ageDays: 3, postsCount: 0, followingCount: 4000 };
const agg = (otherId: string, direction: 'out' | 'in', kind: InteractionAggregate['kind'], count: number, recencyWeighted = count): InteractionAggregate => ({
  otherId,
  direction,
  kind,
  count,
  recencyWeighted,
});

describe('rankInfluenceLinks', () => {
  it('ranks influencers by what the account does to them, weighted like scoring (a repost is worth 8 likes)', () => {
    const facts = new Map([['10', person()], ['11', person()], ['12', person()]]);
    const links = rankInfluenceLinks([agg('10', 'out', 'like', 3), agg('11', 'out', 'repost', 1), agg('12', 'out', 'reply', 1)], facts, null);
    expect(links.influencers.map((l) => l.accountId)).toEqual(['11', '12', '10']);
    expect(links.influencers[0]).toEqual({ accountId: '11', strength: 2, interactions: { reposts: 1, quotes: 0, replies: 0, mentions: 0, likes: 0, follows: false } });
    expect(links.influencees).toEqual([]);
  });

  it('caps repeated engagement per kind, so volume alone does not win', () => {
    const facts = new Map([['10', person()], ['11', person()]]);
    const links = rankInfluenceLinks([agg('10', 'in', 'like', 500), agg('11', 'in', 'repost', 1), agg('11', 'in', 'reply', 1)], facts, null);
    expect(links.influencees.map((l) => [l.accountId, l.strength])).toEqual([
      ['11', 3],
      ['10', 0.75],
    ]);
    expect(links.influencees[1].interactions.likes).toBe(500);
  });

  it('discounts engagement that goes both ways, and adds a follow on top', () => {
    const facts = new Map([['10', person()], ['11', person()]]);
    const links = rankInfluenceLinks(
      [agg('10', 'out', 'repost', 1), agg('10', 'in', 'repost', 1), agg('11', 'out', 'repost', 1), agg('11', 'out', 'follow', 1)],
      facts,
      null,
    );
    expect(links.influencers.map((l) => [l.accountId, l.strength])).toEqual([
      ['11', 2.2],
      ['10', 0.5],
    ]);
    expect(links.influencers[0].interactions.follows).toBe(true);
  });

  it('leaves out the same person\'s other accounts and accounts that vanished', () => {
    const facts = new Map([['10', person('7')], ['11', person('8')]]);
    const links = rankInfluenceLinks([agg('10', 'out', 'repost', 1), agg('11', 'out', 'like', 1), agg('12', 'out', 'repost', 1)], facts, '7');
    expect(links.influencers.map((l) => l.accountId)).toEqual(['11']);
  });

  it('lets bot-like engagers count only their quality among influencees', () => {
    const facts = new Map([['10', bot], ['11', person()]]);
    const links = rankInfluenceLinks([agg('10', 'in', 'repost', 3), agg('11', 'in', 'reply', 1)], facts, null);
    expect(links.influencees.map((l) => l.accountId)).toEqual(['11', '10']);
    expect(links.influencees[1].strength).toBeCloseTo(0.3, 5);
  });

  it('uses recency-weighted counts for strength and raw counts for the interactions shown', () => {
    const facts = new Map([['10', person()]]);
    const links = rankInfluenceLinks([agg('10', 'out', 'reply', 2, 0.5)], facts, null);
    expect(links.influencers[0]).toMatchObject({ strength: 0.5, interactions: { replies: 2 } });
  });

  it('breaks ties by numeric account id', () => {
    const facts = new Map([['9', person()], ['10', person()]]);
    const links = rankInfluenceLinks([agg('10', 'out', 'like', 1), agg('9', 'out', 'like', 1)], facts, null);
    expect(links.influencers.map((l) => l.accountId)).toEqual(['9', '10']);
  });

  it('takes mutual engagement from the caller when the reverse pairs were not passed', async () => {
    const facts = new Map([['10', person()], ['11', person()]]);
    const links = rankInfluenceLinks([agg('10', 'out', 'repost', 1), agg('11', 'out', 'repost', 1)], facts, null, new Set(['10']));
    expect(links.influencers.map((l) => [l.accountId, l.strength])).toEqual([
      ['11', 2],
      ['10', 0.5],
    ]);
  });
});
