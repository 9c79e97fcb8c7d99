export * from './connector-cursor-store.js';
export * from './live-record-sink.js';
export * from './reconnect-backoff.js';
export * from './jetstream-connector.js';
export * from './mastodon-timeline-poller.js';
export * from './mastodon-streaming-connector.js';
