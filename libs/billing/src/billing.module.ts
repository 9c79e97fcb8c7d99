import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { APP_CONFIG, type AppConfig } from '@renown/core';
import { BillingClock } from './billing-clock.js';
import { PLAN_CATALOGUE, resolvePlanCatalogue } from './config/plan-catalogue.js';
import { BillingResolver } from './graphql/billing.resolver.js';
import { StripeWebhookController } from './http/stripe-webhook.controller.js';
import { BillingAccountRepository } from './persistence/billing-account.repository.js';
import { GaugeCountRepository } from './persistence/gauge-count.repository.js';
import { MeterReportRepository } from './persistence/meter-report.repository.js';
import { StripeEventRepository } from './persistence/stripe-event.repository.js';
import { UsageRepository } from './persistence/usage.repository.js';
import { ReadOnlyInterceptor } from './read-only/read-only.interceptor.js';
import { BillingAccountsService } from './services/billing-accounts.service.js';
import { BillingOverviewService } from './services/billing-overview.service.js';
import { CheckoutService } from './services/checkout.service.js';
import { EntitlementsService } from './services/entitlements.service.js';
import { MeterReportingService } from './services/meter-reporting.service.js';
import { StripeWebhookService } from './services/stripe-webhook.service.js';
import { SubscriptionSyncService } from './services/subscription-sync.service.js';
import { UsageService } from './services/usage.service.js';
import { StripeGateway } from './stripe/stripe-gateway.js';

/**
 * Plans, Stripe checkout/portal, webhooks, usage metering and enforcement. Global so discovery and campaigns
 * can inject EntitlementsService and UsageService. Imported by the API (GraphQL, /webhooks/stripe, the
 * read-only interceptor) and by the worker (the meter-report jobs).
 */
@Global()
@Module({
  controllers: [StripeWebhookController],
  providers: [
    // Validated at boot: with billing on, a missing price id stops the process naming the variable.
    { provide: PLAN_CATALOGUE, inject: [APP_CONFIG], useFactory: (config: AppConfig) => resolvePlanCatalogue(config) },
    BillingClock,
    StripeGateway,
    BillingAccountRepository,
    StripeEventRepository,
    UsageRepository,
    MeterReportRepository,
    GaugeCountRepository,
    BillingAccountsService,
    EntitlementsService,
    UsageService,
    CheckoutService,
    StripeWebhookService,
    SubscriptionSyncService,
    MeterReportingService,
    BillingOverviewService,
    BillingResolver,
    { provide: APP_INTERCEPTOR, useClass: ReadOnlyInterceptor },
  ],
  exports: [PLAN_CATALOGUE, EntitlementsService, UsageService, BillingAccountsService, BillingClock],
})
export class BillingModule {}
