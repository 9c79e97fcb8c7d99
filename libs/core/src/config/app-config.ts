import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, validateSync } from 'class-validator';

/**
 * Every environment variable Renown reads, validated once at boot. A bad value stops the process with a
 * message naming the variable (see `loadConfig`). Optional features (SMTP, Stripe) switch on when their
 * variables are present.
 */
export class EnvironmentVariables {
  @IsOptional() @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsOptional() @IsInt() @Min(0) @Max(65535)
  PORT = 3000;

  @IsOptional() @IsString() @Matches(/^postgres(ql)?:\/\//, { message: 'must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  /** Where the embedded PostgreSQL keeps its data when DATABASE_URL is not set. */
  @IsOptional() @IsString()
  DATA_DIR = '.data';

  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsOptional() @IsInt() @Min(1024) @Max(65535)
  EMBEDDED_PG_PORT = 54329;

  @IsOptional() @IsUrl({ require_tld: false, require_protocol: true })
  PUBLIC_URL = 'http://localhost:3000';

  @IsOptional() @IsString() @Matches(/^smtps?:\/\//, { message: 'must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @IsOptional() @IsString()
  MAIL_FROM = 'Renown <no-reply@renown.local>';

  @IsOptional() @IsString() @Matches(/^(sk|rk)_(test|live)_/, { message: 'must be a Stripe secret key (sk_test_... or sk_live_...)' })
  STRIPE_SECRET_KEY?: string;

  @IsOptional() @IsString() @Matches(/^whsec_/, { message: 'must be a Stripe webhook signing secret (whsec_...)' })
  STRIPE_WEBHOOK_SECRET?: string;

  /** Points the Stripe SDK at another host (a local fake in tests), e.g. http://127.0.0.1:12111 */
  @IsOptional() @IsUrl({ require_tld: false, require_protocol: true })
  STRIPE_API_URL?: string;

  /** Billing (libs/billing): the plans' Stripe price ids and the invitations meter; required when billing is on. */
  @IsOptional() @IsString() @Matches(/^price_/, { message: 'must be a Stripe price id (price_...)' })
  STRIPE_PRICE_GROWTH?: string;

  @IsOptional() @IsString() @Matches(/^price_/, { message: 'must be a Stripe price id (price_...)' })
  STRIPE_PRICE_SCALE?: string;

  @IsOptional() @IsString() @Matches(/^price_/, { message: 'must be a Stripe price id (price_...)' })
  STRIPE_PRICE_INVITATIONS_METERED?: string;

  @IsOptional() @IsString() @Matches(/^[A-Za-z0-9_-]{1,100}$/, { message: 'must be a Stripe meter event name (letters, digits, _ and -)' })
  STRIPE_METER_INVITATIONS?: string;

  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsOptional() @IsInt() @Min(60)
  SESSION_TTL_SECONDS = 60 * 60 * 24 * 14;

  /**
   * How long an API process may remember who is behind a session token (0: ask PostgreSQL on every request).
   * A revocation still reaches every API process with PostgreSQL's notification: see SessionCache in libs/accounts.
   */
  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsOptional() @IsInt() @Min(0) @Max(300)
  SESSION_CACHE_SECONDS = 15;

  @IsOptional() @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** Developer REST API (/v1): requests each API key may make per window; counted in PostgreSQL across API processes. */
  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsOptional() @IsInt() @Min(1)
  DEVELOPER_API_RATE_LIMIT = 600;

  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsOptional() @IsInt() @Min(1) @Max(86_400)
  DEVELOPER_API_RATE_WINDOW_SECONDS = 60;

  /** Network crawls and lookups (libs/sources). The Bluesky AppView answering public XRPC reads. */
  @IsOptional() @IsUrl({ require_tld: false, require_protocol: true })
  BLUESKY_APPVIEW_URL = 'https://public.api.bsky.app';

  /** A Bluesky handle and app password: lets crawls seed from post search (app.bsky.feed.searchPosts). */
  @IsOptional() @IsString()
  BLUESKY_HANDLE?: string;

  @IsOptional() @IsString()
  BLUESKY_APP_PASSWORD?: string;

  /** The Mastodon instance crawls and lookups ask first (account search, tag timelines, lookups by handle). */
  @IsOptional() @IsUrl({ require_tld: false, require_protocol: true })
  MASTODON_INSTANCE_URL = 'https://mastodon.social';

  /**
   * "on": an account of another instance is read from its home instance (https://<its domain>), whose counts,
   * posts and likes are the truth, falling back to MASTODON_INSTANCE_URL's copy when the home does not answer.
   * "off": everything is read through MASTODON_INSTANCE_URL (one host; remote counts as fresh as its federation).
   */
  @IsOptional() @IsIn(['on', 'off'])
  MASTODON_HOME_INSTANCES: 'on' | 'off' = 'on';

  /** A Mastodon access token (read scope, for MASTODON_INSTANCE_URL only): lets account search page past its first page. */
  @IsOptional() @IsString()
  MASTODON_ACCESS_TOKEN?: string;

  /** Named in the User-Agent of every request to a network, so its operators can reach whoever runs this Renown. */
  @IsOptional() @IsUrl({ require_tld: false, require_protocol: true })
  CRAWLER_CONTACT_URL = 'https://github.com/renown/renown';

  /**
   * Another request limit than the network's published one, as "requests/seconds" (e.g. "300/300"): for an
   * instance configured with its own limit, or the local fake servers of tests and benchmarks. Never above what
   * the network allows: a lower limit in the answers' headers still wins.
   */
  @IsOptional() @IsString() @Matches(/^\d+\/\d+$/, { message: 'must be "requests/seconds", e.g. "300/300"' })
  BLUESKY_RATE_LIMIT?: string;

  @IsOptional() @IsString() @Matches(/^\d+\/\d+$/, { message: 'must be "requests/seconds", e.g. "300/300"' })
  MASTODON_RATE_LIMIT?: string;

  /** YouTube Data API v3 (libs/sources): the API's base URL (tests point it at a local fake). */
  @IsOptional() @IsUrl({ require_tld: false, require_protocol: true })
  YOUTUBE_API_URL = 'https://www.googleapis.com/youtube/v3';

  /** A YouTube Data API key for crawls and look-ups when the brand has not pasted its own in Sources. */
  @IsOptional() @IsString()
  YOUTUBE_API_KEY?: string;

  /** The day's quota of one key, in units (10,000 by default at Google), and of search.list calls (100). */
  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsOptional() @IsInt() @Min(1)
  YOUTUBE_DAILY_QUOTA = 10_000;

  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsOptional() @IsInt() @Min(1)
  YOUTUBE_SEARCH_QUOTA = 100;

  /** Requests per window to the YouTube API ("requests/seconds"; default 6000/60): only spaces calls out, the real limit is the quota. */
  @IsOptional() @IsString() @Matches(/^\d+\/\d+$/, { message: 'must be "requests/seconds", e.g. "6000/60"' })
  YOUTUBE_RATE_LIMIT?: string;

  /** Instagram Graph API (Business Discovery): the versioned base URL (tests point it at a local fake). */
  @IsOptional() @IsUrl({ require_tld: false, require_protocol: true })
  INSTAGRAM_GRAPH_URL = 'https://graph.facebook.com/v26.0';

  /** A Facebook user (or system user) access token with instagram_basic, instagram_manage_insights and pages_read_engagement. */
  @IsOptional() @IsString()
  INSTAGRAM_ACCESS_TOKEN?: string;

  /** The Instagram professional account (IG user id) the token belongs to: Business Discovery reads through it. */
  @IsOptional() @IsString() @Matches(/^\d+$/, { message: 'must be the numeric Instagram user id of the brand\'s professional account' })
  INSTAGRAM_BUSINESS_ACCOUNT_ID?: string;

  /** Requests per window to the Graph API per token ("requests/seconds"); default 200/3600, Instagram's per-user figure. */
  @IsOptional() @IsString() @Matches(/^\d+\/\d+$/, { message: 'must be "requests/seconds", e.g. "200/3600"' })
  INSTAGRAM_RATE_LIMIT?: string;

  /** Accounts scoring at least this (overall, 1-100) are refreshed daily, with those on shortlists and in campaigns. */
  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsOptional() @IsInt() @Min(1) @Max(100)
  REFRESH_MIN_SCORE = 60;
}

export type AppConfig = Readonly<EnvironmentVariables> & {
  readonly billingEnabled: boolean;
  readonly smtpEnabled: boolean;
};

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = Object.keys(new EnvironmentVariables());
  const raw: Record<string, unknown> = {};
  for (const key of [...known, 'DATABASE_URL', 'SMTP_URL', 'STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET', 'STRIPE_API_URL', 'STRIPE_PRICE_GROWTH', 'STRIPE_PRICE_SCALE', 'STRIPE_PRICE_INVITATIONS_METERED', 'STRIPE_METER_INVITATIONS', 'BLUESKY_HANDLE', 'BLUESKY_APP_PASSWORD', 'MASTODON_ACCESS_TOKEN', 'BLUESKY_RATE_LIMIT', 'MASTODON_RATE_LIMIT', 'YOUTUBE_API_KEY', 'INSTAGRAM_ACCESS_TOKEN', 'INSTAGRAM_BUSINESS_ACCOUNT_ID', 'INSTAGRAM_RATE_LIMIT', 'YOUTUBE_RATE_LIMIT']) {
    if (env[key] !== undefined && env[key] !== '') raw[key] = env[key];
  }
  const config = plainToInstance(EnvironmentVariables, raw, { exposeDefaultValues: true });
  const errors = validateSync(config, { skipMissingProperties: false });
  const problems = errors.map((e) => {
    const shown = /SECRET|KEY|PASSWORD|TOKEN/.test(e.property) ? '(hidden)' : JSON.stringify(raw[e.property] ?? e.value);
    return `${e.property}=${shown}: ${Object.values(e.constraints ?? {}).join('; ')}`;
  });
  if (config.STRIPE_SECRET_KEY && !config.STRIPE_WEBHOOK_SECRET) {
    problems.push('STRIPE_WEBHOOK_SECRET: required when STRIPE_SECRET_KEY is set (webhooks must be verified)');
  }
  if (problems.length) {
    throw new ConfigError(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
  return Object.freeze(
    Object.assign(config, {
      billingEnabled: Boolean(config.STRIPE_SECRET_KEY),
      smtpEnabled: Boolean(config.SMTP_URL),
    }),
  );
}
