/**
 * Sources: real people from the open networks' public APIs (Bluesky, Mastodon). A polite HTTP client (limits,
 * retries), one connector per network, crawls of a vertical with their frontier in PostgreSQL, handle look-ups and
 * the daily refresh. What they read goes through the importer (libs/ingestion) as `network-pages`.
 */
export * from './http/polite-http-client.js';
export * from './networks/network-connector.js';
export * from './networks/malformed-page.error.js';
export * from './networks/create-connector.js';
export * from './networks/instagram/instagram-connector.js';
export * from './networks/youtube/youtube-connector.js';
export * from './quota/quota-ledger.js';
export * from './credentials/credential-refused.error.js';
export * from './credentials/network-credentials.js';
export * from './crawl/crawl.store.js';
export * from './crawl/crawl-runner.js';
export * from './crawl/crawls.service.js';
export * from './crawl/opt-outs.js';
export * from './crawl/vertical-relevance.js';
export * from './lookup/lookup.service.js';
export * from './sources.settings.js';
export * from './sources.module.js';
