import { checkDisclosure } from './check-disclosure.js';

describe('checkDisclosure', () => {
  it('accepts #ad or #sponsored near the start, in any case', () => {
    expect(checkDisclosure('#AD loving these new trail shoes from @acme')).toMatchObject({ disclosed: true, tag: 'ad' });
    expect(checkDisclosure('New kit! #sponsored by @acme')).toMatchObject({ disclosed: true, tag: 'sponsored' });
  });

  it('does not take look-alikes (#adventure, #badge) for a disclosure', () => {
    expect(checkDisclosure('#adventure time #badge').disclosed).toBe(false);
  });

  it('refuses a tag buried at the end of a long post, and says it was late', () => {
    const text = `${'Ran 20k this morning in the new shoes and they were great. '.repeat(3)}#running #ad`;
    expect(checkDisclosure(text)).toEqual({ disclosed: false, tag: null, lateTag: 'ad' });
  });

  it('treats a post with no text as undisclosed', () => {
    expect(checkDisclosure(null).disclosed).toBe(false);
  });
});
