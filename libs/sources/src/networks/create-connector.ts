import type pg from 'pg';
import type { AppConfig } from '@renown/core';
import type { NetworkName } from '@renown/ingestion';
import type { NetworkCredential } from '../credentials/network-credentials.js';
import { PoliteHttpClient } from '../http/polite-http-client.js';
import { BlueskyConnector } from './bluesky/bluesky-connector.js';
import { MastodonConnector } from './mastodon/mastodon-connector.js';
import type { NetworkConnector } from './network-connector.js';

/** What each network publishes as its limit for anonymous reads (NETWORKS.md): the client starts from these. */
export const PUBLISHED_LIMITS: Record<NetworkName, { requests: number; windowSeconds: number }> = {
  bluesky: { requests: 3000, windowSeconds: 300 },
  mastodon: { requests: 300, windowSeconds: 300 },
  // YouTube's real limit is the day's quota (network_quota_ledger); this only spaces requests out.
  youtube: { requests: 600, windowSeconds: 60 },
  // Instagram's platform limit for one user token is 200 calls an hour; the usage header slows it further.
  instagram: { requests: 200, windowSeconds: 3600 },
};

export interface ConnectorSettings {
  /** The whole configuration (YouTube and Instagram read their URLs and quotas from it). */
  config?: AppConfig;
  /** YouTube: the API key; Instagram: the token and the brand's business account. */
  credential?: NetworkCredential | null;
  /** The database holding the quota ledger (YouTube). */
  pool?: pg.Pool;
  appviewUrl?: string;
  instanceUrl?: string;
  userAgent: string;
  blueskyHandle?: string;
  blueskyAppPassword?: string;
  mastodonAccessToken?: string;
  /** Read remote Mastodon accounts from their home instances (https://<domain>); off reads everything through instanceUrl. */
  mastodonHomeInstances?: boolean;
  /** Another limit than the published one (tests, a benchmark, an instance with its own). */
  limit?: { requests: number; windowSeconds: number };
  maxConcurrent?: number;
  minBackoffMs?: number;
  http?: PoliteHttpClient;
}

export function createConnector(network: NetworkName, settings: ConnectorSettings): NetworkConnector {
  const http =
    settings.http ??
    new PoliteHttpClient({ userAgent: settings.userAgent, limit: settings.limit ?? PUBLISHED_LIMITS[network], maxConcurrent: settings.maxConcurrent, minBackoffMs: settings.minBackoffMs });
  if (network === 'bluesky') {
    const appPassword = settings.blueskyHandle && settings.blueskyAppPassword ? { handle: settings.blueskyHandle, password: settings.blueskyAppPassword } : undefined;
    return new BlueskyConnector({ appviewUrl: settings.appviewUrl ?? 'https://public.api.bsky.app', http, appPassword });
  }
  if (network === 'youtube' || network === 'instagram') throw new Error(`${network} is not read yet`);
  return new MastodonConnector({
    instanceUrl: settings.instanceUrl ?? 'https://mastodon.social',
    http,
    accessToken: settings.mastodonAccessToken,
    homeInstanceOf: settings.mastodonHomeInstances ? (domain) => `https://${domain}` : undefined,
  });
}
