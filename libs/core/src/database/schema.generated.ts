// The tables of a database migrated with migrations/ (kysely-codegen, from `npm run schema:sql`).
// Do not edit: change a migration and regenerate. SQL row types come from here (see ./sql-rows.ts).
import type { ColumnType } from "kysely";

export type ArrayType<T> = ArrayTypeImpl<T> extends (infer U)[]
  ? U[]
  : ArrayTypeImpl<T>;

export type ArrayTypeImpl<T> = T extends ColumnType<infer S, infer I, infer U>
  ? ColumnType<S[], I[], U[]>
  : T[];

export type Generated<T> = T extends ColumnType<infer S, infer I, infer U>
  ? ColumnType<S, I | undefined, U>
  : ColumnType<T, T | undefined, T>;

export type Int8 = ColumnType<string, bigint | number | string, bigint | number | string>;

export type Json = JsonValue;

export type JsonArray = JsonValue[];

export type JsonObject = {
  [x: string]: JsonValue | undefined;
};

export type JsonPrimitive = boolean | number | string | null;

export type JsonValue = JsonArray | JsonObject | JsonPrimitive;

export type Numeric = ColumnType<string, number | string, number | string>;

export type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface AccountAudienceQuality {
  account_id: Int8;
  breakdown: Json;
  computed_at: Timestamp;
  engagement_authenticity: number | null;
  growth_anomalies: Generated<number>;
  mass_follower_share: number | null;
  model_version: string;
  sample_size: number;
  score: number;
  suspicious_engager_share: number | null;
  suspicious_follower_share: number | null;
}

export interface AccountLookups {
  account_id: Int8 | null;
  brand_id: string | null;
  finished_at: Timestamp | null;
  id: Generated<Int8>;
  message: string | null;
  platform: string;
  query: string;
  requested_at: Generated<Timestamp>;
  status: Generated<string>;
}

export interface AccountMetricsHistory {
  account_id: Int8;
  followers_count: Int8 | null;
  following_count: Int8 | null;
  listed_count: Int8 | null;
  observed_at: Timestamp;
  posts_count: Int8 | null;
}

export interface AccountScoreSnapshots {
  account_id: Int8;
  amplification_score: number;
  computed_at: Generated<Timestamp>;
  contributions: Generated<number[]>;
  day: Timestamp;
  is_final: Generated<boolean>;
  model_version: string;
  network_score: number;
  percentile: number;
  raw: number;
  reach_score: number;
  run_id: Int8;
  score: number;
  signals: Generated<number[]>;
  top_engager_ids: Generated<ArrayType<Int8>>;
  top_engager_weights: Generated<number[]>;
}

export interface AccountTopicEvidence {
  account_id: Int8;
  child_topic_id: string | null;
  computed_at: Timestamp;
  detail: string | null;
  id: Generated<Int8>;
  kind: string;
  other_account_id: Int8 | null;
  post_id: Int8 | null;
  topic_id: string;
  weight: number;
}

export interface AccountTopicHides {
  account_id: Int8;
  hidden_at: Generated<Timestamp>;
  hidden_by: string;
  hidden_by_user_id: string | null;
  reason: string | null;
  topic_id: string;
}

export interface AccountTopics {
  account_id: Int8;
  computed_at: Timestamp;
  direct_weight: number;
  endorsement_count: number;
  engager_count: number;
  organic_weight: number;
  post_count: number;
  rank: number;
  topic_id: string;
  weight: number;
}

export interface AccountTopicScores {
  account_id: Int8;
  computed_at: Timestamp;
  language: string | null;
  percentile: number;
  platform: string;
  score: number;
  topic_id: string;
  topic_rank: number;
}

export interface ApiKeys {
  brand_id: string;
  created_at: Generated<Timestamp>;
  created_by: string | null;
  id: Generated<string>;
  kind: Generated<string>;
  last_used_at: Timestamp | null;
  name: string;
  prefix: string;
  revoked_at: Timestamp | null;
  secret_hash: Buffer;
}

export interface BillingAccounts {
  brand_id: string;
  cancel_at_period_end: Generated<boolean>;
  created_at: Generated<Timestamp>;
  current_period_end: Timestamp | null;
  current_period_start: Timestamp | null;
  last_stripe_event_at: Timestamp | null;
  past_due_since: Timestamp | null;
  plan: string;
  status: string;
  stripe_customer_id: string | null;
  stripe_subscription_id: string | null;
  trial_ends_at: Timestamp | null;
  updated_at: Generated<Timestamp>;
}

