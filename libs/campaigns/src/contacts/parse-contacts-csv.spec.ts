import { parseContactsCsv } from './parse-contacts-csv.js';

describe('parseContactsCsv', () => {
  it('reads platform, handle, email and the consent basis, reporting bad lines', () => {
    const csv = 'platform,handle,email,consent_basis\ntwitter,@ann,ANN@x.org,consent\nmyspace,bob,bob@x.org,consent\ntwitter,cy,not-mail,consent\ntwitter,dee,dee@x.org,\n';
    const r = parseContactsCsv(csv);
    expect(r.rows).toEqual([{ line: 2, platform: 'twitter', handle: 'ann', email: 'ann@x.org', name: null, consentBasis: 'consent', consentNote: null }]);
    expect(r.problems.map((p) => p.line)).toEqual([3, 4, 5]);
  });

  it('takes a default consent basis for the whole upload', () => {
    expect(parseContactsCsv('platform,handle,email\nbluesky,eve.bsky.social,eve@x.org\n', 'legitimate_interest').rows[0].consentBasis).toBe('legitimate_interest');
  });
});
