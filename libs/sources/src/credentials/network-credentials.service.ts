import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, BadInputError } from '@renown/core';
import type { BrandId } from '@renown/accounts';
import { CrawlsService } from '../crawl/crawls.service.js';
import { quotaToday, type QuotaUse, youtubePolicy } from '../quota/quota-ledger.js';
import { type CredentialNetwork, credentialFor, lastFour, type NetworkCredential } from './network-credentials.js';

export interface CredentialView {
  network: CredentialNetwork;
  /** Where the credential crawls and look-ups spend comes from; null when there is none. */
  source: 'brand' | 'config' | null;
  /** `…abcd`: the secret is never sent back. */
  secretHint: string | null;
  /** Instagram: the brand's professional account id. */
  accountId: string | null;
  updatedAt: Date | null;
  credential: NetworkCredential | null;
  /** YouTube: today's use of the key's quota, per bucket (units, search). */
  quota: QuotaUse[];
}

const CREDENTIAL_NETWORKS: CredentialNetwork[] = ['youtube', 'instagram'];

/**
 * The YouTube API key and Instagram token a brand pastes in the Sources screen. A brand's own credential is
 * spent on its crawls and look-ups before the operator's configured one; the secret never leaves the server.
 */
@Injectable()
export class NetworkCredentialsService {
  constructor(
    private readonly crawls: CrawlsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  static parseNetwork(network: string): CredentialNetwork {
    const n = network.trim().toLowerCase() as CredentialNetwork;
    if (!CREDENTIAL_NETWORKS.includes(n)) throw new BadInputError(`"${network}" takes no credential here: YouTube takes an API key and Instagram a token.`, { field: 'network' });
    return n;
  }

  async list(brandId: BrandId): Promise<CredentialView[]> {
    const { rows } = await this.crawls.pool.query<{ network: CredentialNetwork; secret: string; account_id: string | null; updated_at: Date }>(
      `SELECT network, secret, account_id, updated_at FROM network_credentials WHERE brand_id = $1`,
      [brandId],
    );
    const views: CredentialView[] = [];
    for (const network of CREDENTIAL_NETWORKS) {
      const own = rows.find((r) => r.network === network);
      const credential = await credentialFor(this.crawls.pool, this.config, brandId, network);
      const secret = credential ? (credential.network === 'youtube' ? credential.apiKey : credential.accessToken) : null;
      views.push({
        network,
        source: credential?.source ?? null,
        secretHint: secret ? lastFour(secret) : null,
        accountId: credential?.network === 'instagram' ? credential.businessAccountId : null,
        updatedAt: own?.updated_at ?? null,
        credential,
        quota: credential?.network === 'youtube'
          ? await quotaToday(this.crawls.pool, 'youtube', credential.apiKey, { policy: youtubePolicy(this.config.YOUTUBE_DAILY_QUOTA, this.config.YOUTUBE_SEARCH_QUOTA) })
          : [],
      });
    }
    return views;
  }

  async set(brandId: BrandId, userId: string | null, input: { network: string; secret: string; accountId?: string | null }): Promise<CredentialView> {
    const network = NetworkCredentialsService.parseNetwork(input.network);
    const secret = input.secret.trim();
    if (network === 'youtube' && !/^[A-Za-z0-9_-]{30,60}$/.test(secret)) {
      throw new BadInputError('That is not a YouTube Data API key: a key is about 39 letters, digits, "-" and "_" (it starts with "AIza"), from the Google Cloud console\'s Credentials page.', { field: 'secret' });
    }
    if (network === 'instagram' && !/^[A-Za-z0-9_.|-]{20,1024}$/.test(secret)) {
      throw new BadInputError('That is not a Facebook access token: paste the Page access token from the Graph API Explorer or your app, without spaces.', { field: 'secret' });
    }
    const accountId = input.accountId?.trim() || null;
    if (network === 'instagram' && !(accountId && /^\d{5,25}$/.test(accountId))) {
      throw new BadInputError("Instagram needs the numeric id of your Instagram professional account (the IG user id Business Discovery reads through).", { field: 'accountId' });
    }
    await this.crawls.pool.query(
      `INSERT INTO network_credentials (brand_id, network, secret, account_id, updated_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (brand_id, network) DO UPDATE SET secret = EXCLUDED.secret, account_id = EXCLUDED.account_id, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [brandId, network, secret, network === 'instagram' ? accountId : null, userId],
    );
    return (await this.list(brandId)).find((v) => v.network === network)!;
  }

  async remove(brandId: BrandId, network: string): Promise<CredentialView> {
    const n = NetworkCredentialsService.parseNetwork(network);
    await this.crawls.pool.query(`DELETE FROM network_credentials WHERE brand_id = $1 AND network = $2`, [brandId, n]);
    return (await this.list(brandId)).find((v) => v.network === n)!;
  }
}