export interface BillingMeterReports {
  attempts: Generated<number>;
  brand_id: string;
  id: Generated<string>;
  last_error: string | null;
  metric: string;
  occurred_at: Generated<Timestamp>;
  quantity: number;
  sent_at: Timestamp | null;
  source_key: string;
  status: Generated<string>;
}

export interface BillingStripeEvents {
  brand_id: string | null;
  event_id: string;
  outcome: string;
  processed_at: Generated<Timestamp>;
  stripe_created_at: Timestamp;
  type: string;
}

export interface BillingUsageCounters {
  brand_id: string;
  metric: string;
  period_start: Timestamp;
  used: Generated<Int8>;
}

export interface BillingUsageRecords {
  brand_id: string;
  created_at: Generated<Timestamp>;
  idempotency_key: string;
  metric: string;
  overage: Generated<number>;
  period_start: Timestamp;
  quantity: number;
}

export interface BrandAlertDigests {
  brand_id: string;
  created_at: Generated<Timestamp>;
  event_count: number;
  id: Generated<string>;
  recipient_count: number;
}

export interface BrandAlertEvents {
  actor_account_id: Int8;
  actor_score: number;
  brand_account_id: Int8;
  brand_id: string;
  detected_at: Generated<Timestamp>;
  digest_id: string | null;
  id: Generated<string>;
  interaction_id: Int8;
  occurred_at: Timestamp | null;
  post_id: Int8 | null;
  type: string;
}

export interface BrandAlertScanState {
  last_interaction_id: Generated<Int8>;
  scanned_at: Timestamp | null;
  singleton: Generated<boolean>;
}

export interface BrandAlertSettings {
  brand_id: string;
  digest_period: Generated<string>;
  enabled: Generated<boolean>;
  min_score: number;
  updated_at: Generated<Timestamp>;
  webhook_secret: string | null;
  webhook_secret_hint: string | null;
  webhook_url: string | null;
}

export interface BrandAudienceComputations {
  audience_size: number;
  brand_id: string;
  computed_at: Timestamp;
  edge_count: number;
  iterations: number;
  truncated: Generated<boolean>;
}

export interface BrandAudienceRanks {
  account_id: Int8;
  audience_share: number;
  brand_id: string;
  engaged_posts: number;
  followed_since: Timestamp | null;
  follows: boolean;
  last_interaction_at: Timestamp | null;
  mentions: number;
  relative_rank: number;
  relative_score: number;
}

export interface Brands {
  created_at: Generated<Timestamp>;
  id: Generated<string>;
  name: string;
  updated_at: Generated<Timestamp>;
}

export interface BrandSocialAccounts {
  account_id: Int8;
  added_by: string | null;
  alert_baseline_interaction_id: Generated<Int8>;
  brand_id: string;
  created_at: Generated<Timestamp>;
}

export interface BrandWebhookDeliveries {
  attempts: Generated<number>;
  body: string;
  brand_id: string;
  created_at: Generated<Timestamp>;
  delivered_at: Timestamp | null;
  event_id: string;
  id: Generated<string>;
  last_error: string | null;
  last_status_code: number | null;
  status: Generated<string>;
  updated_at: Generated<Timestamp>;
  url: string;
}

export interface CampaignApplications {
  brand_id: string;
  campaign_id: Int8;
  created_at: Generated<Timestamp>;
  decided_at: Timestamp | null;
  email: string | null;
  handle: string;
  id: Generated<Int8>;
  invitation_id: Int8 | null;
  pitch: Generated<string>;
  platform: string;
  social_account_id: Int8 | null;
  status: Generated<string>;
}

export interface CampaignCodes {
  assigned_at: Timestamp | null;
  brand_id: string;
  campaign_id: Int8;
  claim_id: Int8 | null;
  code: string;
  created_at: Generated<Timestamp>;
  id: Generated<Int8>;
}

export interface CampaignMailRate {
  brand_id: string;
  next_slot_at: Generated<Timestamp>;
  per_minute: Generated<number>;
}

