import type pg from 'pg';
import type { AppConfig } from '@renown/core';

export type CredentialNetwork = 'youtube' | 'instagram';

/** Where a credential came from: the brand pasted it in Sources, or the operator set it in the environment. */
export type CredentialSource = 'brand' | 'config';

export interface YoutubeCredential {
  network: 'youtube';
  apiKey: string;
  source: CredentialSource;
}

export interface InstagramCredential {
  network: 'instagram';
  accessToken: string;
  /** The brand's own Instagram professional account: Business Discovery reads other accounts through it. */
  businessAccountId: string;
  source: CredentialSource;
}

export type NetworkCredential = YoutubeCredential | InstagramCredential;

/** The last four characters, for screens: a secret is never sent back whole. */
export const lastFour = (secret: string) => `…${secret.slice(-4)}`;

/**
 * The credential a brand's crawl or look-up spends on a network: the brand's own (Sources screen) when it has one,
 * else the configured one (YOUTUBE_API_KEY; INSTAGRAM_ACCESS_TOKEN + INSTAGRAM_BUSINESS_ACCOUNT_ID), else null.
 */
export async function credentialFor(pool: pg.Pool, config: AppConfig, brandId: string | null, network: 'youtube'): Promise<YoutubeCredential | null>;
export async function credentialFor(pool: pg.Pool, config: AppConfig, brandId: string | null, network: 'instagram'): Promise<InstagramCredential | null>;
export async function credentialFor(pool: pg.Pool, config: AppConfig, brandId: string | null, network: CredentialNetwork): Promise<NetworkCredential | null>;
export async function credentialFor(pool: pg.Pool, config: AppConfig, brandId: string | null, network: CredentialNetwork): Promise<NetworkCredential | null> {
  if (brandId) {
    const { rows } = await pool.query<{ secret: string; account_id: string | null }>(
      `SELECT secret, account_id FROM network_credentials WHERE brand_id = $1 AND network = $2`,
      [brandId, network],
    );
    const row = rows[0];
    if (row && network === 'youtube') return { network, apiKey: row.secret, source: 'brand' };
    if (row && network === 'instagram' && row.account_id) return { network, accessToken: row.secret, businessAccountId: row.account_id, source: 'brand' };
  }
  if (network === 'youtube') return config.YOUTUBE_API_KEY ? { network, apiKey: config.YOUTUBE_API_KEY, source: 'config' } : null;
  return config.INSTAGRAM_ACCESS_TOKEN && config.INSTAGRAM_BUSINESS_ACCOUNT_ID
    ? { network, accessToken: config.INSTAGRAM_ACCESS_TOKEN, businessAccountId: config.INSTAGRAM_BUSINESS_ACCOUNT_ID, source: 'config' }
    : null;
}
