import { Injectable } from '@nestjs/common';
import type { BrandId } from '@renown/accounts';
import { QueueService } from '@renown/core';
import { DataSource } from 'typeorm';
import { DiscoveryError } from '../../discovery.error.js';
import { BRAND_AUDIENCE_RANK_QUEUE } from '../brand-audience.queues.js';
import { BrandAccountsRepository, type BrandAccountRow } from './brand-accounts.repository.js';

/** A brand watches a handful of its own accounts, not a list of everyone it likes. */
export const MAX_BRAND_ACCOUNTS = 25;
const PLATFORM = /^[a-z][a-z0-9-]{0,29}$/;

export interface RegisterBrandAccountInput {
  platform: string;
  handle?: string | null;
  externalId?: string | null;
}

@Injectable()
export class BrandAccountsService {
  constructor(
    private readonly db: DataSource,
    private readonly repo: BrandAccountsRepository,
    private readonly queue: QueueService,
  ) {}

  list(brandId: BrandId): Promise<BrandAccountRow[]> {
    return this.repo.list(brandId);
  }

  /**
   * By handle: the account must already be known to Renown (imported). By external id: an account not seen
   * yet is created as a stub, so the interactions imported later attach to it.
   */
  async register(brandId: BrandId, userId: string | null, input: RegisterBrandAccountInput): Promise<BrandAccountRow> {
    const platform = input.platform.trim().toLowerCase();
    const handle = input.handle?.trim().replace(/^@/, '') || null;
    const externalId = input.externalId?.trim() || null;
    if (!PLATFORM.test(platform)) throw DiscoveryError.badInput(`"${input.platform}" is not a platform name: use e.g. twitter, bluesky or mastodon.`);
    if (!handle === !externalId) throw DiscoveryError.badInput('Give either the handle or the external id of the account, not both and not neither.');
    const accountId = await this.db.transaction(async (em) => {
      let id: string | undefined;
      if (externalId) {
        // An account already known is left as it is (no write): only a new one is inserted, as a stub.
        await em.query(
          `INSERT INTO social_accounts (platform, external_id, is_stub, first_seen_at, updated_at) VALUES ($1, $2, true, now(), now())
           ON CONFLICT (platform, external_id) DO NOTHING`,
          [platform, externalId],
        );
        const [row] = await em.query(`SELECT id::text FROM social_accounts WHERE platform = $1 AND external_id = $2`, [platform, externalId]);
        id = row.id;
      } else {
        const rows: Array<{ id: string }> = await em.query(
          `SELECT id::text FROM social_accounts WHERE platform = $1 AND lower(handle) = lower($2) ORDER BY is_stub, updated_at DESC NULLS LAST, id LIMIT 1`,
          [platform, handle],
        );
        if (!rows.length) {
          throw DiscoveryError.badInput(`No ${platform} account @${handle} is known to Renown yet. Register it by its external id (it is then watched from now on), or import its data first.`, { platform, handle });
        }
        id = rows[0].id;
      }
      const current = await this.repo.accountIds(brandId, em);
      if (!current.includes(id!) && current.length >= MAX_BRAND_ACCOUNTS) {
        throw DiscoveryError.badInput(`A brand can register at most ${MAX_BRAND_ACCOUNTS} of its own accounts; remove one first.`);
      }
      await this.repo.add(brandId, id!, userId, em);
      return id!;
    });
    await this.queue.send(BRAND_AUDIENCE_RANK_QUEUE, { brandId });
    const row = (await this.repo.list(brandId)).find((r) => r.account_id === accountId);
    return row!;
  }

  /** NOT_FOUND for an account the brand did not register (another brand's look exactly the same). */
  async remove(brandId: BrandId, accountId: string): Promise<boolean> {
    if (!/^\d{1,19}$/.test(accountId) || !(await this.repo.remove(brandId, accountId))) throw DiscoveryError.notFound('Brand account', accountId);
    await this.queue.send(BRAND_AUDIENCE_RANK_QUEUE, { brandId });
    return true;
  }
}
