import { profileRefFromUrl } from './profile-link.js';

describe('profileRefFromUrl', () => {
  it('reads profile pages of the platforms we import', () => {
    expect(profileRefFromUrl('https://twitter.com/Alice_Drives')).toEqual({ platform: 'twitter', key: 'alice_drives', by: 'handle' });
    expect(profileRefFromUrl('https://x.com/alice/')).toEqual({ platform: 'twitter', key: 'alice', by: 'handle' });
    expect(profileRefFromUrl('https://bsky.app/profile/alice.example.com')).toEqual({ platform: 'bluesky', key: 'alice.example.com', by: 'handle' });
    expect(profileRefFromUrl('https://bsky.app/profile/did:plc:abc')).toEqual({ platform: 'bluesky', key: 'did:plc:abc', by: 'external_id' });
    expect(profileRefFromUrl('https://example.social/@alice')).toEqual({ platform: 'mastodon', key: 'alice@example.social', by: 'external_id' });
  });

  it('ignores links that are not a profile', () => {
    expect(profileRefFromUrl('https://twitter.com/alice/status/123')).toBeNull();
    expect(profileRefFromUrl('https://twitter.com/search')).toBeNull();
    expect(profileRefFromUrl('https://example.com/blog')).toBeNull();
    expect(profileRefFromUrl('not a url')).toBeNull();
  });
});
