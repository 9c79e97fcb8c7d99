import { Inject, Injectable } from '@nestjs/common';
import type pg from 'pg';
import { APP_CONFIG, type AppConfig, JobHandler, logger, QueueService } from '@renown/core';
import { GraphImporter, type NetworkName } from '@renown/ingestion';
import { INFLUENCE_MODEL_VERSION } from '@renown/scoring';
import { NetworkUnavailableError, RateLimitedError } from '../http/polite-http-client.js';
import { pagesToRecords } from '../networks/pages-to-records.js';
import { PUBLISHED_LIMITS } from '../networks/create-connector.js';
import { connectorFor, CRAWL_NETWORKS, rateLimitOf } from '../sources.settings.js';
import { credentialFor } from '../credentials/network-credentials.js';
import { CredentialRefusedError } from '../credentials/credential-refused.error.js';
import { QuotaExhaustedError } from '../quota/quota-ledger.js';
import { CrawlsService } from './crawls.service.js';
import { recordOptOut } from './opt-outs.js';

export const REFRESH_QUEUE = 'sources.refresh';
/** A refresh reads the profile, a week of posts and the engagers of the two most engaged: about 6 requests. */
const REQUESTS_PER_REFRESH = 6;
/** The refresh may use this share of a network's daily request allowance; crawls and look-ups keep the rest. */
const REFRESH_SHARE = 0.25;

/**
 * The accounts a refresh keeps current, oldest fetch first: on a shortlist, invited to a campaign that has not ended
 * (pending or claimed; a declined or revoked invitation, or a contact erased on request, no longer counts), or scoring
 * at least minScore.
 */
export async function accountsToRefresh(pool: pg.Pool, network: NetworkName, minScore: number, limit: number): Promise<{ id: string; externalId: string; handle: string | null }[]> {
  const { rows } = await pool.query(
    `WITH wanted AS (
       SELECT account_id AS id FROM shortlist_entries
       UNION SELECT c.social_account_id FROM invitations i JOIN influencer_contacts c ON c.id = i.contact_id JOIN campaigns k ON k.id = i.campaign_id
         WHERE c.social_account_id IS NOT NULL AND c.erased_at IS NULL AND i.status IN ('pending', 'claimed') AND k.status <> 'ended'
       UNION SELECT DISTINCT ON (account_id) account_id FROM account_score_snapshots
         WHERE model_version = $3 AND day >= current_date - 7 AND score >= $2)
     SELECT a.id::text, a.external_id AS "externalId", a.handle FROM social_accounts a JOIN wanted w ON w.id = a.id
     WHERE a.platform = $1 AND NOT a.is_stub AND (a.last_fetched_at IS NULL OR a.last_fetched_at < now() - interval '20 hours')
       AND NOT EXISTS (SELECT 1 FROM network_opt_outs o WHERE o.platform = a.platform AND o.external_id = a.external_id)
     ORDER BY a.last_fetched_at NULLS FIRST, a.id LIMIT $4`,
    [network, minScore, INFLUENCE_MODEL_VERSION, limit],
  );
  return rows;
}

/**
 * The daily refresh: new counts (into the metrics history), new posts and engagement for the accounts brands
 * care about, within each network's limits (the polite client paces every request; a daily cap keeps the refresh
 * to a share of the allowance). Handle changes keep one account: Bluesky is read by DID, Mastodon by user@host.
 */
@Injectable()
export class RefreshJobs {
  constructor(
    private readonly crawls: CrawlsService,
    private readonly queue: QueueService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @JobHandler(REFRESH_QUEUE, { cron: '30 1 * * *', batchSize: 1 })
  async refresh(data: { network?: NetworkName; limit?: number } = {}) {
    const networks = data?.network ? [data.network] : CRAWL_NETWORKS;
    for (const network of networks) {
      // YouTube is refreshed with the configured key only (a brand's own key is spent on its own crawls and look-ups).
      if (network === 'youtube' && !(await credentialFor(this.crawls.pool, this.config, null, 'youtube'))) continue;
      // The limit this instance runs at (a lower one set for a small Mastodon server counts), else the published one.
      const limit = rateLimitOf(network === 'bluesky' ? this.config.BLUESKY_RATE_LIMIT : this.config.MASTODON_RATE_LIMIT) ?? PUBLISHED_LIMITS[network];
      // YouTube's allowance is the day's quota units (a refresh spends about 6), not a request rate.
      const allowance = network === 'youtube' ? this.config.YOUTUBE_DAILY_QUOTA : (limit.requests * 86_400) / limit.windowSeconds;
      const daily = Math.max(1, Math.floor((allowance * REFRESH_SHARE) / REQUESTS_PER_REFRESH));
      const accounts = await accountsToRefresh(this.crawls.pool, network, this.config.REFRESH_MIN_SCORE, data?.limit ?? daily);
      await this.refreshAccounts(network, accounts);
    }
  }

  async refreshAccounts(network: NetworkName, accounts: { id: string; externalId: string; handle: string | null }[]) {
    if (!accounts.length) return { refreshed: 0, gone: 0 };
    const credential = network === 'youtube' || network === 'instagram' ? await credentialFor(this.crawls.pool, this.config, null, network) : null;
    const connector = connectorFor(this.config, network, null, { credential, pool: this.crawls.pool });
    const importer = new GraphImporter(this.crawls.pool, this.queue);
    let refreshed = 0;
    let gone = 0;
    try {
      for (const a of accounts) {
        try {
          const fetched = await connector.fetchAccount(a.externalId, { postsSinceDays: 7, maxPosts: 40, maxEngagedPosts: 2, maxFollowers: 0 });
          if (fetched.status !== 'fetched') {
            if (fetched.status === 'opted-out') await recordOptOut(this.crawls.pool, network, a.externalId, a.handle, fetched.message);
            else await this.crawls.pool.query(`UPDATE social_accounts SET last_fetched_at = now() WHERE id = $1`, [a.id]);
            gone++;
            continue;
          }
          await importer.ingest(
            pagesToRecords(fetched.pages),
            { format: 'network-pages', source: `refresh:${network}`, file: `refresh @${fetched.handle}` },
          );
          await this.crawls.pool.query(`UPDATE social_accounts SET last_fetched_at = now() WHERE id = $1`, [a.id]);
          refreshed++;
        } catch (err) {
          if (err instanceof NetworkUnavailableError || err instanceof RateLimitedError || err instanceof QuotaExhaustedError || err instanceof CredentialRefusedError) {
            // Going on would only hammer a network that is down or has told us to slow down.
            logger.warn({ network, err: err.message }, 'refresh stopped: the network did not answer or kept refusing; the rest waits for the next run');
            break;
          }
          logger.warn({ err, network, account: a.id }, 'refresh of one account failed');
        }
      }
    } finally {
      await connector.close?.();
    }
    logger.info({ network, refreshed, gone, asked: accounts.length }, 'refresh done');
    return { refreshed, gone };
  }
}
