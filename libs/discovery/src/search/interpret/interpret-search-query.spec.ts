import { interpretSearchQuery, parseCount } from './interpret-search-query.js';
import { resolveSearchTopics } from './search-topic-resolver.js';

const interpret = (q: string) => interpretSearchQuery(q, (rest) => resolveSearchTopics(rest));
const slugs = (q: string) => interpret(q).topics.map((t) => t.slug);

describe('interpretSearchQuery', () => {
  it('reads "top influencers in automotive" as Cars and Auto Industry, with nothing left over', () => {
    const r = interpret('top influencers in automotive');
    expect(r.topics.map((t) => t.slug).sort()).toEqual(['auto-industry', 'cars']);
    expect(r.topics[0].matched).toBe('automotive');
    expect(r.unresolved).toEqual([]);
    expect(r.messages).toEqual([]);
    expect(r.platforms).toEqual([]);
    expect(r.followers).toBeNull();
  });

  it('reads "EV reviewers on bluesky writing in german" as electric cars, Bluesky, German', () => {
    const r = interpret('EV reviewers on bluesky writing in german');
    expect(r.topics.map((t) => t.slug)).toEqual(['electric-cars']);
    expect(r.platforms).toEqual(['bluesky']);
    expect(r.languages).toEqual(['de']);
    expect(r.unresolved).toEqual([]);
  });

  it('reads "fitness creators with 10k-100k followers" as Fitness with a follower range', () => {
    const r = interpret('fitness creators with 10k-100k followers');
    expect(r.topics.map((t) => t.slug)).toEqual(['fitness']);
    expect(r.followers).toEqual({ min: 10_000, max: 100_000 });
    expect(r.unresolved).toEqual([]);
  });

  it('says plainly when a word matches nothing, with suggestions', () => {
    const r = interpret('top influencers in automotiv');
    expect(r.topics).toEqual([]);
    expect(r.unresolved).toEqual(['automotiv']);
    expect(r.suggestions[0].topics.length).toBeGreaterThan(0);
    expect(r.messages[0]).toMatch(/^Nothing matched "automotiv"\. Did you mean .+\?$/);
    expect(r.messages[1]).toMatch(/nothing was searched/);
  });

  it('searches the words it understood and names the ones it ignored', () => {
    const r = interpret('cars qwzrtx');
    expect(r.topics.map((t) => t.slug)).toEqual(['cars']);
    expect(r.unresolved).toEqual(['qwzrtx']);
    expect(r.messages.join(' ')).toMatch(/Nothing matched "qwzrtx"\./);
    expect(r.messages.join(' ')).toMatch(/Searched Cars without the words that matched nothing/);
  });

  it('reads follower bounds, tiers and platforms in several forms', () => {
    expect(interpret('cars over 50k followers').followers).toEqual({ min: 50_000, max: null });
    expect(interpret('cars under 5k followers').followers).toEqual({ min: null, max: 5_000 });
    expect(interpret('cars with 1.5m+ followers').followers).toEqual({ min: 1_500_000, max: null });
    expect(interpret('micro-influencers in fitness').followers).toEqual({ min: 10_000, max: 100_000 });
    expect(interpret('micro-influencers in fitness').topics.map((t) => t.slug)).toEqual(['fitness']);
    expect(interpret('cars on bluesky and mastodon').platforms).toEqual(['bluesky', 'mastodon']);
    expect(interpret('cars on x').platforms).toEqual(['twitter']);
    expect(slugs('cars on x')).toEqual(['cars']);
  });

  it('reads locations, activity and contact cues without taking them for topics', () => {
    const r = interpret('fitness creators based in Berlin active in the last 14 days with contact email');
    expect(r.locations).toEqual(['Berlin']);
    expect(r.activeWithinDays).toBe(14);
    expect(r.hasContactEmail).toBe(true);
    expect(r.topics.map((t) => t.slug)).toEqual(['fitness']);
    expect(r.unresolved).toEqual([]);
    expect(interpret('cars from new york with 10k-100k followers').locations).toEqual(['new york']);
    expect(interpret('german-speaking fitness creators').languages).toEqual(['de']);
  });

  it('never fails on entity names whose topic is missing from the ontology', () => {
    expect(() => interpret('nike')).not.toThrow();
  });
});

describe('parseCount', () => {
  it.each([
    ['10', 'k', 10_000],
    ['1.5', 'm', 1_500_000],
    ['250', undefined, 250],
    ['2,5', 'k', 2_500],
  ])('%s%s', (d, u, n) => expect(parseCount(d, u)).toBe(n));
});
