import cliProgress from 'cli-progress';
import { Command, InvalidArgumentError, Option } from 'commander';
import { createPool, loadConfig, QueueService, resolveDatabase, runMigrations } from '@renown/core';
import { GraphImporter, type NetworkName } from '@renown/ingestion';
import { connectorFor, credentialFor, CrawlRunner, CrawlsService, CrawlStore, originOf, YOUTUBE_NO_CREDENTIAL, type CrawlProgress } from '@renown/sources';

const list = (value: string, previous: string[] = []) => [...previous, ...value.split(',').map((s) => s.trim()).filter(Boolean)];
const positive = (name: string, integer: boolean) => (value: string) => {
  const n = Number(value);
  if (!(n > 0) || (integer && !Number.isInteger(n))) throw new InvalidArgumentError(`${name} must be a positive ${integer ? 'whole ' : ''}number, got "${value}"`);
  return n;
};

const pct = (x: number) => `${Math.round(x * 100)}%`;
const eta = (s: number | null) => (s === null ? '?' : s > 3600 ? `${(s / 3600).toFixed(1)} h` : s > 60 ? `${Math.round(s / 60)} min` : `${s} s`);

function describe(p: CrawlProgress) {
  const c = p.counts;
  return `found ${c.found}, fetched ${c.fetched}, kept ${c.kept}, dropped ${c.dropped}, not found ${c.notFound}, suspended ${c.suspended}, opted out ${c.optedOut}, failed ${c.failed}, pages quarantined ${c.quarantined}; ${p.requests} requests in ${(p.elapsedMs / 1000).toFixed(0)} s (${p.rate.toFixed(2)}/s, limit ${p.limit.requests} per ${p.limit.windowSeconds} s)`;
}

const DESCRIPTIONS: Record<string, string> = {
  bluesky: 'crawl Bluesky for a vertical: search accounts for the words, then grow through the engagers, followers and follows of those about the vertical',
  mastodon: 'crawl Mastodon for a vertical: account search and the hashtag timelines of the words, then grow through engagers, followers and follows',
  youtube: 'crawl YouTube for a vertical: channel search for the words, then grow through the commenters of the channels about the vertical (needs YOUTUBE_API_KEY)',
};

const SETTINGS: Record<string, string> = {
  bluesky: 'BLUESKY_APPVIEW_URL, BLUESKY_HANDLE + BLUESKY_APP_PASSWORD (post search)',
  mastodon: 'MASTODON_INSTANCE_URL, MASTODON_ACCESS_TOKEN (account search past its first page), MASTODON_HOME_INSTANCES (on: read other instances\' accounts from their home instance)',
  youtube: 'YOUTUBE_API_KEY (required), YOUTUBE_API_URL, YOUTUBE_DAILY_QUOTA (10,000 units), YOUTUBE_SEARCH_QUOTA (100 search.list calls)',
};

const LIMITS: Record<string, string> = {
  bluesky: "Requests keep under the network's published limit (3,000 per 5 minutes) and the limit its answers announce.",
  mastodon: "Requests keep under the network's published limit (300 per 5 minutes) and the limit its answers announce.",
  youtube: "Every call is counted against the key's daily quota (network_quota_ledger); when it is spent the crawl waits (exit 1) and goes on with --resume after midnight Pacific time.",
};

