import { normalizeTopicTerm, splitHashtag } from './normalize-topic-term.js';
import { resolveTopicTerms } from './resolve-topic-terms.js';
import { getTopicLexicon } from './topic-lexicon.js';

describe('resolveTopicTerms', () => {
  it('resolves "automotive" to Cars and Auto Industry (a synonym: no topic has that name)', () => {
    const r = resolveTopicTerms('automotive');
    expect(r.topics.map((t) => t.slug)).toEqual(['cars', 'auto-industry']);
    expect(r.topics.map((t) => t.id)).toEqual(['6986158486011427614', '9219221220892055528']);
    expect(r.unresolved).toEqual([]);
  });

  it('reads localized names (Coches, Fußball, Calcio) and answers in the asked locale', () => {
    expect(resolveTopicTerms('Coches').topics[0].slug).toBe('cars');
    expect(resolveTopicTerms('Fußball').topics[0].slug).toBe('soccer');
    expect(resolveTopicTerms('calcio', { locale: 'it' }).topics[0]).toMatchObject({ slug: 'soccer', name: 'Calcio' });
    expect(resolveTopicTerms('cars', { locale: 'fr' }).topics[0].name).toBe('Voitures');
  });

  it('uses IAB Content Taxonomy names as aliases', () => {
    const r = resolveTopicTerms('Style & Fashion');
    expect(r.topics.map((t) => t.slug)).toContain('fashion');
    expect(resolveTopicTerms('Video Gaming').topics[0].slug).toBe('video-games');
  });

  it('ignores query filler, keeps several topics, and says plainly what did not resolve, with suggestions', () => {
    const r = resolveTopicTerms('top influencers in EV and motorsport');
    expect(r.topics.map((t) => t.slug)).toEqual(['electric-cars', 'motorsports']);
    const typo = resolveTopicTerms('autmotive');
    expect(typo.topics).toEqual([]);
    expect(typo.unresolved).toEqual(['autmotive']);
    expect(typo.suggestions[0].topics.map((t) => t.slug)).toContain('cars');
  });

  it('keeps topic ids above 2^53 exact', () => {
    expect(getTopicLexicon().get('10000000000000016631')?.slug).toBe('hobbies-super');
  });

  it('normalizes accents, ampersands and hashtags', () => {
    expect(normalizeTopicTerm('Fútbol & Más')).toBe('futbol and mas');
    expect(splitHashtag('#ElectricCars')).toBe('electric cars');
  });

  it('answers for brand and platform names whose entity aliases point outside the ontology, without throwing', () => {
    for (const term of ['nike', 'bluesky', 'tesla', 'xyzzyq']) {
      const r = resolveTopicTerms(term);
      expect(r.topics.length + r.unresolved.length).toBeGreaterThan(0);
    }
  });
});
