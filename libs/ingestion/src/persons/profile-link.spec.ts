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

describe('profileRefFromUrl: YouTube and Instagram profile links', () => {
  it('reads youtube.com/@handle and /channel/<id> (ids keep their case), and instagram.com/<username>', () => {
    expect(profileRefFromUrl('https://www.youtube.com/@CarWow')).toEqual({ platform: 'youtube', key: 'carwow', by: 'handle' });
    expect(profileRefFromUrl('https://youtube.com/channel/UCUhFaUpnq31m6TNX2VKVSVA')).toEqual({ platform: 'youtube', key: 'UCUhFaUpnq31m6TNX2VKVSVA', by: 'external_id' });
    expect(profileRefFromUrl('https://www.instagram.com/Ev.Driver/')).toEqual({ platform: 'instagram', key: 'ev.driver', by: 'handle' });
  });

  it('is not fooled by a video, a post or a Mastodon-looking path on those hosts', () => {
    expect(profileRefFromUrl('https://www.youtube.com/watch?v=abc')).toBeNull();
    expect(profileRefFromUrl('https://www.instagram.com/p/Cx123/')).toBeNull();
    expect(profileRefFromUrl('https://www.instagram.com/reel/Cx123/')).toBeNull();
    // youtube.com/@x is a YouTube handle, never a Mastodon account on youtube.com.
    expect(profileRefFromUrl('https://m.youtube.com/@drive')?.platform).toBe('youtube');
  });
});