function crawlCommand(network: NetworkName) {
  const originFlag = network === 'bluesky' ? '--appview <url>' : network === 'mastodon' ? '--instance <url>' : null;
  const originHelp = network === 'bluesky' ? 'the Bluesky AppView to read (default: BLUESKY_APPVIEW_URL or https://public.api.bsky.app)' : 'the Mastodon instance to read through (default: MASTODON_INSTANCE_URL or https://mastodon.social)';
  // YouTube's budget is in channels (what --max-accounts counts elsewhere).
  const budgetFlag = network === 'youtube' ? '--max-channels' : '--max-accounts';
  const command = new Command(network)
    .description(DESCRIPTIONS[network])
    .option('--terms <words>', 'the vertical\'s words, comma separated or repeated: "cars,electric vehicles,#EV"', list)
    .option(`${budgetFlag} <n>`, `budget: stop after fetching this many ${network === 'youtube' ? 'channels' : 'accounts'}`, positive(budgetFlag, true))
    .option('--max-hours <h>', 'budget: stop after this many hours', positive('--max-hours', false));
  if (originFlag) command.option(originFlag, originHelp);
  return command
    .option('--concurrency <n>', 'accounts fetched at once (the rate limit paces requests whatever this is)', positive('--concurrency', true), 4)
    .option('--resume <crawl-id>', 'go on with an earlier crawl (after Ctrl-C or a crash) from its stored frontier')
    .addOption(new Option('--no-progress', 'print one line per 10 s instead of a progress bar'))
    .addHelpText(
      'after',
      `
Settings (environment): ${SETTINGS[network]},
CRAWLER_CONTACT_URL (named in the User-Agent), DATABASE_URL (else the embedded PostgreSQL under .data/).
${LIMITS[network]}
Accounts that opted out of being read by other services are skipped and removed. Scores follow in the worker (npm start).`,
    )
    .action(async (opts: { terms?: string[]; maxAccounts?: number; maxChannels?: number; maxHours?: number; appview?: string; instance?: string; concurrency: number; resume?: string; progress: boolean }) => {
      const config = loadConfig();
      if (network === 'youtube') opts.maxAccounts = opts.maxChannels;
      // The command line is the operator's: it spends the configured key, never a brand's.
      if (network === 'youtube' && !config.YOUTUBE_API_KEY) throw new Error(YOUTUBE_NO_CREDENTIAL);
      if (!opts.resume) CrawlsService.validate({ network, terms: opts.terms ?? [], maxAccounts: opts.maxAccounts ?? null, maxHours: opts.maxHours ?? null });
      const db = await resolveDatabase(config, () => undefined);
      await runMigrations(db.url);
      const pool = createPool({ connectionString: db.url, max: 4 + opts.concurrency });
      const queue = new QueueService(db.url, 'producer');
      await queue.onModuleInit();
      const store = new CrawlStore(pool);
      const controller = new AbortController();
      const onSignal = () => {
        console.log('\nstopping: giving back the accounts being fetched…');
        controller.abort();
      };
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      let bar: cliProgress.SingleBar | null = null;
      try {
        let crawl;
        if (opts.resume) {
          crawl = await store.get(opts.resume);
          if (!crawl || crawl.network !== network) throw new InvalidArgumentError(`there is no ${network} crawl ${opts.resume}`);
          if (['done', 'cancelled'].includes(crawl.status)) throw new InvalidArgumentError(`crawl ${crawl.id} is ${crawl.status}; start a new one`);
          await store.transition(crawl.id, ['paused', 'waiting', 'failed'], 'queued');
        } else {
          const v = CrawlsService.validate({ network, terms: opts.terms ?? [], maxAccounts: opts.maxAccounts ?? null, maxHours: opts.maxHours ?? null });
          crawl = await store.create({ brandId: null, ...v, origin: originOf(config, network, opts.appview ?? opts.instance) });
        }
        console.log(`crawl ${crawl.id}: ${network} at ${crawl.origin}, words ${crawl.terms.map((t) => `"${t}"`).join(', ')} (topics ${crawl.topicSlugs.join(', ')}), budget ${[crawl.maxAccounts && `${crawl.maxAccounts} accounts`, crawl.maxHours && `${crawl.maxHours} h`].filter(Boolean).join(' or ')}`);
        const credential = network === 'youtube' ? await credentialFor(pool, config, null, 'youtube') : null;
        const connector = connectorFor(config, network, crawl.origin, { credential, pool });
        const useBar = opts.progress && process.stdout.isTTY;
        bar = useBar
          ? new cliProgress.SingleBar({ format: '{bar} {value}/{total} fetched | found {found} kept {kept} | {requests} req {rate}/s | limit used {used} | ETA {eta}', hideCursor: true }, cliProgress.Presets.shades_classic)
          : null;
        bar?.start(crawl.maxAccounts ?? 1, 0, { found: 0, kept: 0, requests: 0, rate: '0', used: '0%', eta: '?' });
        let lastLine = 0;
        const runner = new CrawlRunner(pool, new GraphImporter(pool, queue), connector, {
          concurrency: opts.concurrency,
          signal: controller.signal,
          onProgress: (p) => {
            if (bar) {
              if (!crawl!.maxAccounts) bar.setTotal(Math.max(p.counts.found, 1));
              bar.update(p.counts.fetched, { found: p.counts.found, kept: p.counts.kept, requests: p.requests, rate: p.rate.toFixed(1), used: pct(p.limit.usedShare), eta: eta(p.etaSeconds) });
            } else if (Date.now() - lastLine > 10_000) {
              lastLine = Date.now();
              console.log(describe(p));
            }
          },
        });
        const done = await runner.run(crawl.id);
        bar?.stop();
        bar = null;
        await connector.close?.();
        if (controller.signal.aborted && done.status === 'running') await store.transition(crawl.id, ['running'], 'paused', 'stopped from the command line');
        const final = (await store.get(crawl.id))!;
        console.log(`crawl ${crawl.id} ${final.status}${final.statusReason ? ` (${final.statusReason})` : ''}: ${describe(done)}`);
        if (final.status === 'paused' || final.status === 'waiting') console.log(`go on with: npm run renown -- crawl ${network} --resume ${crawl.id}`);
        if (done.counts.kept) console.log('imported accounts are queued for scoring (the worker of npm start computes scores and topics)');
        if (final.status === 'waiting') process.exitCode = 1;
      } finally {
        bar?.stop();
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        await queue.onApplicationShutdown().catch(() => undefined);
        await pool.end();
        await db.embedded?.stop();
      }
    });
}

export const crawlCommand_ = new Command('crawl')
  .description('find a vertical\'s real people on a network (Bluesky, Mastodon, YouTube) and import them')
  .addCommand(crawlCommand('bluesky'))
  .addCommand(crawlCommand('mastodon'))
  .addCommand(crawlCommand('youtube'));

export { crawlCommand_ as crawlCommand };
