import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

/** The shipped Klout Topic Ontology and Renown's curated alias files, parsed. Topic ids stay strings (> 2^53). */
export interface TopicOntologyFiles {
  topics: { id: string; slug: string; name: string; wikiItemId: string | null; freebaseId: string | null }[];
  edges: { parentId: string; childId: string }[];
  names: { topicId: string; locale: string; name: string }[];
  /** Human-labelled entity -> topic pairs (label 1 only): Wikidata entities such as "Tesla, Inc." -> Cars. */
  entityLabels: { entityId: string; entityName: string; topicId: string }[];
  /** IAB Content Taxonomy 3.1 rows: id, parent id ('' for a Tier-1 vertical), name. */
  iab: { id: string; parentId: string; name: string }[];
  aliases: Record<string, string[]>;
  iabToKlout: Record<string, string[]>;
  twitterDomains: Record<string, string[]>;
  tweetTopicLabels: Record<string, string[]>;
}

export const ROOT_TOPIC_ID = '0';
const MARKER = 'klout_topic_ontology_20180601.csv';

/**
 * The data folder sits beside the TypeScript sources; the compiled code runs from dist/, where swc copies no
 * data files. So walk up from this module until a folder holds libs/scoring/src/topics/data (or is it).
 */
export function findTopicDataDir(start = dirname(fileURLToPath(import.meta.url))): string {
  const override = process.env.RENOWN_TOPIC_DATA_DIR;
  if (override) return override;
  let dir = start;
  for (;;) {
    for (const candidate of [join(dir, 'data'), join(dir, 'libs/scoring/src/topics/data')]) {
      if (existsSync(join(candidate, MARKER))) return candidate;
    }
    const up = dirname(dir);
    if (up === dir) throw new Error(`topic data (${MARKER}) not found above ${start}: set RENOWN_TOPIC_DATA_DIR`);
    dir = up;
  }
}

function csv(dir: string, file: string): Record<string, string>[] {
  return parse(readFileSync(join(dir, file)), { columns: true, skip_empty_lines: true, relax_quotes: true });
}

function json<T>(dir: string, file: string): T {
  const raw = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  delete raw._comment;
  return raw;
}

/** IAB TSVs have CRLF endings and a caption row above the real header. */
export function parseIabTaxonomy(text: string): TopicOntologyFiles['iab'] {
  const lines = text.split(/\r?\n/);
  const header = lines.findIndex((l) => l.startsWith('Unique ID\t'));
  return lines
    .slice(header + 1)
    .filter((l) => l.trim().length)
    .map((l) => l.split('\t'))
    .map(([id, parentId, name]) => ({ id: id.trim(), parentId: (parentId ?? '').trim(), name: (name ?? '').trim() }))
    .filter((r) => r.id && r.name);
}

let cached: TopicOntologyFiles | undefined;

export function readTopicOntologyFiles(dir = findTopicDataDir()): TopicOntologyFiles {
  if (cached && !process.env.RENOWN_TOPIC_DATA_DIR) return cached;
  const nullable = (v: string | undefined) => (v && v.length ? v : null);
  const files: TopicOntologyFiles = {
    topics: csv(dir, 'klout_topic_ontology_20180601.csv').map((r) => ({
      id: r.topicId,
      slug: r.topicSlug,
      name: r.topicDisplayName,
      wikiItemId: nullable(r.wikiItemId),
      freebaseId: nullable(r.freebaseMachineId),
    })),
    edges: csv(dir, 'klout_topic_edge_20180601.csv')
      .filter((r) => r.parentTopicId !== r.childTopicId)
      .map((r) => ({ parentId: r.parentTopicId, childId: r.childTopicId })),
    names: csv(dir, 'klout_topic_display_20180601.csv').map((r) => ({ topicId: r.topicId, locale: r.language, name: r.topicDisplayName })),
    entityLabels: csv(dir, 'entity_to_topic_labels_20180101.csv')
      .filter((r) => r.label === '1' && r.entityDisplayName && r.entityDisplayName !== '_display_unknown_')
      .map((r) => ({ entityId: r.entityId, entityName: r.entityDisplayName, topicId: r.topicId })),
    iab: parseIabTaxonomy(readFileSync(join(dir, 'iab_content_taxonomy_3.1.tsv'), 'utf8')),
    aliases: json(dir, 'aliases.json'),
    iabToKlout: json(dir, 'iab-to-klout.json'),
    twitterDomains: json(dir, 'twitter-annotation-domains.json'),
    tweetTopicLabels: json(dir, 'tweet-topic-to-klout.json'),
  };
  if (!process.env.RENOWN_TOPIC_DATA_DIR) cached = files;
  return files;
}
