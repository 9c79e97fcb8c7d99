import { Command } from 'commander';
import { createPool } from '@renown/core';
import { GraphImporter, type NetworkPage, type RawRecord } from '@renown/ingestion';
import { generateCrossNetworkPopulation, type CrossNetworkPerson } from '@renown/ingestion/generator/index.js';
import { evaluateNetworks, InfluenceScoreStore, InfluenceScoringRun, type NetworkEvaluation, spearman } from '@renown/scoring';
import { withThrowawayDatabase } from './throwaway-database.js';

const fixed = (x: number, d = 1) => (Number.isNaN(x) ? 'n/a' : x.toFixed(d));

const asRecords = (pages: NetworkPage[]): AsyncIterable<RawRecord> =>
  (async function* () {
    let line = 0;
    for (const page of pages) yield { raw: JSON.stringify(page), position: { line: ++line, byteOffset: 0 } };
  })();

function print(title: string, e: NetworkEvaluation) {
  console.log(`${title}: model ${e.modelVersion}, scores of ${e.day ?? 'no scoring run yet'}`);
  console.log(`${'network'.padEnd(10)} ${'accounts'.padStart(8)} ${'p10'.padStart(6)} ${'p50'.padStart(6)} ${'p90'.padStart(6)}`);
  for (const n of e.networks) console.log(`${n.network.padEnd(10)} ${String(n.accounts).padStart(8)} ${fixed(n.p10).padStart(6)} ${fixed(n.p50).padStart(6)} ${fixed(n.p90).padStart(6)}`);
  console.log('people with accounts on two networks: Spearman between their two accounts\' scores');
  for (const a of e.agreement) console.log(`  ${a.pair.padEnd(20)} ${String(a.people).padStart(5)} people  rho ${fixed(a.spearman, 3)}`);
  if (!e.networks.length) return;
  console.log('for comparison, every account placed among all accounts at once (influence-v2\'s pooled calibration):');
  console.log(`  p50 per network: ${e.pooled.networks.map((n) => `${n.network} ${fixed(n.p50)}`).join(', ')}; p90: ${e.pooled.networks.map((n) => `${n.network} ${fixed(n.p90)}`).join(', ')}`);
  const all = e.pooled.agreement.find((a) => a.pair === 'all');
  if (all) console.log(`  two-network people: rho ${fixed(all.spearman, 3)} over ${all.people}`);
}

/**
 * `npm run eval:networks`: does one score scale hold across networks? For the fixture population (generated in a
 * throw-away PostgreSQL: people on Bluesky, Mastodon, YouTube and Instagram, a third of them on two, imported
 * through the real importer and scored by the real run) and for any database given with --database-url: per
 * network the score distribution (p10/p50/p90), and for people with two accounts the rank correlation between
 * the two accounts' scores. The fixture also says how each network's scores follow the people's hidden influence.
 */
export const evalNetworksCommand = new Command('eval-networks')
  .description('per-network score distributions and cross-network rank agreement (fixture population, or --database-url)')
  .option('--database-url <url>', 'also evaluate the latest scores of this database (read only)')
  .option('--people <n>', 'people in the fixture population', '800')
  .option('--seed <n>', 'seed of the fixture population', '2026')
  .option('--no-fixture', 'skip the fixture population (with --database-url)')
  .action(async (opts: { databaseUrl?: string; people: string; seed: string; fixture: boolean }) => {
    if (opts.fixture) {
      await withThrowawayDatabase('eval-networks', async (url) => {
        const pool = createPool({ connectionString: url, max: 4, application_name: 'renown-eval-networks' });
        try {
          const asOf = new Date();
          const population = generateCrossNetworkPopulation({ people: Number(opts.people), seed: Number(opts.seed), asOf });
          const result = await new GraphImporter(pool, null).ingest(asRecords(population.pages), { format: 'network-pages', source: 'eval:networks', file: 'fixture population' });
          const quarantined = result.counts?.quarantined ?? 0;
          console.log(`fixture population: ${population.people.length} people, ${population.pages.length} pages imported${quarantined ? `, ${quarantined} set aside` : ''}`);
          await new InfluenceScoringRun(new InfluenceScoreStore(pool)).execute({ trigger: 'manual', asOf, threads: 1 });
          print('fixture population', await evaluateNetworks(pool));
          await printTruth(pool, population.people);
        } finally {
          await pool.end();
        }
      });
    }
    if (opts.databaseUrl) {
      const pool = createPool({ connectionString: opts.databaseUrl, max: 2, application_name: 'renown-eval-networks' });
      try {
        print(`database ${new URL(opts.databaseUrl).pathname.slice(1) || opts.databaseUrl}`, await evaluateNetworks(pool));
      } finally {
        await pool.end();
      }
    }
  });

/** Fixture only: per network, Spearman between account scores and the people's hidden influence. */
async function printTruth(pool: ReturnType<typeof createPool>, people: CrossNetworkPerson[]) {
  const { rows } = await pool.query<{ platform: string; external_id: string; score: number }>(
    `SELECT a.platform, a.external_id, s.score FROM account_score_snapshots s JOIN social_accounts a ON a.id = s.account_id WHERE NOT a.is_stub`,
  );
  const score = new Map(rows.map((r) => [`${r.platform}:${r.external_id}`, Number(r.score)]));
  const byNetwork = new Map<string, { z: number[]; s: number[] }>();
  for (const p of people) {
    for (const a of p.accounts) {
      const s = score.get(`${a.network}:${a.externalId}`);
      if (s === undefined) continue;
      const t = byNetwork.get(a.network) ?? byNetwork.set(a.network, { z: [], s: [] }).get(a.network)!;
      t.z.push(p.z);
      t.s.push(s);
    }
  }
  // The ceiling: how well the two accounts' own standings (what their counts follow) agree, before any scoring.
  const two = people.filter((p) => p.accounts.length === 2);
  console.log(`fixture only: the generator's ceiling for two accounts of one person (their standings' Spearman): ${fixed(spearman(two.map((p) => p.accounts[0].standing), two.map((p) => p.accounts[1].standing)), 3)} over ${two.length} people`);
  console.log("fixture only: Spearman between each network's scores and the people's hidden influence");
  for (const [network, t] of [...byNetwork].sort(([a], [b]) => a.localeCompare(b))) console.log(`  ${network.padEnd(20)} ${String(t.z.length).padStart(5)} accounts rho ${fixed(spearman(t.z, t.s), 3)}`);
}
