import { Injectable } from '@nestjs/common';
import { JobHandler, logger } from '@renown/core';
import { DataSource } from 'typeorm';
import { CampaignMailer } from '../mail/campaign-mailer.js';
import { renderDisclosureReminderMail } from '../mail/render-campaign-mail.js';
import { sqlOne, sqlRows } from '../sql-rows.js';
import { checkDisclosure } from './check-disclosure.js';

export const LINK_CAMPAIGN_POSTS_QUEUE = 'campaigns.link-posts';

/** Campaigns that ended longer ago than this stop collecting posts. */
const FOLLOW_UP_DAYS = 90;

interface Candidate {
  postId: string;
  claimId: string;
  campaignId: string;
  brandId: string;
  text: string | null;
  byHashtag: boolean;
  byMention: boolean;
  byLink: boolean;
}

/**
 * After ingestion (and every 15 minutes): finds posts that claimers published after their claim carrying
 * the campaign's hashtag, mention or link, links them to the campaign with their disclosure check, and
 * sends ONE reminder to a claimer whose linked posts all lack a disclosure. Reads the shared `posts` table
 * only; safe to run any number of times.
 */
@Injectable()
export class CampaignPostLinker {
  constructor(
    private readonly ds: DataSource,
    private readonly mailer: CampaignMailer,
  ) {}

  @JobHandler(LINK_CAMPAIGN_POSTS_QUEUE, { cron: '*/15 * * * *' })
  async handle(data: { campaignId?: string } = {}): Promise<void> {
    await this.run(data.campaignId);
  }

  async run(campaignId?: string): Promise<{ linked: number; reminded: number }> {
    const candidates = await sqlRows<Candidate>(
      this.ds.manager,
      `SELECT p.id AS "postId", cl.id AS "claimId", c.id AS "campaignId", c.brand_id AS "brandId", p.text,
              (p.hashtags && c.expected_hashtags) AS "byHashtag",
              (EXISTS (SELECT 1 FROM social_accounts m WHERE m.id = ANY(p.mentioned_account_ids) AND lower(m.handle) = ANY(c.expected_mentions))
                 OR EXISTS (SELECT 1 FROM unnest(c.expected_mentions) h WHERE p.text ILIKE '%@' || h || '%')) AS "byMention",
              (c.expected_link IS NOT NULL AND EXISTS (SELECT 1 FROM unnest(p.urls) u WHERE u ILIKE c.expected_link || '%')) AS "byLink"
         FROM campaigns c
         JOIN claims cl ON cl.campaign_id = c.id AND cl.erased_at IS NULL
         JOIN influencer_contacts ct ON ct.id = cl.contact_id AND ct.social_account_id IS NOT NULL
         JOIN posts p ON p.author_account_id = ct.social_account_id AND p.posted_at >= cl.created_at AND p.repost_of_post_id IS NULL
        WHERE ($1::bigint IS NULL OR c.id = $1)
          AND c.status <> 'draft' AND (c.status <> 'ended' OR c.updated_at > now() - make_interval(days => $2))
          AND (p.hashtags && c.expected_hashtags
               OR (c.expected_link IS NOT NULL AND EXISTS (SELECT 1 FROM unnest(p.urls) u WHERE u ILIKE c.expected_link || '%'))
               OR EXISTS (SELECT 1 FROM social_accounts m WHERE m.id = ANY(p.mentioned_account_ids) AND lower(m.handle) = ANY(c.expected_mentions))
               OR EXISTS (SELECT 1 FROM unnest(c.expected_mentions) h WHERE p.text ILIKE '%@' || h || '%'))
          AND NOT EXISTS (SELECT 1 FROM campaign_posts cp WHERE cp.campaign_id = c.id AND cp.post_id = p.id)
        LIMIT 10000`,
      [campaignId ?? null, FOLLOW_UP_DAYS],
    );
    let linked = 0;
    for (const c of candidates) {
      const d = checkDisclosure(c.text);
      const matchedBy = [c.byHashtag && 'hashtag', c.byMention && 'mention', c.byLink && 'link'].filter(Boolean).join(',') || 'hashtag';
      const rows = await sqlRows(
        this.ds.manager,
        `INSERT INTO campaign_posts (brand_id, campaign_id, claim_id, post_id, matched_by, disclosed, disclosure_tag)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (campaign_id, post_id) DO NOTHING RETURNING id`,
        [c.brandId, c.campaignId, c.claimId, c.postId, matchedBy, d.disclosed, d.tag],
      );
      linked += rows.length;
    }
    const reminded = await this.remindUndisclosed(campaignId);
    if (linked || reminded) logger.info({ linked, reminded }, 'campaign posts linked');
    return { linked, reminded };
  }

  /** One reminder per claim, ever: disclosure_reminded_at is set in the transaction that queues the mail. */
  private async remindUndisclosed(campaignId?: string): Promise<number> {
    const due = await sqlRows<{ claimId: string }>(
      this.ds.manager,
      `SELECT cl.id AS "claimId" FROM claims cl JOIN campaigns c ON c.id = cl.campaign_id
        WHERE ($1::bigint IS NULL OR c.id = $1) AND c.disclosure_required AND cl.disclosure_reminded_at IS NULL AND cl.erased_at IS NULL
          AND EXISTS (SELECT 1 FROM campaign_posts cp WHERE cp.claim_id = cl.id AND NOT cp.disclosed)`,
      [campaignId ?? null],
    );
    let sent = 0;
    for (const { claimId } of due) {
      await this.ds.transaction(async (em) => {
        const row = await sqlOne<{ brandId: string; brandName: string; campaignName: string; email: string | null; platform: string; externalId: string }>(
          em,
          `SELECT cl.brand_id AS "brandId", b.name AS "brandName", c.name AS "campaignName", ct.email, p.platform, p.external_id AS "externalId"
             FROM claims cl JOIN campaigns c ON c.id = cl.campaign_id JOIN brands b ON b.id = cl.brand_id
             JOIN influencer_contacts ct ON ct.id = cl.contact_id
             JOIN campaign_posts cp ON cp.claim_id = cl.id AND NOT cp.disclosed JOIN posts p ON p.id = cp.post_id
            WHERE cl.id = $1 AND cl.disclosure_reminded_at IS NULL
            ORDER BY p.posted_at LIMIT 1 FOR UPDATE OF cl`,
          [claimId],
        );
        if (!row) return;
        await em.query(`UPDATE claims SET disclosure_reminded_at = now() WHERE id = $1`, [claimId]);
        if (!row.email) return;
        const queued = await this.mailer.enqueue(em, {
          kind: 'campaigns.disclosure-reminder',
          brandId: row.brandId,
          to: row.email,
          dedupeKey: `campaign-disclosure-reminder:${claimId}`,
          render: (unsubscribeUrl) => renderDisclosureReminderMail({ brandName: row.brandName, campaignName: row.campaignName, postUrl: null, unsubscribeUrl }),
        });
        if (queued) sent++;
      });
    }
    return sent;
  }
}
