import { Inject, Injectable } from '@nestjs/common';
import type { BrandId } from '@renown/accounts';
import { NotFoundError } from '@renown/core';
import type { EntityManager } from 'typeorm';
import { BillingClock } from '../billing-clock.js';
import { PLAN_CATALOGUE, type PlanCatalogue } from '../config/plan-catalogue.js';
import type { BillingAccount } from '../domain/billing-account.js';
import { type BillingView, computeBillingView } from '../domain/compute-billing-view.js';
import { BillingAccountRepository } from '../persistence/billing-account.repository.js';

/** A brand's billing row (created with a trial on first use) and what it means now. */
@Injectable()
export class BillingAccountsService {
  constructor(
    @Inject(PLAN_CATALOGUE) private readonly catalogue: PlanCatalogue,
    private readonly accounts: BillingAccountRepository,
    private readonly clock: BillingClock,
  ) {}

  /** With billing off there is no row to create: every brand has every feature. */
  async getAccountOrThrow(brandId: BrandId, em?: EntityManager): Promise<BillingAccount> {
    const account = await this.accounts.getOrCreate(brandId, this.catalogue.policy.trialDays, em);
    if (!account) throw new NotFoundError('Brand', brandId);
    return account;
  }

  async getView(brandId: BrandId): Promise<BillingView> {
    if (!this.catalogue.billingEnabled) return computeBillingView(null, this.catalogue, this.clock.now());
    return computeBillingView(await this.getAccountOrThrow(brandId), this.catalogue, this.clock.now());
  }
}
