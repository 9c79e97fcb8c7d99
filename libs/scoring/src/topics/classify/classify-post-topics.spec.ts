import { getTopicLexicon } from '../ontology/topic-lexicon.js';
import { classifyPostTopics } from './classify-post-topics.js';
import { multiLabelReport, pickLabels } from './evaluate-topic-labels.js';
import { parseTweetTopicJsonl } from './read-tweet-topic-jsonl.js';

const lexicon = getTopicLexicon();
const slugs = (topics: { topicId: string }[]) => topics.map((t) => lexicon.get(t.topicId)!.slug);

describe('classifyPostTopics', () => {
  it('finds topics in text, hashtags and links', () => {
    expect(slugs(classifyPostTopics(lexicon, { text: 'Test drive of three hybrid cars this weekend' }))).toContain('hybrid-cars');
    expect(slugs(classifyPostTopics(lexicon, { text: 'What a race! #FormulaOne' }))).toContain('formula-one');
    expect(slugs(classifyPostTopics(lexicon, { text: 'new review', urls: ['https://example.com/reviews/electric-cars-2026'] }))).toContain('electric-cars');
  });

  it('reads the languages the ontology names (Spanish, German)', () => {
    expect(slugs(classifyPostTopics(lexicon, { text: 'Mi opinión sobre los coches de este año' }))).toContain('cars');
    expect(slugs(classifyPostTopics(lexicon, { text: 'Heute im Stadion: Fußball pur', language: 'de' }))).toContain('soccer');
  });

  it('maps Twitter context_annotations onto ontology topics (entity name first, then domain)', () => {
    const annotations = [
      { domain: { id: '46', name: 'Brand Category' }, entity: { id: '1', name: 'Cars' } },
      { domain: { id: '12', name: 'Sports Team' }, entity: { id: '2', name: 'Some Unknown Club FC' } },
    ];
    const topics = classifyPostTopics(lexicon, { text: 'ok', annotations });
    expect(slugs(topics)).toEqual(expect.arrayContaining(['cars', 'sports']));
    expect(topics.find((t) => lexicon.get(t.topicId)!.slug === 'cars')!.sources).toEqual(['annotation']);
  });

  it('does not read common words as topics', () => {
    expect(classifyPostTopics(lexicon, { text: 'the time of my life, love you all' })).toEqual([]);
  });
});

describe('TweetTopic evaluation helpers', () => {
  it('parses ids above 2^53 (bare or in exponent form) without rounding them into collisions', () => {
    const rows = parseTweetTopicJsonl('{"id":1539669293213687808,"text":"hi","sports":1,"music":0}\n{"id":1.542085202e+18,"text":"x","music":1}\n');
    expect(rows.map((r) => r.id)).toEqual(['1539669293213687808', '1.542085202e+18']);
    expect(rows[0].labels).toEqual(['sports']);
  });

  it('computes per-label precision/recall, micro-F1 and macro-F1', () => {
    const r = multiLabelReport([['a'], ['a', 'b'], ['b']], [['a'], ['a'], ['a']], ['a', 'b']);
    expect(r.perLabel[0]).toMatchObject({ label: 'a', precision: 2 / 3, recall: 1 });
    expect(r.perLabel[1]).toMatchObject({ label: 'b', precision: 0, recall: 0 });
    expect(r.microF1).toBeCloseTo((2 * (2 / 3) * 0.5) / (2 / 3 + 0.5));
    expect(r.macroF1).toBeCloseTo(0.4);
    expect(pickLabels(new Map([['sports', 0.05]]), 0.1)).toEqual(['sports']);
  });
});
