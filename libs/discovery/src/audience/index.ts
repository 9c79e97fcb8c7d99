// Audience quality 1-100 per account (table account_audience_quality), computed by the job
// 'discovery.audience-quality' after each influence scoring run.
export * from './quality/size-bands.js';
export * from './quality/compute-audience-quality.js';
export * from './quality/growth-anomalies.js';
export * from './quality/audience-quality.store.js';
export * from './audience-quality.service.js';
export * from './audience-quality.jobs.js';
export * from './audience.module.js';
export * from './quality/describe-audience-quality.js';