export interface CampaignPosts {
  brand_id: string;
  campaign_id: Int8;
  claim_id: Int8;
  disclosed: boolean;
  disclosure_tag: string | null;
  id: Generated<Int8>;
  linked_at: Generated<Timestamp>;
  matched_by: string;
  post_id: Int8;
}

export interface Campaigns {
  brand_id: string;
  brief: Generated<string>;
  claim_deadline: Timestamp;
  claimed_count: Generated<number>;
  created_at: Generated<Timestamp>;
  disclosure_required: Generated<boolean>;
  ends_at: Timestamp | null;
  expected_hashtags: Generated<string[]>;
  expected_link: string | null;
  expected_mentions: Generated<string[]>;
  id: Generated<Int8>;
  limit_per_person: Generated<number>;
  name: string;
  open_to_applications: Generated<boolean>;
  perk_description: Generated<string>;
  perk_instructions: Generated<string>;
  perk_kind: string;
  perk_title: string;
  perk_variants: Generated<string[]>;
  quantity: number;
  ships_to_countries: Generated<string[]>;
  starts_at: Timestamp | null;
  status: Generated<string>;
  targeting: Generated<Json>;
  terms: Generated<string>;
  updated_at: Generated<Timestamp>;
}

export interface Claims {
  brand_id: string;
  campaign_id: Int8;
  carrier: string | null;
  contact_id: Int8;
  created_at: Generated<Timestamp>;
  disclosure_reminded_at: Timestamp | null;
  erased_at: Timestamp | null;
  id: Generated<Int8>;
  invitation_id: Int8;
  shipped_at: Timestamp | null;
  shipping_address: Json | null;
  status: Generated<string>;
  tracking_number: string | null;
  variant: string | null;
}

export interface CrawlFrontier {
  account_id: Int8 | null;
  attempts: Generated<number>;
  claimed_at: Timestamp | null;
  crawl_id: Int8;
  depth: Generated<number>;
  fetched_at: Timestamp | null;
  found_at: Generated<Timestamp>;
  handle: string | null;
  reason: string | null;
  ref: string;
  relevance: number | null;
  seq: Generated<Int8>;
  status: Generated<string>;
  via: string;
}

export interface CrawlQuarantine {
  crawl_id: Int8 | null;
  created_at: Generated<Timestamp>;
  id: Generated<Int8>;
  raw: string | null;
  reason: string;
  url: string;
}

export interface Crawls {
  brand_id: string | null;
  created_at: Generated<Timestamp>;
  finished_at: Timestamp | null;
  id: Generated<Int8>;
  max_accounts: number | null;
  max_hours: Numeric | null;
  network: string;
  origin: string;
  rate_limit: Json | null;
  requests: Generated<Int8>;
  started_at: Timestamp | null;
  status: Generated<string>;
  status_reason: string | null;
  terms: string[];
  topic_slugs: string[];
  updated_at: Generated<Timestamp>;
}

export interface CrawlSeedCursors {
  crawl_id: Int8;
  cursor: string | null;
  exhausted: Generated<boolean>;
  pages: Generated<number>;
  term: string;
}

export interface CreatorHandleClaims {
  created_at: Generated<Timestamp>;
  handle: string;
  id: Generated<Int8>;
  platform: string;
  proof_code: string;
  proven_at: Timestamp | null;
  proven_by_post_id: Int8 | null;
  signup_id: Int8;
  social_account_id: Int8 | null;
}

export interface CreatorSignups {
  created_at: Generated<Timestamp>;
  email: string;
  email_token_expires_at: Timestamp | null;
  email_token_hash: Buffer | null;
  email_verified_at: Timestamp | null;
  id: Generated<Int8>;
}

export interface DeveloperApiRateCounters {
  api_key_id: string;
  request_count: number;
  window_seconds: number;
  window_start: Timestamp;
}

export interface DiscoverySearches {
  account_ids: ArrayType<Int8>;
  brand_id: string;
  created_at: Generated<Timestamp>;
  exhausted: boolean;
  expires_at: Timestamp;
  filter: Json;
  id: Generated<string>;
  interpretation: Json;
  locale: Generated<string>;
  query: Generated<string>;
  rank_scores: number[];
}

export interface EmailVerifications {
  created_at: Generated<Timestamp>;
  expires_at: Timestamp;
  id: Generated<string>;
  token_hash: Buffer;
  used_at: Timestamp | null;
  user_id: string;
}

