import type pg from 'pg';
import type { AppConfig } from '@renown/core';
import type { NetworkName } from '@renown/ingestion';
import { createConnector } from './networks/create-connector.js';
import type { NetworkConnector } from './networks/network-connector.js';
import type { NetworkCredential } from './credentials/network-credentials.js';

export const NETWORKS: readonly NetworkName[] = ['bluesky', 'mastodon'];

/**
 * The networks a crawl can read: the open ones, and YouTube with an API key (its search finds channels). Kept apart
 * from NETWORKS, which the developer API's batch look-up reads as "fetched without a credential".
 */
export const CRAWL_NETWORKS: readonly NetworkName[] = [...NETWORKS, 'youtube'];

/** The User-Agent every request to a network carries: who we are and where to reach whoever runs this Renown. */
export const userAgentOf = (config: Pick<AppConfig, 'CRAWLER_CONTACT_URL'>) => `Renown/0.1 (+${config.CRAWLER_CONTACT_URL})`;

/** The origin a network is read through: the configured AppView or instance unless one is given. */
export function originOf(config: AppConfig, network: NetworkName, override?: string | null): string {
  const configured = { bluesky: config.BLUESKY_APPVIEW_URL, mastodon: config.MASTODON_INSTANCE_URL, youtube: config.YOUTUBE_API_URL, instagram: config.INSTAGRAM_GRAPH_URL }[network];
  if (network === 'youtube' || network === 'instagram') return new URL(configured).origin;
  const raw = override?.trim() || configured;
  const withScheme = /^https?:\/\//i.test(raw) ? raw : `https://${raw}`;
  return new URL(withScheme).origin;
}

/**
 * A connector for one network from the configuration (credentials included). YouTube and Instagram need the
 * credential the brand's crawl or look-up spends (`credentialFor`) and the pool that holds the quota ledger.
 */
export function connectorFor(
  config: AppConfig,
  network: NetworkName,
  origin?: string | null,
  extras: { credential?: NetworkCredential | null; pool?: pg.Pool } = {},
): NetworkConnector {
  const url = originOf(config, network, origin);
  return createConnector(network, {
    config,
    credential: extras.credential ?? null,
    pool: extras.pool,
    appviewUrl: network === 'bluesky' ? url : undefined,
    instanceUrl: network === 'mastodon' ? url : undefined,
    userAgent: userAgentOf(config),
    blueskyHandle: config.BLUESKY_HANDLE,
    blueskyAppPassword: config.BLUESKY_APP_PASSWORD,
    mastodonAccessToken: config.MASTODON_ACCESS_TOKEN,
    mastodonHomeInstances: config.MASTODON_HOME_INSTANCES !== 'off',
    limit: network === 'youtube' ? rateLimitOf(config.YOUTUBE_RATE_LIMIT) : rateLimitOf(network === 'bluesky' ? config.BLUESKY_RATE_LIMIT : network === 'instagram' ? config.INSTAGRAM_RATE_LIMIT : config.MASTODON_RATE_LIMIT),
  });
}

/** "300/300" -> { requests: 300, windowSeconds: 300 }; undefined keeps the published limit. */
export function rateLimitOf(setting: string | undefined): { requests: number; windowSeconds: number } | undefined {
  const m = setting ? /^(\d+)\/(\d+)$/.exec(setting) : null;
  return m && Number(m[1]) > 0 && Number(m[2]) > 0 ? { requests: Number(m[1]), windowSeconds: Number(m[2]) } : undefined;
}
