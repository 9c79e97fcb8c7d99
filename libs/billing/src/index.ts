export * from './billing.error.js';
export * from './billing.module.js';
export * from './billing-clock.js';
export * from './config/plan-catalogue.js';
export * from './config/plans.js';
export type { BillingBanner, BillingView, EffectiveStatus } from './domain/compute-billing-view.js';
export * from './read-only/allow-when-read-only.decorator.js';
export * from './services/billing-accounts.service.js';
export * from './services/entitlements.service.js';
export { type RecordResult, UsageService } from './services/usage.service.js';
// The metering statement, for the search benchmark's bare SQL path.
export { COUNT_USAGE_SQL } from './persistence/usage.repository.js';
export { usagePeriodStart } from './domain/usage-period.js';
