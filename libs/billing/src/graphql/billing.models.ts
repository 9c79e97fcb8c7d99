import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum PaidPlan {
  GROWTH = 'growth',
  SCALE = 'scale',
}
registerEnumType(PaidPlan, { name: 'PaidPlan', description: 'The plans an owner can buy through Stripe Checkout.' });

export enum PlanCode {
  TRIAL = 'trial',
  GROWTH = 'growth',
  SCALE = 'scale',
  FREE = 'free',
}
registerEnumType(PlanCode, { name: 'PlanCode', description: 'Trial (new brands), Growth and Scale (paid), Free (after a trial or a cancellation).' });

export enum BillingStatus {
  OFF = 'off',
  TRIALING = 'trialing',
  ACTIVE = 'active',
  PAST_DUE = 'past_due',
  READ_ONLY = 'read_only',
  FREE = 'free',
}
registerEnumType(BillingStatus, {
  name: 'BillingStatus',
  description: 'OFF: billing not configured, every feature. PAST_DUE: payment failed, grace period. READ_ONLY: grace over, reads only.',
});

export enum UsageMetric {
  SEARCHES = 'searches',
  API_CALLS = 'apiCalls',
  ACTIVE_CAMPAIGNS = 'activeCampaigns',
  INVITATIONS = 'invitations',
  SEATS = 'seats',
}
registerEnumType(UsageMetric, { name: 'UsageMetric' });

export enum BillingBannerKind {
  BILLING_OFF = 'billing_off',
  TRIAL = 'trial',
  TRIAL_ENDING = 'trial_ending',
  TRIAL_ENDED = 'trial_ended',
  PAST_DUE = 'past_due',
  READ_ONLY = 'read_only',
  CANCELS_AT_PERIOD_END = 'cancels_at_period_end',
  CANCELED = 'canceled',
}
registerEnumType(BillingBannerKind, { name: 'BillingBannerKind' });

export enum BannerLevel {
  INFO = 'info',
  WARNING = 'warning',
  ERROR = 'error',
}
registerEnumType(BannerLevel, { name: 'BannerLevel' });

@ObjectType({ description: 'What a plan allows; null means unlimited.' })
export class PlanLimits {
  @Field(() => Int, { nullable: true }) searchesPerMonth: number | null;
  @Field(() => Int, { nullable: true }) apiCallsPerMonth: number | null;
  @Field(() => Int, { nullable: true }) activeCampaigns: number | null;
  @Field(() => Int, { nullable: true }) invitationsPerMonth: number | null;
  @Field(() => Int, { nullable: true }) seats: number | null;
  @Field() apiAccess: boolean;
  @Field({ description: 'Invitations beyond the allowance are allowed and billed as metered usage.' }) invitationOverageBilled: boolean;
}

@ObjectType()
export class Plan {
  @Field(() => PlanCode) code: PlanCode;
  @Field() name: string;
  @Field(() => Int) monthlyPriceCents: number;
  @Field(() => PlanLimits) limits: PlanLimits;
}

@ObjectType({ description: 'Usage of one limit: monthly metrics count this calendar month (UTC); the others count now.' })
export class UsageAgainstLimit {
  @Field(() => UsageMetric) metric: UsageMetric;
  @Field(() => Int, { nullable: true, description: 'Null when this installation does not count it (the owning module is absent).' }) used: number | null;
  @Field(() => Int, { nullable: true, description: 'Null: unlimited.' }) limit: number | null;
  @Field({ description: 'True for searches, API calls and invitations (reset on the 1st, UTC).' }) monthly: boolean;
}

@ObjectType()
export class BillingBanner {
  @Field(() => BillingBannerKind) kind: BillingBannerKind;
  @Field(() => BannerLevel) level: BannerLevel;
  @Field() message: string;
  @Field(() => Date, { nullable: true }) until: Date | null;
}

@ObjectType({ description: "The brand's plan, status, period and usage against each limit." })
export class Billing {
  @Field({ description: 'False when no Stripe keys are configured: every brand has every feature.' }) enabled: boolean;
  @Field(() => BillingStatus) status: BillingStatus;
  @Field(() => Plan, { nullable: true, description: 'The plan whose limits apply now; null when billing is off.' }) plan: Plan | null;
  @Field() readOnly: boolean;
  @Field(() => Date, { nullable: true }) trialEndsAt: Date | null;
  @Field(() => Date, { nullable: true }) currentPeriodStart: Date | null;
  @Field(() => Date, { nullable: true }) currentPeriodEnd: Date | null;
  @Field() cancelAtPeriodEnd: boolean;
  @Field(() => Date, { nullable: true, description: 'When a past-due brand turns read-only.' }) graceEndsAt: Date | null;
  @Field() apiAccess: boolean;
  @Field(() => [UsageAgainstLimit]) usage: UsageAgainstLimit[];
  @Field(() => BillingBanner, { nullable: true }) banner: BillingBanner | null;
}

@ObjectType()
export class CheckoutSession {
  @Field({ description: 'Send the owner here (Stripe Checkout); Stripe brings them back to the console.' }) url: string;
  @Field() sessionId: string;
}

@ObjectType()
export class BillingPortalSession {
  @Field({ description: 'The Stripe Customer Portal: change card, change plan, cancel.' }) url: string;
}
