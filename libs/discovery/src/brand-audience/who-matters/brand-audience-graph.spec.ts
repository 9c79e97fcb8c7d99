import { type PairCount, rankBrandAudience } from './brand-audience-graph.js';

const pair = (actor: string, target: string, type: PairCount['type'], count = 1): PairCount => ({ actor, target, type, count });

describe('rankBrandAudience (personalized PageRank seeded on the brand)', () => {
  it('ranks first the member the rest of the brand audience engages with, not the one with the biggest reach elsewhere', () => {
    // Brand B; fans f1..f4 repost B; "insider" is reposted by all fans and also mentions B; "outsider" only
    // follows B (its global reach is irrelevant here).
    const fans = ['11', '12', '13', '14'];
    const ranking = rankBrandAudience({
      brandAccountIds: ['1'],
      towardBrand: [...fans.map((f) => pair(f, '1', 'repost')), pair('20', '1', 'mention'), pair('30', '1', 'follow')],
      withinAudience: fans.map((f) => pair(f, '20', 'repost', 2)),
      followingCount: new Map(),
    });
    expect(ranking.members[0].accountId).toBe('20');
    expect(ranking.members.at(-1)!.accountId).toBe('30');
    expect(ranking.members.map((m) => m.accountId)).not.toContain('1');
    const total = ranking.members.reduce((s, m) => s + m.share, 0);
    expect(total).toBeCloseTo(1, 6);
  });

  it('gives a mass-follower less to pass on than a selective member (declared following dilutes)', () => {
    const base = {
      brandAccountIds: ['1'],
      towardBrand: [pair('11', '1', 'repost'), pair('12', '1', 'repost'), pair('21', '1', 'follow'), pair('22', '1', 'follow')],
      withinAudience: [pair('11', '21', 'repost'), pair('12', '22', 'repost')],
    };
    const ranking = rankBrandAudience({ ...base, followingCount: new Map([['11', 0], ['12', 50_000]]) });
    const share = (id: string) => ranking.members.find((m) => m.accountId === id)!.share;
    expect(share('21')).toBeGreaterThan(share('22'));
  });

  it('is deterministic on ties and ignores interactions from the brand\'s own accounts', () => {
    const input = {
      brandAccountIds: ['1', '2'],
      towardBrand: [pair('12', '1', 'like'), pair('11', '1', 'like'), pair('2', '1', 'repost')],
      withinAudience: [],
      followingCount: new Map(),
    };
    const a = rankBrandAudience(input).members.map((m) => m.accountId);
    expect(a).toEqual(['11', '12']);
    expect(rankBrandAudience(input).members.map((m) => m.accountId)).toEqual(a);
  });
});