export interface ImportQuarantine {
  created_at: Generated<Timestamp>;
  file: string | null;
  id: Generated<Int8>;
  import_run_id: Int8;
  line_or_offset: Int8 | null;
  raw: string | null;
  reason: string;
}

export interface ImportRunAccounts {
  account_id: Int8;
  import_run_id: Int8;
}

export interface ImportRuns {
  checkpoint: Json | null;
  counts_by_entity: Generated<Json>;
  error: string | null;
  file: string | null;
  file_fingerprint: string | null;
  finished_at: Timestamp | null;
  format: string;
  id: Generated<Int8>;
  inserted_count: Generated<Int8>;
  quarantined_count: Generated<Int8>;
  read_count: Generated<Int8>;
  source: string;
  started_at: Generated<Timestamp>;
  status: string;
  unchanged_count: Generated<Int8>;
  updated_count: Generated<Int8>;
}

export interface InfluencerContacts {
  brand_id: string;
  consent_basis: string;
  consent_note: string | null;
  created_at: Generated<Timestamp>;
  display_name: string | null;
  email: string | null;
  erased_at: Timestamp | null;
  handle: string | null;
  id: Generated<Int8>;
  platform: string | null;
  social_account_id: Int8 | null;
  source: string;
}

export interface InfluencerDeletionRequests {
  contacts_erased: number | null;
  created_at: Generated<Timestamp>;
  done_at: Timestamp | null;
  email: string;
  expires_at: Timestamp;
  token_hash: Buffer;
}

export interface IngestionLiveCursors {
  connector: string;
  cursor: string;
  events_processed: Generated<Int8>;
  source_url: string;
  updated_at: Generated<Timestamp>;
}

export interface Interactions {
  actor_account_id: Int8;
  deleted_at: Timestamp | null;
  id: Generated<Int8>;
  occurred_at: Timestamp | null;
  platform: string;
  post_id: Int8 | null;
  source_ref: string | null;
  target_account_id: Int8;
  type: string;
  weight: Generated<number>;
}

export interface InvitationLinks {
  created_at: Generated<Timestamp>;
  invitation_id: Int8;
  purpose: string;
  token_hash: Buffer;
}

export interface Invitations {
  brand_id: string;
  campaign_id: Int8;
  contact_id: Int8;
  created_at: Generated<Timestamp>;
  expires_at: Timestamp;
  id: Generated<Int8>;
  mail_queued_at: Timestamp | null;
  opened_at: Timestamp | null;
  reminded_at: Timestamp | null;
  revoked_at: Timestamp | null;
  status: Generated<string>;
  used_at: Timestamp | null;
}

export interface LoginAttempts {
  attempted_at: Generated<Timestamp>;
  email: string;
  id: Generated<Int8>;
  ip: string;
  succeeded: Generated<boolean>;
}

export interface MailOutbox {
  attempts: Generated<number>;
  brand_id: string | null;
  created_at: Generated<Timestamp>;
  dedupe_key: string | null;
  from_address: string;
  headers: Generated<Json>;
  html: string;
  id: Generated<string>;
  kind: string;
  last_error: string | null;
  provider_message_id: string | null;
  sent_at: Timestamp | null;
  status: Generated<string>;
  subject: string;
  text: string;
  to_address: string;
  updated_at: Generated<Timestamp>;
}

export interface MailSuppressions {
  created_at: Generated<Timestamp>;
  email: string;
  reason: string;
}

export interface MailUnsubscribeTokens {
  brand_id: string | null;
  created_at: Generated<Timestamp>;
  email: string;
  token_hash: Buffer;
  used_at: Timestamp | null;
}

export interface Memberships {
  brand_id: string;
  created_at: Generated<Timestamp>;
  role: string;
  user_id: string;
}

export interface NetworkCredentials {
  account_id: string | null;
  brand_id: string;
  network: string;
  secret: string;
  updated_at: Generated<Timestamp>;
  updated_by: string | null;
}

export interface NetworkOptOuts {
  external_id: string;
  handle: string | null;
  platform: string;
  reason: string;
  seen_at: Generated<Timestamp>;
}

export interface NetworkQuotaLedger {
  bucket: string;
  credential: string;
  exhausted_at: Timestamp | null;
  network: string;
  quota: number;
  quota_day: Timestamp;
  updated_at: Generated<Timestamp>;
  used: Generated<number>;
}

