import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { buildTopicAliases } from '../libs/scoring/src/topics/ontology/build-topic-aliases.js';
import { readTopicOntologyFiles } from '../libs/scoring/src/topics/ontology/topic-ontology-files.js';

/**
 * The Klout Topic Ontology (CC BY 3.0, shipped in libs/scoring/src/topics/data) as tables, loaded from the
 * shipped files so every database, the test template included, has the 8,033 topics. Topic ids exceed both
 * 2^53 and the signed 64-bit range (10000000000000016634), so they are TEXT. Rows go in as unnest() arrays:
 * about 90k rows in well under a second.
 */
export class TopicOntology1763730000050 implements MigrationInterface {
  name = 'TopicOntology1763730000050';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE topics (
        id text PRIMARY KEY,
        slug text NOT NULL UNIQUE,
        display_name text NOT NULL,
        wiki_item_id text,
        freebase_id text,
        is_super boolean NOT NULL DEFAULT false
      )`);
    await q.query(`
      CREATE TABLE topic_edges (
        parent_id text NOT NULL REFERENCES topics (id) ON DELETE CASCADE,
        child_id text NOT NULL REFERENCES topics (id) ON DELETE CASCADE,
        PRIMARY KEY (parent_id, child_id)
      )`);
    await q.query(`CREATE INDEX topic_edges_child_idx ON topic_edges (child_id)`);
    await q.query(`
      CREATE TABLE topic_names (
        topic_id text NOT NULL REFERENCES topics (id) ON DELETE CASCADE,
        locale text NOT NULL,
        name text NOT NULL,
        PRIMARY KEY (topic_id, locale)
      )`);
    await q.query(`CREATE INDEX topic_names_name_trgm_idx ON topic_names USING gin (lower(name) gin_trgm_ops)`);
    await q.query(`
      CREATE TABLE topic_aliases (
        alias text NOT NULL,
        topic_id text NOT NULL REFERENCES topics (id) ON DELETE CASCADE,
        source text NOT NULL CHECK (source IN ('curated', 'name', 'localized-name', 'slug', 'iab', 'entity')),
        locale text,
        PRIMARY KEY (alias, topic_id)
      )`);
    await q.query(`CREATE INDEX topic_aliases_topic_idx ON topic_aliases (topic_id)`);
    await q.query(`CREATE INDEX topic_aliases_alias_trgm_idx ON topic_aliases USING gin (alias gin_trgm_ops)`);

    const files = readTopicOntologyFiles();
    const t = files.topics;
    await q.query(
      `INSERT INTO topics (id, slug, display_name, wiki_item_id, freebase_id, is_super)
       SELECT id, slug, name, wiki, freebase, slug LIKE '%-super'
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS x(id, slug, name, wiki, freebase)`,
      [t.map((x) => x.id), t.map((x) => x.slug), t.map((x) => x.name), t.map((x) => x.wikiItemId), t.map((x) => x.freebaseId)],
    );
    const e = files.edges;
    await q.query(
      `INSERT INTO topic_edges (parent_id, child_id)
       SELECT p, c FROM unnest($1::text[], $2::text[]) AS x(p, c)
       WHERE EXISTS (SELECT 1 FROM topics WHERE id = p) AND EXISTS (SELECT 1 FROM topics WHERE id = c)
       ON CONFLICT DO NOTHING`,
      [e.map((x) => x.parentId), e.map((x) => x.childId)],
    );
    const n = files.names.filter((x) => x.name);
    await q.query(
      `INSERT INTO topic_names (topic_id, locale, name)
       SELECT id, locale, name FROM unnest($1::text[], $2::text[], $3::text[]) AS x(id, locale, name)
       WHERE EXISTS (SELECT 1 FROM topics WHERE topics.id = x.id)
       ON CONFLICT DO NOTHING`,
      [n.map((x) => x.topicId), n.map((x) => x.locale), n.map((x) => x.name)],
    );
    const a = buildTopicAliases(files);
    await q.query(
      `INSERT INTO topic_aliases (alias, topic_id, source, locale)
       SELECT alias, id, source, locale FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS x(alias, id, source, locale)
       WHERE EXISTS (SELECT 1 FROM topics WHERE topics.id = x.id)
       ON CONFLICT DO NOTHING`,
      [a.map((x) => x.alias), a.map((x) => x.topicId), a.map((x) => x.source), a.map((x) => x.locale)],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE topic_aliases`);
    await q.query(`DROP TABLE topic_names`);
    await q.query(`DROP TABLE topic_edges`);
    await q.query(`DROP TABLE topics`);
  }
}
