/** Recompute one brand's "who matters to us" ranking: `{ brandId }`. */
export const BRAND_AUDIENCE_RANK_QUEUE = 'discovery.brand-audience.rank';
/** Hourly: queue a ranking for every brand that registered accounts (new interactions arrive all the time). */
export const BRAND_AUDIENCE_RANK_ALL_QUEUE = 'discovery.brand-audience.rank-all';
/** Every minute: find new mentions/follows by accounts above a brand's threshold, then send due digests. */
export const BRAND_ALERTS_SCAN_QUEUE = 'discovery.brand-alerts.scan';
/** One signed webhook POST: `{ deliveryId }`. */
export const BRAND_WEBHOOK_DELIVER_QUEUE = 'discovery.brand-webhook.deliver';
