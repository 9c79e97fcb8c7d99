import { type DigestEvent, MAX_DIGEST_LINES, renderAlertDigest } from './render-alert-digest.js';

const event = (over: Partial<DigestEvent>): DigestEvent => ({
  type: 'mention', actorHandle: 'bigshot', actorDisplayName: 'Big Shot', actorPlatform: 'twitter', actorScore: 80.4, brandHandle: 'acme', occurredAt: null, ...over,
});

describe('renderAlertDigest', () => {
  it('groups the events per account, most influential first, in one mail', () => {
    const mail = renderAlertDigest({
      brandName: 'Acme',
      minScore: 70,
      consoleUrl: 'https://renown.example/audience',
      events: [
        event({}),
        event({ type: 'follow' }),
        event({}),
        event({ actorHandle: 'carfan', actorDisplayName: null, actorScore: 91, brandHandle: 'acme_de' }),
      ],
    });
    expect(mail.subject).toBe('2 influential accounts noticed Acme');
    const lines = mail.text.split('\n').filter((l) => l.startsWith('- '));
    expect(lines).toEqual([
      '- @carfan (on twitter, score 91) mentioned once @acme_de',
      '- Big Shot (@bigshot on twitter, score 80) started following and mentioned 2 times @acme',
    ]);
    expect(mail.text).toContain('score of 70 or more');
    expect(mail.html).toContain('<a href="https://renown.example/audience">');
  });

  it('escapes what accounts chose to call themselves', () => {
    const mail = renderAlertDigest({ brandName: 'Acme', minScore: 50, consoleUrl: 'https://x', events: [event({ actorDisplayName: '<script>alert(1)</script>' })] });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;');
  });

  it('lists at most MAX_DIGEST_LINES accounts and says how many more there are', () => {
    const events = Array.from({ length: MAX_DIGEST_LINES + 3 }, (_, i) => event({ actorHandle: `fan${i}`, actorScore: 50 + (i % 40) }));
    const mail = renderAlertDigest({ brandName: 'Acme', minScore: 50, consoleUrl: 'https://x', events });
    expect(mail.subject).toBe(`${MAX_DIGEST_LINES + 3} influential accounts noticed Acme`);
    expect(mail.text.split('\n').filter((l) => l.startsWith('- '))).toHaveLength(MAX_DIGEST_LINES);
    expect(mail.text).toContain('… and 3 more accounts');
    expect(mail.html).toContain('… and 3 more accounts');
  });
});