export interface Persons {
  created_at: Generated<Timestamp>;
  display_name: string | null;
  id: Generated<Int8>;
}

export interface PersonScoreSnapshots {
  account_ids: ArrayType<Int8>;
  best_account_id: Int8;
  computed_at: Generated<Timestamp>;
  day: Timestamp;
  is_final: Generated<boolean>;
  model_version: string;
  percentile: number;
  person_id: Int8;
  run_id: Int8;
  score: number;
}

export interface PostMetricsHistory {
  impression_count: Int8 | null;
  like_count: Int8 | null;
  observed_at: Timestamp;
  post_id: Int8;
  quote_count: Int8 | null;
  reply_count: Int8 | null;
  repost_count: Int8 | null;
}

export interface Posts {
  annotations: Json | null;
  author_account_id: Int8 | null;
  deleted_at: Timestamp | null;
  external_id: string;
  first_seen_at: Generated<Timestamp>;
  hashtags: string[] | null;
  id: Generated<Int8>;
  impression_count: Int8 | null;
  is_stub: Generated<boolean>;
  language: string | null;
  like_count: Int8 | null;
  mentioned_account_ids: ArrayType<Int8> | null;
  metrics_observed_at: Timestamp | null;
  platform: string;
  posted_at: Timestamp | null;
  quote_count: Int8 | null;
  quote_of_post_id: Int8 | null;
  reply_count: Int8 | null;
  reply_to_post_id: Int8 | null;
  repost_count: Int8 | null;
  repost_of_post_id: Int8 | null;
  text: string | null;
  updated_at: Generated<Timestamp>;
  urls: string[] | null;
}

export interface PostTopicClassifications {
  classified_at: Generated<Timestamp>;
  classifier_version: string;
  post_id: Int8;
}

export interface PostTopics {
  classified_at: Generated<Timestamp>;
  post_id: Int8;
  sources: string[];
  topic_id: string;
  weight: number;
}

export interface ScoringRuns {
  accounts_scored: number | null;
  as_of_day: Timestamp;
  calibration: Json | null;
  error: string | null;
  finished_at: Timestamp | null;
  id: Generated<Int8>;
  model_version: string;
  progress: Generated<number>;
  stage: string;
  stage_timings: Generated<Json>;
  started_at: Generated<Timestamp>;
  status: string;
  trigger: string;
}

export interface Sessions {
  brand_id: string | null;
  created_at: Generated<Timestamp>;
  expires_at: Timestamp;
  id: Generated<string>;
  ip: string | null;
  last_seen_at: Generated<Timestamp>;
  revoked_at: Timestamp | null;
  token_hash: Buffer;
  user_agent: string | null;
  user_id: string;
}

export interface ShortlistEntries {
  account_id: Int8;
  added_at: Generated<Timestamp>;
  brand_id: string;
  note: Generated<string>;
  shortlist_id: Int8;
  tags: Generated<string[]>;
  updated_at: Generated<Timestamp>;
}

export interface Shortlists {
  brand_id: string;
  created_at: Generated<Timestamp>;
  description: Generated<string>;
  id: Generated<Int8>;
  name: string;
  updated_at: Generated<Timestamp>;
}

export interface SocialAccounts {
  account_created_at: Timestamp | null;
  bio: string | null;
  details: Json | null;
  display_name: string | null;
  external_id: string;
  first_seen_at: Generated<Timestamp>;
  followers_count: Int8 | null;
  following_count: Int8 | null;
  handle: string | null;
  id: Generated<Int8>;
  is_stub: Generated<boolean>;
  language: string | null;
  last_fetched_at: Timestamp | null;
  links: string[] | null;
  listed_count: Int8 | null;
  location: string | null;
  metrics_observed_at: Timestamp | null;
  person_id: Int8 | null;
  platform: string;
  posts_count: Int8 | null;
  updated_at: Generated<Timestamp>;
  verified: boolean | null;
}

export interface TeamInvitations {
  brand_id: string;
  created_at: Generated<Timestamp>;
  email: string;
  expires_at: Timestamp;
  id: Generated<string>;
  invited_by: string | null;
  revoked_at: Timestamp | null;
  role: string;
  token_hash: Buffer;
  used_at: Timestamp | null;
}

