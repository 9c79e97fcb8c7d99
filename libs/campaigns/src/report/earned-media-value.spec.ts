import { earnedMediaValue, EMV_FORMULA_VERSION } from './earned-media-value.js';

describe('earned media value emv-v1', () => {
  it('uses impressions when the platform reports them', () => {
    // 20,000 impressions x $5 CPM = $100; 100 likes x 5c + 10 replies x 40c + 20 reposts x 30c + 5 quotes x 40c = $17
    expect(earnedMediaValue({ likes: 100, replies: 10, reposts: 20, quotes: 5, impressions: 20_000, authorFollowers: 1_000_000 }))
      .toEqual({ engagements: 135, reach: 20_000, emvCents: 10_000 + 1_700 });
    expect(EMV_FORMULA_VERSION).toBe('emv-v1');
  });

  it('estimates reach as 10% of followers when impressions are unknown', () => {
    expect(earnedMediaValue({ likes: 0, replies: 0, reposts: 0, quotes: 0, impressions: null, authorFollowers: 50_000 }))
      .toEqual({ engagements: 0, reach: 5_000, emvCents: 2_500 });
  });
});
