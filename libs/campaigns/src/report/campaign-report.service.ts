import { Injectable } from '@nestjs/common';
import type { BrandId } from '@renown/accounts';
import { stringify } from 'csv-stringify/sync';
import { CampaignRepository } from '../campaigns/campaign.repository.js';
import { BrandScopedSql } from '../brand-scoped-sql.js';
import { earnedMediaValue, EMV_FORMULA_VERSION } from './earned-media-value.js';

export interface InfluencerReportRow {
  invitationId: string;
  platform: string | null;
  handle: string | null;
  status: string;
  openedLink: boolean;
  claimed: boolean;
  posts: number;
  disclosedPosts: number;
  engagements: number;
  reach: number;
  emvCents: number;
}

export interface CampaignReport {
  campaignId: string;
  formulaVersion: string;
  invited: number;
  openedLink: number;
  claimed: number;
  declined: number;
  posted: number;
  posts: number;
  disclosedPosts: number;
  engagements: number;
  reach: number;
  emvCents: number;
  influencers: InfluencerReportRow[];
}

/**
 * The campaign report: the funnel (invited -> opened the link -> claimed -> posted) and what the posts
 * earned (engagements, reach, EMV by the versioned formula in earned-media-value.ts), per influencer and in
 * total. Counts survive a deletion request: erased contacts stay as anonymous rows.
 */
@Injectable()
export class CampaignReportService {
  constructor(
    private readonly scoped: BrandScopedSql,
    private readonly campaigns: CampaignRepository,
  ) {}

  async report(brandId: BrandId, campaignId: string): Promise<CampaignReport> {
    await this.campaigns.findOrFail(brandId, campaignId);
    const people = await this.scoped.rows<{ invitationId: string; platform: string | null; handle: string | null; status: string; opened: boolean; claimId: string | null }>(
      brandId,
      `SELECT i.id AS "invitationId", ct.platform, ct.handle, i.status, (i.opened_at IS NOT NULL) AS opened, cl.id AS "claimId"
         FROM invitations i JOIN influencer_contacts ct ON ct.id = i.contact_id LEFT JOIN claims cl ON cl.invitation_id = i.id
        WHERE i.brand_id = $1 AND i.campaign_id = $2 ORDER BY i.id`, [campaignId]);
    const posts = await this.scoped.rows<{ claimId: string; disclosed: boolean; likes: string | null; replies: string | null; reposts: string | null; quotes: string | null; impressions: string | null; followers: string | null }>(
      brandId,
      `SELECT cp.claim_id AS "claimId", cp.disclosed, p.like_count AS likes, p.reply_count AS replies, p.repost_count AS reposts,
              p.quote_count AS quotes, p.impression_count AS impressions, a.followers_count AS followers
         FROM campaign_posts cp JOIN posts p ON p.id = cp.post_id LEFT JOIN social_accounts a ON a.id = p.author_account_id
        WHERE cp.brand_id = $1 AND cp.campaign_id = $2`, [campaignId]);
    const byClaim = new Map<string, { posts: number; disclosed: number; engagements: number; reach: number; emvCents: number }>();
    const n = (v: string | null) => (v === null ? 0 : Number(v));
    for (const p of posts) {
      const emv = earnedMediaValue({ likes: n(p.likes), replies: n(p.replies), reposts: n(p.reposts), quotes: n(p.quotes), impressions: p.impressions === null ? null : Number(p.impressions), authorFollowers: p.followers === null ? null : Number(p.followers) });
      const agg = byClaim.get(p.claimId) ?? { posts: 0, disclosed: 0, engagements: 0, reach: 0, emvCents: 0 };
      agg.posts++;
      agg.disclosed += p.disclosed ? 1 : 0;
      agg.engagements += emv.engagements;
      agg.reach += emv.reach;
      agg.emvCents += emv.emvCents;
      byClaim.set(p.claimId, agg);
    }
    const influencers: InfluencerReportRow[] = people.map((r) => {
      const agg = (r.claimId && byClaim.get(r.claimId)) || { posts: 0, disclosed: 0, engagements: 0, reach: 0, emvCents: 0 };
      return {
        invitationId: r.invitationId, platform: r.platform, handle: r.handle, status: r.status, openedLink: r.opened, claimed: Boolean(r.claimId),
        posts: agg.posts, disclosedPosts: agg.disclosed, engagements: agg.engagements, reach: agg.reach, emvCents: agg.emvCents,
      };
    });
    const sum = (k: keyof InfluencerReportRow) => influencers.reduce((s, r) => s + (r[k] as number), 0);
    return {
      campaignId,
      formulaVersion: EMV_FORMULA_VERSION,
      invited: influencers.length,
      openedLink: influencers.filter((r) => r.openedLink).length,
      claimed: influencers.filter((r) => r.claimed).length,
      declined: influencers.filter((r) => r.status === 'declined').length,
      posted: influencers.filter((r) => r.posts > 0).length,
      posts: sum('posts'),
      disclosedPosts: sum('disclosedPosts'),
      engagements: sum('engagements'),
      reach: sum('reach'),
      emvCents: sum('emvCents'),
      influencers,
    };
  }

  /** The report as CSV: one line per invited influencer, then a TOTAL line; EMV in dollars with its formula version. */
  async reportCsv(brandId: BrandId, campaignId: string): Promise<string> {
    const r = await this.report(brandId, campaignId);
    const usd = (cents: number) => (cents / 100).toFixed(2);
    const rows = r.influencers.map((i) => [i.platform ?? '', i.handle ?? '(erased)', i.status, i.openedLink ? 'yes' : 'no', i.claimed ? 'yes' : 'no', i.posts, i.disclosedPosts, i.engagements, i.reach, usd(i.emvCents), r.formulaVersion]);
    rows.push(['TOTAL', `${r.invited} invited`, '', String(r.openedLink), String(r.claimed), r.posts, r.disclosedPosts, r.engagements, r.reach, usd(r.emvCents), r.formulaVersion]);
    return stringify(rows, { header: true, columns: ['platform', 'handle', 'status', 'opened_link', 'claimed', 'posts', 'disclosed_posts', 'engagements', 'reach', 'emv_usd', 'emv_formula'] });
  }

  async campaignExists(brandId: BrandId, campaignId: string): Promise<boolean> {
    if (!/^\d{1,18}$/.test(campaignId)) return false;
    return Boolean(await this.scoped.one(brandId, `SELECT 1 FROM campaigns WHERE brand_id = $1 AND id = $2`, [campaignId]));
  }
}