export interface TopicAliases {
  alias: string;
  locale: string | null;
  source: string;
  topic_id: string;
}

export interface TopicEdges {
  child_id: string;
  parent_id: string;
}

export interface TopicEndorsements {
  account_id: Int8;
  created_at: Generated<Timestamp>;
  created_by_user_id: string | null;
  endorser_account_id: Int8;
  id: Generated<Int8>;
  topic_id: string;
}

export interface TopicNames {
  locale: string;
  name: string;
  topic_id: string;
}

export interface Topics {
  display_name: string;
  freebase_id: string | null;
  id: string;
  is_super: Generated<boolean>;
  slug: string;
  wiki_item_id: string | null;
}

export interface Users {
  created_at: Generated<Timestamp>;
  email: string;
  email_verified_at: Timestamp | null;
  id: Generated<string>;
  is_operator: Generated<boolean>;
  name: Generated<string>;
  password_hash: string;
  updated_at: Generated<Timestamp>;
}

export interface DB {
  account_audience_quality: AccountAudienceQuality;
  account_lookups: AccountLookups;
  account_metrics_history: AccountMetricsHistory;
  account_score_snapshots: AccountScoreSnapshots;
  account_topic_evidence: AccountTopicEvidence;
  account_topic_hides: AccountTopicHides;
  account_topic_scores: AccountTopicScores;
  account_topics: AccountTopics;
  api_keys: ApiKeys;
  billing_accounts: BillingAccounts;
  billing_meter_reports: BillingMeterReports;
  billing_stripe_events: BillingStripeEvents;
  billing_usage_counters: BillingUsageCounters;
  billing_usage_records: BillingUsageRecords;
  brand_alert_digests: BrandAlertDigests;
  brand_alert_events: BrandAlertEvents;
  brand_alert_scan_state: BrandAlertScanState;
  brand_alert_settings: BrandAlertSettings;
  brand_audience_computations: BrandAudienceComputations;
  brand_audience_ranks: BrandAudienceRanks;
  brand_social_accounts: BrandSocialAccounts;
  brand_webhook_deliveries: BrandWebhookDeliveries;
  brands: Brands;
  campaign_applications: CampaignApplications;
  campaign_codes: CampaignCodes;
  campaign_mail_rate: CampaignMailRate;
  campaign_posts: CampaignPosts;
  campaigns: Campaigns;
  claims: Claims;
  crawl_frontier: CrawlFrontier;
  crawl_quarantine: CrawlQuarantine;
  crawl_seed_cursors: CrawlSeedCursors;
  crawls: Crawls;
  creator_handle_claims: CreatorHandleClaims;
  creator_signups: CreatorSignups;
  developer_api_rate_counters: DeveloperApiRateCounters;
  discovery_searches: DiscoverySearches;
  email_verifications: EmailVerifications;
  import_quarantine: ImportQuarantine;
  import_run_accounts: ImportRunAccounts;
  import_runs: ImportRuns;
  influencer_contacts: InfluencerContacts;
  influencer_deletion_requests: InfluencerDeletionRequests;
  ingestion_live_cursors: IngestionLiveCursors;
  interactions: Interactions;
  invitation_links: InvitationLinks;
  invitations: Invitations;
  login_attempts: LoginAttempts;
  mail_outbox: MailOutbox;
  mail_suppressions: MailSuppressions;
  mail_unsubscribe_tokens: MailUnsubscribeTokens;
  memberships: Memberships;
  network_credentials: NetworkCredentials;
  network_opt_outs: NetworkOptOuts;
  network_quota_ledger: NetworkQuotaLedger;
  person_score_snapshots: PersonScoreSnapshots;
  persons: Persons;
  post_metrics_history: PostMetricsHistory;
  post_topic_classifications: PostTopicClassifications;
  post_topics: PostTopics;
  posts: Posts;
  scoring_runs: ScoringRuns;
  sessions: Sessions;
  shortlist_entries: ShortlistEntries;
  shortlists: Shortlists;
  social_accounts: SocialAccounts;
  team_invitations: TeamInvitations;
  topic_aliases: TopicAliases;
  topic_edges: TopicEdges;
  topic_endorsements: TopicEndorsements;
  topic_names: TopicNames;
  topics: Topics;
  users: Users;
}
