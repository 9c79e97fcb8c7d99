import type { AppConfig } from '@renown/core';
import type { NetworkName } from '@renown/ingestion';
import { createConnector } from './networks/create-connector.js';
import type { NetworkConnector } from './networks/network-connector.js';

export const NETWORKS: readonly NetworkName[] = ['bluesky', 'mastodon'];

/** The User-Agent every request to a network carries: who we are and where to reach whoever runs this Renown. */
export const userAgentOf = (config: Pick<AppConfig, 'CRAWLER_CONTACT_URL'>) => `Renown/0.1 (+${config.CRAWLER_CONTACT_URL})`;

/** The origin a network is read through: the configured AppView or instance unless one is given. */
export function originOf(config: AppConfig, network: NetworkName, override?: string | null): string {
  const raw = override?.trim() || (network === 'bluesky' ? config.BLUESKY_APPVIEW_URL : config.MASTODON_INSTANCE_URL);
  const withScheme = /^https?:\/\//i.test(raw) ? raw : `https://${raw}`;
  return new URL(withScheme).origin;
}

/** A connector for one network from the configuration (credentials included). */
export function connectorFor(config: AppConfig, network: NetworkName, origin?: string | null): NetworkConnector {
  const url = originOf(config, network, origin);
  return createConnector(network, {
    appviewUrl: network === 'bluesky' ? url : undefined,
    instanceUrl: network === 'mastodon' ? url : undefined,
    userAgent: userAgentOf(config),
    blueskyHandle: config.BLUESKY_HANDLE,
    blueskyAppPassword: config.BLUESKY_APP_PASSWORD,
    mastodonAccessToken: config.MASTODON_ACCESS_TOKEN,
    mastodonHomeInstances: config.MASTODON_HOME_INSTANCES !== 'off',
    limit: rateLimitOf(network === 'bluesky' ? config.BLUESKY_RATE_LIMIT : config.MASTODON_RATE_LIMIT),
  });
}

/** "300/300" -> { requests: 300, windowSeconds: 300 }; undefined keeps the published limit. */
export function rateLimitOf(setting: string | undefined): { requests: number; windowSeconds: number } | undefined {
  const m = setting ? /^(\d+)\/(\d+)$/.exec(setting) : null;
  return m && Number(m[1]) > 0 && Number(m[2]) > 0 ? { requests: Number(m[1]), windowSeconds: Number(m[2]) } : undefined;
}
