import 'reflect-metadata';
process.env.NODE_ENV = 'test';
process.env.LOG_LEVEL ??= 'silent';
// The fake worlds' remote Mastodon accounts live on made-up domains (fosstodon.example...): read them through the
// one local fake instance, never from https://<domain>. Tests of home-instance reads point the connector at local fakes.
process.env.MASTODON_HOME_INSTANCES ??= 'off';
