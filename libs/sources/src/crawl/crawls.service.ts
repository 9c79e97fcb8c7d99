import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type pg from 'pg';
import { APP_CONFIG, type AppConfig, BadInputError, createPool, DATABASE_URL, NotFoundError, QueueService } from '@renown/core';
import type { NetworkName } from '@renown/ingestion';
import { CRAWL_NETWORKS, originOf } from '../sources.settings.js';
import { credentialFor } from '../credentials/network-credentials.js';
import { YOUTUBE_NO_CREDENTIAL } from '../networks/create-connector.js';
import { CrawlStore, type CrawlCounts, type CrawlRow, type CrawlStatus } from './crawl.store.js';
import { VerticalRelevance } from './vertical-relevance.js';

export const CRAWL_QUEUE = 'sources.crawl';

export interface StartCrawlInput {
  network: string;
  terms: string[];
  /** A Bluesky AppView or Mastodon instance other than the configured one. */
  origin?: string | null;
  maxAccounts?: number | null;
  maxHours?: number | null;
}

export interface CrawlView extends CrawlRow {
  counts: CrawlCounts;
}

/**
 * Crawls as a brand (or the operator, brandId null) sees them: start, pause, resume, cancel, and read progress.
 * The crawl itself runs in the worker (CRAWL_QUEUE); this service only writes its row and sends the job.
 */
@Injectable()
export class CrawlsService implements OnModuleDestroy {
  readonly pool: pg.Pool;
  readonly store: CrawlStore;

  constructor(
    @Inject(DATABASE_URL) url: string,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly queue: QueueService,
  ) {
    this.pool = createPool({ connectionString: url, max: 8, application_name: 'renown-sources' });
    this.store = new CrawlStore(this.pool);
  }

  async onModuleDestroy() {
    await this.pool.end();
  }

  /** Checks and normalizes a crawl request; every problem is named for the person who typed it. */
  static validate(input: StartCrawlInput): { network: NetworkName; terms: string[]; topicSlugs: string[]; maxAccounts: number | null; maxHours: number | null } {
    const network = input.network?.toLowerCase() as NetworkName;
    if (network === 'instagram') {
      throw new BadInputError('Instagram cannot be crawled: it has no account search. Instagram accounts come in by look-up or a username list (Sources screen, or GraphQL lookupMany).', { field: 'network' });
    }
    if (!CRAWL_NETWORKS.includes(network)) throw new BadInputError(`Crawls read ${CRAWL_NETWORKS.join(', ')}; "${input.network}" is not one of them.`, { field: 'network' });
    const terms = [...new Set((input.terms ?? []).flatMap((t) => t.split(',')).map((t) => t.trim()).filter(Boolean))];
    if (!terms.length) throw new BadInputError('Give the vertical\'s words to search for, e.g. "cars, electric vehicles, #EV".', { field: 'terms' });
    if (terms.length > 20 || terms.some((t) => t.length > 100)) throw new BadInputError('At most 20 search words of up to 100 characters each.', { field: 'terms' });
    const maxAccounts = input.maxAccounts ?? null;
    const maxHours = input.maxHours ?? null;
    if (maxAccounts === null && maxHours === null) throw new BadInputError('Give a budget: a number of accounts, or hours.', { field: 'maxAccounts' });
    if (maxAccounts !== null && (!Number.isInteger(maxAccounts) || maxAccounts < 1 || maxAccounts > 1_000_000)) throw new BadInputError('The account budget is a whole number from 1 to 1,000,000.', { field: 'maxAccounts' });
    if (maxHours !== null && (!(maxHours > 0) || maxHours > 24 * 30)) throw new BadInputError('The time budget is more than 0 and at most 720 hours.', { field: 'maxHours' });
    const { slugs, unresolved } = VerticalRelevance.resolve(terms);
    if (!slugs.length) throw new BadInputError(`None of "${terms.join('", "')}" names a topic Renown knows, so it could not tell who belongs to the vertical. Try words like "cars" or "electric vehicles".`, { field: 'terms', unresolved });
    return { network, terms, topicSlugs: slugs, maxAccounts, maxHours };
  }

  async start(brandId: string | null, input: StartCrawlInput): Promise<CrawlView> {
    const v = CrawlsService.validate(input);
    let origin: string;
    try {
      origin = originOf(this.config, v.network, input.origin);
    } catch {
      throw new BadInputError(`"${input.origin}" is not a web address of a ${v.network === 'bluesky' ? 'Bluesky AppView' : 'Mastodon instance'}.`, { field: 'origin' });
    }
    // YouTube is read with an API key (the brand's own, else the configured one): without one nothing is queued.
    if (v.network === 'youtube' && !(await credentialFor(this.pool, this.config, brandId, 'youtube'))) throw new BadInputError(YOUTUBE_NO_CREDENTIAL, { field: 'network' });
    const crawl = await this.store.create({ brandId, ...v, origin });
    await this.queue.send(CRAWL_QUEUE, { crawlId: crawl.id });
    return this.view(crawl);
  }

  async list(brandId: string | null): Promise<CrawlView[]> {
    return Promise.all((await this.store.list(brandId)).map((c) => this.view(c)));
  }

  async getOrFail(brandId: string | null, id: string): Promise<CrawlView> {
    const crawl = await this.store.get(id);
    if (!crawl || crawl.brandId !== brandId) throw new NotFoundError('Crawl', id);
    return this.view(crawl);
  }

  private async view(crawl: CrawlRow): Promise<CrawlView> {
    return { ...crawl, counts: await this.store.counts(crawl.id) };
  }

  private async move(brandId: string | null, id: string, from: CrawlStatus[], to: CrawlStatus, verb: string) {
    const crawl = await this.getOrFail(brandId, id);
    const moved = await this.store.transition(id, from, to, to === 'paused' ? 'paused by a user' : to === 'cancelled' ? 'cancelled by a user' : null);
    if (!moved) throw new BadInputError(`This crawl is ${crawl.status}; it cannot be ${verb}.`, { status: crawl.status });
    if (to === 'queued') await this.queue.send(CRAWL_QUEUE, { crawlId: id });
    return this.view(moved);
  }

  pause(brandId: string | null, id: string) {
    return this.move(brandId, id, ['queued', 'running', 'waiting'], 'paused', 'paused');
  }

  resume(brandId: string | null, id: string) {
    return this.move(brandId, id, ['paused', 'waiting', 'failed'], 'queued', 'resumed');
  }

  cancel(brandId: string | null, id: string) {
    return this.move(brandId, id, ['queued', 'running', 'paused', 'waiting', 'failed'], 'cancelled', 'cancelled');
  }

  quarantined(id: string) {
    return this.store.quarantined(id);
  }
}
