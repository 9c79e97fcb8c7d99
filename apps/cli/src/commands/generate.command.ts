import { Command, InvalidArgumentError, Option } from 'commander';
import { GENERATOR_FORMATS, writeGeneratedDataset, type GeneratorFormat } from '@renown/ingestion/generator/index.js';

const positiveInt = (name: string) => (value: string) => {
  const n = Number(value.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`${name} must be a whole number, got "${value}"`);
  return n;
};

export const generateCommand = new Command('generate')
  .description('write a realistic synthetic dataset in a real platform format (for benchmarks, demos and tests)')
  .requiredOption('--accounts <n>', 'number of accounts (at least 2)', positiveInt('--accounts'))
  .requiredOption('--posts <n>', 'number of posts', positiveInt('--posts'))
  .addOption(new Option('--format <format>', 'output format').choices([...GENERATOR_FORMATS]).default('twitter-v2'))
  .option('--out <file>', 'output file (".gz" compresses); companions are written next to it', '')
  .option('--seed <n>', 'random seed: the same seed and --until give the same bytes', positiveInt('--seed'), 1)
  .option('--until <date>', 'end of the generated period (ISO date; default: today 00:00 UTC)')
  .option('--days <n>', 'days the posts spread over', positiveInt('--days'), 90)
  .option('--no-users', 'do not write <out>.users.jsonl (every account as Twitter v2 user-lookup pages)')
  .option('--no-follows', 'do not write follow edges (<out>.follows.tsv, or follow events in a Jetstream file)')
  .option('--no-truth', 'do not write <out>.truth.json (bot rings, follower farms, each account\'s vertical)')
  .addHelpText(
    'after',
    `
Files written (twitter-v2):
  <out>               Twitter API v2 search pages, one JSON page per line (data, includes.users, includes.tweets)
  <out>.users.jsonl   every account as v2 user-lookup pages (farms included: they post nothing)
  <out>.follows.tsv   follow edges: actor<TAB>target<TAB>unix-seconds<TAB>follow, Twitter user ids, with a header
  <out>.truth.json    ground truth: roles (ordinary, bot-ring, follower-farm, score-announcer), verticals, rings, farms
bluesky-jetstream writes one Jetstream event per line (identity, profile, follow, post, repost, like) and the truth file.

Example:
  npm run renown -- generate --accounts 100000 --posts 1000000 --format twitter-v2 --out /tmp/tw.jsonl.gz --seed 7`,
  )
  .action(async (opts: { accounts: number; posts: number; format: GeneratorFormat; out: string; seed: number; until?: string; days: number; users: boolean; follows: boolean; truth: boolean }) => {
    const until = opts.until ? new Date(opts.until) : undefined;
    if (until && Number.isNaN(until.getTime())) throw new InvalidArgumentError(`--until must be an ISO date, got "${opts.until}"`);
    if (opts.accounts < 2) throw new InvalidArgumentError('--accounts must be at least 2');
    const out = opts.out || `generated-${opts.format}-s${opts.seed}-${opts.accounts}a-${opts.posts}p.jsonl`;
    const started = performance.now();
    const summary = await writeGeneratedDataset({ ...opts, out, until });
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `generated ${summary.accounts} accounts, ${summary.posts} posts, ${summary.follows} follow edges, ${summary.botRings} bot rings, ` +
        `${summary.followerFarmAccounts} follower-farm accounts in ${seconds.toFixed(1)} s (seed ${summary.seed}, until ${summary.until})`,
    );
    for (const [kind, file] of Object.entries(summary.files)) console.log(`  ${kind.padEnd(7)} ${file}`);
  });
