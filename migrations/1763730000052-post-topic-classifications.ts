import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Which posts the current topic classifier has already read, so a daily run classifies only new posts (and
 * everything again when the classifier version changes), instead of the whole 90-day window.
 */
export class PostTopicClassifications1763730000052 implements MigrationInterface {
  name = 'PostTopicClassifications1763730000052';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE post_topic_classifications (
        post_id bigint PRIMARY KEY REFERENCES posts (id) ON DELETE CASCADE,
        classifier_version text NOT NULL,
        classified_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE post_topic_classifications`);
  }
}
