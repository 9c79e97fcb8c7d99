import { detectFormat } from './detect-format.js';

const detect = (text: string) => detectFormat(Buffer.from(text), true);

describe('detectFormat', () => {
  it('recognizes each format from its first record', () => {
    expect(detect('{"data":[{"id":"1","text":"hi","author_id":"2"}],"includes":{"users":[]}}\n').format).toBe('twitter-v2');
    expect(detect('[{"id": 1149867698572025858, "id_str": "1149867698572025858", "text": "x", "user": {"id_str": "1", "screen_name": "a"}}]').format).toBe('twitter-v1');
    expect(detect('{"did":"did:plc:x","time_us":1,"kind":"commit","commit":{}}\n').format).toBe('bluesky-jetstream');
    expect(detect('{"id":"1","uri":"https://h/users/a/statuses/1","content":"<p>x</p>","account":{"acct":"a","username":"a"}}\n').format).toBe('mastodon');
    expect(detect('223789 213163 1341100972 MT\n376989 50329 1341101181 RT\n').format).toBe('edge-list');
    expect(detect('follower\tfollowee\tcount\n10\t11\t1\n').format).toBe('edge-list');
  });

  it('tells JSON Lines from one pretty-printed document', () => {
    expect(detect('{\n  "id_str": "1",\n  "screen_name": "a"\n}\n')).toEqual({ format: 'twitter-v1', layout: 'document' });
    expect(detect('not json\n{"did":"did:plc:x","time_us":1,"kind":"identity"}\n{"did":"did:plc:y","time_us":2,"kind":"identity"}\n').format).toBe('bluesky-jetstream');
  });

  it('refuses what is no known format, saying why', () => {
    expect(detect('name,age\nbob,3\n').format).toBeNull();
    expect(detect('Hello, this is a letter and not data at all.\n').format).toBeNull();
    expect(detect('{"foo": 1}\n')).toMatchObject({ format: null, why: expect.stringContaining('not a Twitter') });
    expect(detect('{"broken": \n').format).toBeNull();
  });
});
