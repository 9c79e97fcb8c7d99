import { CoreExtensions1763700000000 } from './1763700000000-core-extensions.js';
import { SocialGraph1763720000001 } from './1763720000001-social-graph.js';
import { LiveConnectorCursors1763720000050 } from './1763720000050-live-connector-cursors.js';
import { InteractionWeight1763720000002 } from './1763720000002-interaction-weight.js';
import { Accounts1763710000001 } from './1763710000001-accounts.js';
import { LoginAttempts1763710000002 } from './1763710000002-login-attempts.js';
import { MailOutbox1763710000003 } from './1763710000003-mail-outbox.js';
import { TopicOntology1763730000050 } from './1763730000050-topic-ontology.js';
import { AccountTopics1763730000051 } from './1763730000051-account-topics.js';
import { PostTopicClassifications1763730000052 } from './1763730000052-post-topic-classifications.js';
import { Billing1763740000001 } from './1763740000001-billing.js';
import { UsageLimitRefusal1763740000002 } from './1763740000002-usage-limit-refusal.js';
import { InfluenceScores1763730000001 } from './1763730000001-influence-scores.js';
import { Campaigns1763750000001 } from './1763750000001-campaigns.js';
import { CreatorSignupExpiry1763750000002 } from './1763750000002-creator-signup-expiry.js';
import { InfluencerDeletionRequests1763750000003 } from './1763750000003-influencer-deletion-requests.js';
import { CompactScoreSnapshots1763730000002 } from './1763730000002-compact-score-snapshots.js';
import { AccountAudienceQuality1763760000010 } from './1763760000010-account-audience-quality.js';
import { DeveloperApiRateLimits1763760000040 } from './1763760000040-developer-api-rate-limits.js';
import { BrandAudience1763760000020 } from './1763760000020-brand-audience.js';
import { Shortlists1763760000030 } from './1763760000030-shortlists.js';
import { DiscoverySearches1763760000001 } from './1763760000001-discovery-searches.js';
import { AuthChangeNotifications1763710000004 } from './1763710000004-auth-change-notifications.js';
import { NetworkCrawls1763770000001 } from './1763770000001-network-crawls.js';
import { ApiKeyKinds1763710000005 } from './1763710000005-api-key-kinds.js';
import { VideoAndPhotoNetworks1763770000010 } from './1763770000010-video-and-photo-networks.js';

/**
 * Every migration, in order. Each file is one reviewed change with a working `down`. Add new ones at the end
 * (timestamps: core 17637000..., accounts 17637100..., ingestion 17637200..., scoring 17637300...,
 * billing 17637400..., campaigns 17637500..., discovery 17637600..., sources 17637700...).
 */
export const migrations = [CoreExtensions1763700000000, SocialGraph1763720000001, Accounts1763710000001, LoginAttempts1763710000002, MailOutbox1763710000003, TopicOntology1763730000050, AccountTopics1763730000051, Billing1763740000001, InfluenceScores1763730000001, InteractionWeight1763720000002, LiveConnectorCursors1763720000050, Campaigns1763750000001, CreatorSignupExpiry1763750000002, CompactScoreSnapshots1763730000002, PostTopicClassifications1763730000052, InfluencerDeletionRequests1763750000003, AccountAudienceQuality1763760000010, DeveloperApiRateLimits1763760000040, BrandAudience1763760000020, Shortlists1763760000030, DiscoverySearches1763760000001, UsageLimitRefusal1763740000002, AuthChangeNotifications1763710000004, NetworkCrawls1763770000001, ApiKeyKinds1763710000005, VideoAndPhotoNetworks1763770000010];
