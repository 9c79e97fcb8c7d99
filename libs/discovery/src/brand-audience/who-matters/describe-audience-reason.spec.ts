import { describeAudienceReason } from './describe-audience-reason.js';

describe('describeAudienceReason', () => {
  it('says since when they follow, how often they mentioned and how many posts they engaged with', () => {
    expect(describeAudienceReason({ follows: true, followedSince: new Date('2026-03-02T10:00:00Z'), mentions: 4, engagedPosts: 7 })).toBe(
      'follows since 2026-03-02 · mentioned you 4 times · engaged with 7 posts',
    );
  });
  it('handles undated follows and singulars', () => {
    expect(describeAudienceReason({ follows: true, followedSince: null, mentions: 1, engagedPosts: 1 })).toBe('follows you · mentioned you 1 time · engaged with 1 post');
    expect(describeAudienceReason({ follows: false, followedSince: null, mentions: 0, engagedPosts: 0 })).toBe('interacted with you');
  });
});
