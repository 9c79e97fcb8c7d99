import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Perk campaigns: the campaign and its perk, uploaded discount codes, the brand's influencer contacts (with
 * the consent basis), invitations (claim links stored as SHA-256 only), claims, applications to open
 * campaigns, and the posts linked to a campaign. Every row carries brand_id; the brand-scoped repositories
 * filter on it.
 *
 * Overselling is prevented in the schema too: claimed_count can never exceed quantity, a code belongs to
 * at most one claim, an invitation has at most one claim.
 */
export class Campaigns1763750000001 implements MigrationInterface {
  name = 'Campaigns1763750000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE campaigns (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        brand_id uuid NOT NULL REFERENCES brands(id) ON DELETE CASCADE,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        brief text NOT NULL DEFAULT '',
        terms text NOT NULL DEFAULT '',
        perk_kind text NOT NULL CHECK (perk_kind IN ('physical', 'code', 'digital')),
        perk_title text NOT NULL,
        perk_description text NOT NULL DEFAULT '',
        perk_instructions text NOT NULL DEFAULT '',
        perk_variants text[] NOT NULL DEFAULT '{}',
        ships_to_countries text[] NOT NULL DEFAULT '{}',
        quantity integer NOT NULL CHECK (quantity >= 0),
        claimed_count integer NOT NULL DEFAULT 0,
        limit_per_person integer NOT NULL DEFAULT 1 CHECK (limit_per_person >= 1),
        targeting jsonb NOT NULL DEFAULT '{}',
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'paused', 'ended')),
        starts_at timestamptz NULL,
        ends_at timestamptz NULL,
        claim_deadline timestamptz NOT NULL,
        expected_hashtags text[] NOT NULL DEFAULT '{}',
        expected_mentions text[] NOT NULL DEFAULT '{}',
        expected_link text NULL,
        disclosure_required boolean NOT NULL DEFAULT true,
        open_to_applications boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT campaigns_never_oversold CHECK (claimed_count BETWEEN 0 AND quantity)
      )`);
    await q.query(`CREATE INDEX campaigns_brand_idx ON campaigns (brand_id, created_at DESC)`);
    await q.query(`CREATE INDEX campaigns_live_idx ON campaigns (status) WHERE status = 'active'`);

    await q.query(`
      CREATE TABLE influencer_contacts (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        brand_id uuid NOT NULL REFERENCES brands(id) ON DELETE CASCADE,
        email citext NULL,
        platform text NULL,
        handle text NULL,
        social_account_id bigint NULL REFERENCES social_accounts(id) ON DELETE SET NULL,
        display_name text NULL,
        consent_basis text NOT NULL CHECK (consent_basis IN ('consent', 'legitimate_interest', 'contract', 'self_registered', 'applied')),
        consent_note text NULL,
        source text NOT NULL CHECK (source IN ('brand_csv', 'brand_api', 'self_signup', 'application')),
        erased_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX influencer_contacts_brand_email_uq ON influencer_contacts (brand_id, email) WHERE email IS NOT NULL`);
    await q.query(`CREATE INDEX influencer_contacts_account_idx ON influencer_contacts (social_account_id)`);

    // Influencers who signed up themselves: a verified email, and handles proven by posting a code.
    await q.query(`
      CREATE TABLE creator_signups (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        email citext NOT NULL UNIQUE,
        email_token_hash bytea NULL,
        email_verified_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE creator_handle_claims (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        signup_id bigint NOT NULL REFERENCES creator_signups(id) ON DELETE CASCADE,
        platform text NOT NULL,
        handle text NOT NULL,
        proof_code text NOT NULL UNIQUE,
        social_account_id bigint NULL REFERENCES social_accounts(id) ON DELETE SET NULL,
        proven_by_post_id bigint NULL,
        proven_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (signup_id, platform, handle)
      )`);

    await q.query(`
      CREATE TABLE invitations (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        brand_id uuid NOT NULL REFERENCES brands(id) ON DELETE CASCADE,
        campaign_id bigint NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
        contact_id bigint NOT NULL REFERENCES influencer_contacts(id) ON DELETE CASCADE,
        expires_at timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'claimed', 'declined', 'revoked')),
        mail_queued_at timestamptz NULL,
        opened_at timestamptz NULL,
        used_at timestamptz NULL,
        revoked_at timestamptz NULL,
        reminded_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (campaign_id, contact_id)
      )`);
    await q.query(`CREATE INDEX invitations_brand_campaign_idx ON invitations (brand_id, campaign_id)`);
    await q.query(`CREATE INDEX invitations_pending_idx ON invitations (expires_at) WHERE status = 'pending' AND reminded_at IS NULL`);
    // Claim links: 32 random bytes each, only the SHA-256 stored. The invitation mail and the reminder each
    // carry their own link (we cannot re-send a link we never kept); both open the same one invitation, whose
    // expiry and single use apply to all its links.
    await q.query(`
      CREATE TABLE invitation_links (
        token_hash bytea PRIMARY KEY,
        invitation_id bigint NOT NULL REFERENCES invitations(id) ON DELETE CASCADE,
        purpose text NOT NULL CHECK (purpose IN ('invitation', 'reminder')),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX invitation_links_invitation_idx ON invitation_links (invitation_id)`);

    // Per-brand sending rate for bulk campaign mail (invitations, reminders): each message gets a send slot.
    await q.query(`
      CREATE TABLE campaign_mail_rate (
        brand_id uuid PRIMARY KEY REFERENCES brands(id) ON DELETE CASCADE,
        per_minute integer NOT NULL DEFAULT 60 CHECK (per_minute > 0),
        next_slot_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE claims (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        brand_id uuid NOT NULL REFERENCES brands(id) ON DELETE CASCADE,
        campaign_id bigint NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
        invitation_id bigint NOT NULL UNIQUE REFERENCES invitations(id) ON DELETE CASCADE,
        contact_id bigint NOT NULL REFERENCES influencer_contacts(id) ON DELETE CASCADE,
        variant text NULL,
        shipping_address jsonb NULL,
        status text NOT NULL DEFAULT 'claimed' CHECK (status IN ('claimed', 'shipped')),
        carrier text NULL,
        tracking_number text NULL,
        shipped_at timestamptz NULL,
        disclosure_reminded_at timestamptz NULL,
        erased_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX claims_brand_campaign_idx ON claims (brand_id, campaign_id)`);

    await q.query(`
      CREATE TABLE campaign_codes (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        brand_id uuid NOT NULL REFERENCES brands(id) ON DELETE CASCADE,
        campaign_id bigint NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
        code text NOT NULL,
        claim_id bigint NULL UNIQUE REFERENCES claims(id) ON DELETE SET NULL,
        assigned_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX campaign_codes_code_uq ON campaign_codes (campaign_id, upper(code))`);
    await q.query(`CREATE INDEX campaign_codes_free_idx ON campaign_codes (campaign_id, id) WHERE claim_id IS NULL`);

    await q.query(`
      CREATE TABLE campaign_applications (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        brand_id uuid NOT NULL REFERENCES brands(id) ON DELETE CASCADE,
        campaign_id bigint NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
        email citext NULL,
        platform text NOT NULL,
        handle text NOT NULL,
        social_account_id bigint NULL REFERENCES social_accounts(id) ON DELETE SET NULL,
        pitch text NOT NULL DEFAULT '',
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'declined')),
        invitation_id bigint NULL REFERENCES invitations(id) ON DELETE SET NULL,
        decided_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (campaign_id, platform, handle)
      )`);
    await q.query(`CREATE INDEX campaign_applications_brand_idx ON campaign_applications (brand_id, campaign_id, status)`);

    await q.query(`
      CREATE TABLE campaign_posts (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        brand_id uuid NOT NULL REFERENCES brands(id) ON DELETE CASCADE,
        campaign_id bigint NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
        claim_id bigint NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
        post_id bigint NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
        matched_by text NOT NULL,
        disclosed boolean NOT NULL,
        disclosure_tag text NULL,
        linked_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (campaign_id, post_id)
      )`);
    await q.query(`CREATE INDEX campaign_posts_brand_idx ON campaign_posts (brand_id, campaign_id)`);

    // One-click unsubscribe links in campaign mail: 32 random bytes per message, only the SHA-256 kept. The
    // address is then added to mail_suppressions, which holds for every brand.
    await q.query(`
      CREATE TABLE mail_unsubscribe_tokens (
        token_hash bytea PRIMARY KEY,
        email citext NOT NULL,
        brand_id uuid NULL REFERENCES brands(id) ON DELETE SET NULL,
        used_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX mail_unsubscribe_tokens_email_idx ON mail_unsubscribe_tokens (email)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS mail_unsubscribe_tokens`);
    await q.query(`DROP TABLE IF EXISTS campaign_posts`);
    await q.query(`DROP TABLE IF EXISTS campaign_applications`);
    await q.query(`DROP TABLE IF EXISTS campaign_codes`);
    await q.query(`DROP TABLE IF EXISTS claims`);
    await q.query(`DROP TABLE IF EXISTS campaign_mail_rate`);
    await q.query(`DROP TABLE IF EXISTS invitation_links`);
    await q.query(`DROP TABLE IF EXISTS invitations`);
    await q.query(`DROP TABLE IF EXISTS creator_handle_claims`);
    await q.query(`DROP TABLE IF EXISTS creator_signups`);
    await q.query(`DROP TABLE IF EXISTS influencer_contacts`);
    await q.query(`DROP TABLE IF EXISTS campaigns`);
  }
}
