import { compactNumber, composeWhyLine, type WhyFacts } from './compose-why-line.js';

const base: WhyFacts = {
  topicName: 'Cars',
  topicScore: 81,
  topicPercentile: 97.4,
  postsOnTopic: 0,
  repostsOnTopic: 0,
  windowDays: 30,
  followedByTop: 0,
  topN: 20,
  overallScore: 60,
  overallPercentile: 90,
  followers: 12_000,
};

describe('composeWhyLine', () => {
  it('leads with activity on the topic and standing among its leaders', () => {
    expect(composeWhyLine({ ...base, postsOnTopic: 4, repostsOnTopic: 12_400, followedByTop: 3 })).toBe(
      '4 posts on Cars in 30 days, 12k reposts; followed by 3 of the top 20 in Cars',
    );
  });

  it('falls back to the topic score when there was no recent activity', () => {
    expect(composeWhyLine({ ...base })).toBe('Cars influence 81/100 (top 3%); 12k followers');
  });

  it('says one post and one repost in the singular', () => {
    expect(composeWhyLine({ ...base, postsOnTopic: 1, repostsOnTopic: 1 })).toBe('1 post on Cars in 30 days, 1 repost; Cars influence 81/100 (top 3%)');
  });

  it('uses the overall score when the search named no topic', () => {
    expect(composeWhyLine({ ...base, topicName: null, topicScore: null, topicPercentile: null })).toBe('Overall influence 60/100 (top 10%); 12k followers');
  });

  it('reads a percentile stored as a fraction (as the scoring run writes it) the same as a percentage', () => {
    expect(composeWhyLine({ ...base, topicName: null, topicScore: null, topicPercentile: null, overallPercentile: 0.9 })).toBe('Overall influence 60/100 (top 10%); 12k followers');
    expect(composeWhyLine({ ...base, topicPercentile: 0.974 })).toBe('Cars influence 81/100 (top 3%); 12k followers');
  });

  it('says plainly when nothing is known yet', () => {
    expect(composeWhyLine({ ...base, topicName: null, overallScore: null, followers: null })).toBe('Not scored yet');
  });
});

describe('compactNumber', () => {
  it.each([
    [999, '999'],
    [1234, '1.2k'],
    [12_500, '13k'],
    [2_400_000, '2.4M'],
  ])('%d -> %s', (n, s) => expect(compactNumber(n)).toBe(s));
});
