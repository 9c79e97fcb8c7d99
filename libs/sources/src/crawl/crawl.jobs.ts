import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, JobHandler, logger, QueueService } from '@renown/core';
import { GraphImporter } from '@renown/ingestion';
import { connectorFor } from '../sources.settings.js';
import { credentialFor } from '../credentials/network-credentials.js';
import { CrawlRunner } from './crawl-runner.js';
import { CRAWL_QUEUE, CrawlsService } from './crawls.service.js';

/** How long one job works on a crawl before handing over to the next job (so a long crawl never hogs a worker slot). */
const SLICE_MS = 10 * 60_000;
/** How long a crawl waits before trying a network that did not answer. */
const WAIT_WHEN_DOWN_SECONDS = 60;

/**
 * Runs crawls in the worker. A job is one slice of a crawl; the slice re-queues the crawl while it is running, so
 * a crawl survives restarts. At boot the worker queues every crawl left running or waiting by a worker that died
 * (kill -9): its claims go stale and are taken over, and nothing already settled is fetched again.
 */
@Injectable()
export class CrawlJobs implements OnApplicationBootstrap {
  constructor(
    private readonly crawls: CrawlsService,
    private readonly queue: QueueService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap() {
    if (this.queue.role !== 'worker') return;
    const { rows } = await this.crawls.pool.query(`SELECT id::text FROM crawls WHERE status IN ('running', 'waiting', 'queued')`);
    for (const r of rows) await this.queue.send(CRAWL_QUEUE, { crawlId: r.id });
    if (rows.length) logger.info({ crawls: rows.map((r) => r.id) }, 'resuming crawls left unfinished');
  }

  @JobHandler(CRAWL_QUEUE, { batchSize: 1 })
  async runCrawl(data: { crawlId: string }) {
    const crawl = await this.crawls.store.get(String(data?.crawlId ?? ''));
    if (!crawl || !['queued', 'running', 'waiting'].includes(crawl.status)) return;
    // YouTube spends the brand's own API key when it saved one, else the configured one.
    const credential = crawl.network === 'youtube' ? await credentialFor(this.crawls.pool, this.config, crawl.brandId, 'youtube') : null;
    let connector;
    try {
      connector = connectorFor(this.config, crawl.network, crawl.origin, { credential, pool: this.crawls.pool });
    } catch (err) {
      // No key anywhere any more (the brand removed theirs): the crawl cannot go on until one is saved.
      await this.crawls.store.transition(crawl.id, ['queued', 'running', 'waiting'], 'failed', String((err as Error)?.message ?? err));
      return;
    }
    const importer = new GraphImporter(this.crawls.pool, this.queue);
    const slice = new AbortController();
    const timer = setTimeout(() => slice.abort(), SLICE_MS);
    try {
      const progress = await new CrawlRunner(this.crawls.pool, importer, connector, { signal: slice.signal }).run(crawl.id);
      const after = await this.crawls.store.status(crawl.id);
      if (after === 'running') await this.queue.send(CRAWL_QUEUE, { crawlId: crawl.id });
      // Spent quota waits for its reset (YouTube: midnight Pacific); a network that did not answer, a minute.
      if (after === 'waiting') await this.queue.send(CRAWL_QUEUE, { crawlId: crawl.id }, { startAfter: progress.resumeAt ? new Date(progress.resumeAt.getTime() + 60_000) : WAIT_WHEN_DOWN_SECONDS });
      logger.info({ crawlId: crawl.id, status: after, counts: progress.counts, requests: progress.requests }, 'crawl slice finished');
    } finally {
      clearTimeout(timer);
      await connector.close?.();
    }
  }
}
