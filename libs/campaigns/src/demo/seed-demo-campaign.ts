import type { AppConfig } from '@renown/core';
import { createHash, randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { newClaimToken } from '../invitations/claim-token.js';
import { renderInvitationMail } from '../mail/render-campaign-mail.js';

export const DEMO_CAMPAIGN_NAME = 'Spring test drive kit';

/**
 * Idempotent demo data for a newcomer: an active discount-code campaign in the given brand with 5 codes,
 * three demo creators as contacts (matched to the first ingested accounts when there are any), and an
 * invitation mailed to each. Without SMTP_URL the mail is kept and readable at /dev/mail, so the claim link
 * can be followed from there. Runs once: a second call finds the campaign and changes nothing.
 */
export async function seedDemoCampaign(ds: DataSource, config: AppConfig, brandId: string): Promise<{ campaignId: string; created: boolean; lines: string[] }> {
  return ds.transaction(async (em) => {
    await em.query(`SELECT pg_advisory_xact_lock(hashtext('renown:seed-demo-campaign'))`);
    const [existing] = await em.query(`SELECT id FROM campaigns WHERE brand_id = $1 AND name = $2`, [brandId, DEMO_CAMPAIGN_NAME]);
    const mailPage = `${config.PUBLIC_URL.replace(/\/$/, '')}/dev/mail`;
    if (existing) return { campaignId: existing.id, created: false, lines: [`Demo campaign invitations: ${mailPage}`] };
    const deadline = new Date(Date.now() + 30 * 86_400_000);
    const [campaign] = await em.query(
      `INSERT INTO campaigns (brand_id, name, brief, terms, perk_kind, perk_title, perk_description, perk_instructions, quantity,
         claim_deadline, expected_hashtags, expected_mentions, disclosure_required, open_to_applications, status, starts_at)
       VALUES ($1, $2, 'Take our new EV for a weekend and tell your audience what you think.', 'One code per person. Valid until the claim deadline.',
         'code', '25% off a weekend rental', 'A personal code for 25% off a weekend EV rental.', 'Enter the code at checkout on acme.example.',
         5, $3, '{acmespring}', '{acmemotors}', true, true, 'active', now()) RETURNING id`,
      [brandId, DEMO_CAMPAIGN_NAME, deadline],
    );
    await em.query(`INSERT INTO campaign_codes (brand_id, campaign_id, code) SELECT $1, $2, 'ACME-SPRING-' || g FROM generate_series(101, 105) g`, [brandId, campaign.id]);
    const accounts: { id: string; platform: string; handle: string | null }[] = await em.query(
      `SELECT id, platform, handle FROM social_accounts WHERE NOT is_stub AND handle IS NOT NULL ORDER BY followers_count DESC NULLS LAST, id LIMIT 3`,
    );
    const [brand] = await em.query(`SELECT name FROM brands WHERE id = $1`, [brandId]);
    const lines: string[] = [];
    for (let i = 0; i < 3; i++) {
      const email = `creator${i + 1}@demo.renown.local`;
      const account = accounts[i];
      const [contact] = await em.query(
        `INSERT INTO influencer_contacts (brand_id, email, platform, handle, social_account_id, display_name, consent_basis, consent_note, source)
         VALUES ($1, $2, $3, $4, $5, $6, 'consent', 'demo data', 'brand_csv')
         ON CONFLICT (brand_id, email) WHERE email IS NOT NULL DO UPDATE SET consent_note = 'demo data' RETURNING id`,
        [brandId, email, account?.platform ?? 'bluesky', account?.handle ?? `demo-creator-${i + 1}`, account?.id ?? null, `Demo creator ${i + 1}`],
      );
      const [inv] = await em.query(`INSERT INTO invitations (brand_id, campaign_id, contact_id, expires_at, mail_queued_at) VALUES ($1, $2, $3, $4, now()) RETURNING id`, [brandId, campaign.id, contact.id, deadline]);
      const { token, hash } = newClaimToken();
      await em.query(`INSERT INTO invitation_links (token_hash, invitation_id, purpose) VALUES ($1, $2, 'invitation')`, [hash, inv.id]);
      const unsub = randomBytes(32).toString('base64url');
      await em.query(`INSERT INTO mail_unsubscribe_tokens (token_hash, email, brand_id) VALUES ($1, $2, $3)`, [createHash('sha256').update(unsub).digest(), email, brandId]);
      const base = config.PUBLIC_URL.replace(/\/$/, '');
      const unsubscribeUrl = `${base}/unsubscribe/${unsub}`;
      const m = renderInvitationMail({
        brandName: brand.name, campaignName: DEMO_CAMPAIGN_NAME, perkTitle: '25% off a weekend rental', brief: 'Take our new EV for a weekend and tell your audience what you think.',
        claimUrl: `${base}/claim/${token}`, claimDeadline: deadline, unsubscribeUrl, disclosureRequired: true,
      });
      // The demo writes its mail straight into the outbox as "kept" (local mail, shown at /dev/mail); with
      // SMTP_URL set it is left queued and the worker's sweeper sends it.
      await em.query(
        `INSERT INTO mail_outbox (brand_id, kind, dedupe_key, from_address, to_address, subject, html, text, headers, status)
         VALUES ($1, 'campaigns.invitation', $2, $3, $4, $5, $6, $7, $8, $9)`,
        [brandId, `campaign-invitation:${inv.id}`, config.MAIL_FROM, email, m.subject, m.html, m.text,
          JSON.stringify({ 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }), config.smtpEnabled ? 'queued' : 'kept'],
      );
    }
    lines.push(`Demo campaign "${DEMO_CAMPAIGN_NAME}": 3 invitations; open one at ${mailPage} and follow its claim link`);
    lines.push(`Public application page: ${config.PUBLIC_URL.replace(/\/$/, '')}/apply/${campaign.id}`);
    return { campaignId: campaign.id, created: true, lines };
  });
}
