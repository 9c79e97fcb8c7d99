import type pg from 'pg';
import { BadInputError, type AppConfig } from '@renown/core';
import type { NetworkName } from '@renown/ingestion';
import type { NetworkCredential } from '../credentials/network-credentials.js';
import { PoliteHttpClient } from '../http/polite-http-client.js';
import { BlueskyConnector } from './bluesky/bluesky-connector.js';
import { MastodonConnector } from './mastodon/mastodon-connector.js';
import { InstagramConnector, INSTAGRAM_NO_CREDENTIAL } from './instagram/instagram-connector.js';
import type { NetworkConnector } from './network-connector.js';
import { YoutubeConnector } from './youtube/youtube-connector.js';
import { QuotaLedger, youtubePolicy } from '../quota/quota-ledger.js';

/** What each network publishes as its limit for anonymous reads (NETWORKS.md): the client starts from these. */
export const PUBLISHED_LIMITS: Record<NetworkName, { requests: number; windowSeconds: number }> = {
  bluesky: { requests: 3000, windowSeconds: 300 },
  mastodon: { requests: 300, windowSeconds: 300 },
  // YouTube's real limit is the day's quota (network_quota_ledger); this only spaces requests out (Google's own
  // per-minute ceiling is far higher). YOUTUBE_RATE_LIMIT sets another.
  youtube: { requests: 6000, windowSeconds: 60 },
  // Instagram's platform limit for one user token is 200 calls an hour; the usage header slows it further.
  instagram: { requests: 200, windowSeconds: 3600 },
};

/** A YouTube crawl or look-up with no API key anywhere. */
export const YOUTUBE_NO_CREDENTIAL =
  'Reading YouTube needs an API key: paste one in the Sources screen (YouTube API key), or set YOUTUBE_API_KEY for the whole server. How to get one: https://developers.google.com/youtube/v3/getting-started';

export interface ConnectorSettings {
  /** The whole configuration (YouTube and Instagram read their URLs and quotas from it). */
  config?: AppConfig;
  /** YouTube: the API key; Instagram: the token and the brand's business account. */
  credential?: NetworkCredential | null;
  /** The database holding the quota ledger (YouTube). */
  pool?: pg.Pool;
  /** The quota ledger's clock (tests move it to the next day). */
  quotaClock?: () => Date;
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
  if (network === 'instagram') {
    const credential = settings.credential?.network === 'instagram' ? settings.credential : null;
    if (!credential) throw new BadInputError(INSTAGRAM_NO_CREDENTIAL, { field: 'platform' });
    return new InstagramConnector({ graphUrl: settings.config?.INSTAGRAM_GRAPH_URL ?? 'https://graph.facebook.com/v26.0', http, credential });
  }
  if (network === 'youtube') {
    const credential = settings.credential?.network === 'youtube' ? settings.credential : null;
    if (!credential) throw new BadInputError(YOUTUBE_NO_CREDENTIAL, { field: 'network' });
    if (!settings.pool) throw new Error('the YouTube connector needs the database that holds the quota ledger (pool)');
    const config = settings.config;
    const ledger = new QuotaLedger(settings.pool, { network: 'youtube', credential: credential.apiKey, policy: youtubePolicy(config?.YOUTUBE_DAILY_QUOTA, config?.YOUTUBE_SEARCH_QUOTA), clock: settings.quotaClock });
    return new YoutubeConnector({ apiUrl: config?.YOUTUBE_API_URL ?? 'https://www.googleapis.com/youtube/v3', apiKey: credential.apiKey, http, ledger, pool: settings.pool });
  }
  return new MastodonConnector({
    instanceUrl: settings.instanceUrl ?? 'https://mastodon.social',
    http,
    accessToken: settings.mastodonAccessToken,
    homeInstanceOf: settings.mastodonHomeInstances ? (domain) => `https://${domain}` : undefined,
  });
}
