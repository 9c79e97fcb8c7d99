import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions, createPool } from '@renown/core';
import { GraphImporter } from '@renown/ingestion';
import { startOfTodayUtc, writeGeneratedDataset } from '@renown/ingestion/generator/index.js';
import { ScoringRunService, TopicScoringService, TopicsRepository } from '@renown/scoring';
import { AudienceQualityService } from '@renown/discovery/audience/index.js';

/**
 * The demo social graph: a generated Twitter v2 dataset (accounts writing about cars, EVs, fitness, food, ...
 * with realistic follow and engagement structure, plus a bot ring and a follower farm), imported through the
 * real importer, then scored (influence, then topics) so the console has ranked, explained people on first run.
 * `npm start` and the tests that say "against the demo dataset" load the same thing.
 */
export const DEMO_GRAPH = { accounts: 2_000, posts: 20_000, seed: 2026 } as const;

export interface DemoGraphResult {
  loaded: boolean;
  accounts: number;
  posts: number;
  seconds: number;
}

/**
 * Loads the demo graph unless a previous start did (its import runs are recorded): a restart adds nothing.
 * `dir` receives the generated files (kept under .data/ by `npm start`).
 */
export async function loadDemoSocialGraph(url: string, dir: string, say: (line: string) => void = () => undefined): Promise<DemoGraphResult> {
  const started = performance.now();
  const postsFile = resolve(join(dir, `demo-twitter-v2-s${DEMO_GRAPH.seed}.jsonl`));
  const pool = createPool({ connectionString: url, max: 2, application_name: 'renown-demo' });
  const ds = new DataSource(dataSourceOptions(url));
  try {
    const [done] = (await pool.query(`SELECT count(*)::int AS n FROM import_runs WHERE file LIKE $1 AND status = 'succeeded'`, [`${postsFile}%`])).rows;
    const [scored] = (await pool.query(`SELECT count(*)::int AS n FROM scoring_runs WHERE status = 'succeeded'`)).rows;
    if (done.n >= 3 && scored.n > 0) return { loaded: false, accounts: 0, posts: 0, seconds: 0 };

    say('loading the demo dataset (first run only, about a minute): generating a social graph...');
    await mkdir(dir, { recursive: true });
    const summary = await writeGeneratedDataset({
      ...DEMO_GRAPH,
      format: 'twitter-v2',
      out: postsFile,
      until: startOfTodayUtc(),
      truth: true,
    });
    const importer = new GraphImporter(pool, null);
    const files: [string, { platform?: string }][] = [
      [summary.files.users!, {}],
      [summary.files.posts, {}],
      [summary.files.follows!, { platform: 'twitter' }],
    ];
    for (const [file, parser] of files) {
      const plan = await importer.plan(file);
      for (const planned of plan.files) {
        say(`importing ${planned.format} ${planned.file.slice(planned.file.lastIndexOf('/') + 1)}`);
        await importer.ingestPlanned(planned, { parser });
      }
    }
    say('scoring influence, topics and audience quality...');
    await ds.initialize();
    await new ScoringRunService(ds).run({ trigger: 'manual' });
    await new TopicScoringService(new TopicsRepository(ds)).computeTopicScores();
    await new AudienceQualityService(ds).run();
    return { loaded: true, accounts: summary.accounts, posts: summary.posts, seconds: (performance.now() - started) / 1000 };
  } finally {
    if (ds.isInitialized) await ds.destroy();
    await pool.end();
  }
}
