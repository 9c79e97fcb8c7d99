import type { NumberRange } from '../interpret/interpret-search-query.js';

export type TopicMatchMode = 'ANY' | 'ALL';

/** Every filter a search applies, after the typed query and the explicit filter were merged and checked. */
export interface AppliedFilter {
  topicIds: string[];
  topicMatch: TopicMatchMode;
  /** Range of the influence score inside the searched topics (the account's best one), 1-100. */
  topicScore: NumberRange | null;
  /** Range of the overall influence score, 1-100. */
  score: NumberRange | null;
  platforms: string[];
  languages: string[];
  /** Substrings of the account's location, any of them. */
  locations: string[];
  followers: NumberRange | null;
  /** Engagements per post over followers (0.02 = 2%). */
  engagementRate: NumberRange | null;
  activeWithinDays: number | null;
  audienceQualityMin: number | null;
  hasContactEmail: boolean | null;
  notInvitedToCampaignId: string | null;
}

export const EMPTY_FILTER: AppliedFilter = {
  topicIds: [],
  topicMatch: 'ANY',
  topicScore: null,
  score: null,
  platforms: [],
  languages: [],
  locations: [],
  followers: null,
  engagementRate: null,
  activeWithinDays: null,
  audienceQualityMin: null,
  hasContactEmail: null,
  notInvitedToCampaignId: null,
};
