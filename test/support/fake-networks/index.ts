// Local fakes of the open networks' public APIs and the seeded world they serve (crawler tests, issue #15).
export * from './fake-network-server.js';
export * from './fake-bluesky-appview.js';
export * from './fake-mastodon-instance.js';
export * from './automotive-world.js';
export * from './fake-instagram-graph.js';
export * from './youtube-world.js';
export * from './fake-youtube-api.js';
