import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { type BrandId, BrandRole, CurrentBrand, Roles } from '@renown/accounts';
import { AllowWhenReadOnly } from '../read-only/allow-when-read-only.decorator.js';
import { BillingOverviewService } from '../services/billing-overview.service.js';
import { CheckoutService } from '../services/checkout.service.js';
import { Billing, BillingPortalSession, CheckoutSession, PaidPlan, Plan } from './billing.models.js';

@Resolver(() => Billing)
export class BillingResolver {
  constructor(
    private readonly overview: BillingOverviewService,
    private readonly checkout: CheckoutService,
  ) {}

  @Query(() => Billing, { description: "The current brand's plan, status, period, usage against each limit and banner." })
  billing(@CurrentBrand() brandId: BrandId): Promise<Billing> {
    return this.overview.getBilling(brandId);
  }

  @Query(() => [Plan], { description: 'The plans and what each allows.' })
  plans(): Plan[] {
    return this.overview.plans();
  }

  @Roles(BrandRole.OWNER)
  @AllowWhenReadOnly()
  @Mutation(() => CheckoutSession, { description: 'Owner only. A Stripe Checkout Session for the plan; Stripe returns the owner to the console.' })
  startCheckout(@CurrentBrand() brandId: BrandId, @Args('plan', { type: () => PaidPlan }) plan: PaidPlan): Promise<CheckoutSession> {
    return this.checkout.startCheckout(brandId, plan);
  }

  @Roles(BrandRole.OWNER)
  @AllowWhenReadOnly()
  @Mutation(() => BillingPortalSession, { description: 'Owner only. The Stripe Customer Portal (card, plan, cancel); it returns to the console.' })
  openBillingPortal(@CurrentBrand() brandId: BrandId): Promise<BillingPortalSession> {
    return this.checkout.openBillingPortal(brandId);
  }
}
