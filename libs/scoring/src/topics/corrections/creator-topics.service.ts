import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ScoringError } from '../../scoring.error.js';
import { TopicsService, type AccountTopicView } from '../topics.service.js';

/** One account the creator proved they own (a handle claim proven by a post ingestion saw). */
export interface CreatorAccount {
  accountId: string;
  platform: string;
  handle: string;
}

export interface CreatorAccountTopics extends CreatorAccount {
  topics: AccountTopicView[];
  hidden: { topicId: string; hiddenBy: 'influencer' | 'operator'; reason: string | null; hiddenAt: Date }[];
}

/**
 * The creator's key is the link mailed at sign-up (campaigns: creator_signups). Only its SHA-256 is stored;
 * this is the same hash as campaigns' claim-token.ts (43 base64url characters, SHA-256 of the UTF-8 text).
 */
function hashCreatorToken(token: string): Buffer | null {
  return /^[A-Za-z0-9_-]{43}$/.test(token) ? createHash('sha256').update(token, 'utf8').digest() : null;
}

/**
 * Influencers correct their own topics. Who may: the holder of a valid, verified creator link, for the
 * accounts whose handle that sign-up proved by posting its code (campaigns' handle proof). Nothing else
 * is trusted: an account id in the form that is not among the proven ones is answered as not found.
 */
@Injectable()
export class CreatorTopicsService {
  constructor(
    private readonly ds: DataSource,
    private readonly topics: TopicsService,
  ) {}

  /** Proven accounts of the creator holding this link; null when the link is unknown, expired or unverified. */
  async provenAccounts(token: string): Promise<CreatorAccount[] | null> {
    const hash = hashCreatorToken(token);
    if (!hash) return null;
    const [signup] = await this.ds.query(
      `SELECT id FROM creator_signups WHERE email_token_hash = $1 AND email_token_expires_at > now() AND email_verified_at IS NOT NULL`,
      [hash],
    );
    if (!signup) return null;
    return this.ds.query(
      `SELECT h.social_account_id::text AS "accountId", h.platform, h.handle
       FROM creator_handle_claims h
       WHERE h.signup_id = $1 AND h.proven_at IS NOT NULL AND h.social_account_id IS NOT NULL
       ORDER BY h.id`,
      [signup.id],
    );
  }

  /** Each proven account with its visible topics (scores, evidence) and the topics hidden from it. */
  async overview(token: string): Promise<CreatorAccountTopics[] | null> {
    const accounts = await this.provenAccounts(token);
    if (!accounts) return null;
    return Promise.all(
      accounts.map(async (a) => ({ ...a, topics: await this.topics.accountTopics(a.accountId), hidden: await this.topics.hiddenTopics(a.accountId) })),
    );
  }

  /** Hides one of the creator's own topics, now and in every later run (hidden_by = 'influencer'). */
  async hide(token: string, accountId: string, topic: string, reason: string | null) {
    await this.ownAccountOrThrow(token, accountId);
    return this.topics.hideTopic(accountId, topic, 'influencer', null, reason);
  }

  /**
   * Shows a topic again from the next topics run (a hidden topic is left out of the computation, so there is
   * nothing to show until then). A creator may undo their own hides, not an operator's (those were a review
   * decision; the creator asks support instead).
   */
  async unhide(token: string, accountId: string, topic: string): Promise<boolean> {
    await this.ownAccountOrThrow(token, accountId);
    const topicId = this.topics.getTopicOrThrow(topic).id;
    const hide = (await this.topics.hiddenTopics(accountId)).find((h) => h.topicId === topicId);
    if (!hide) return false;
    if (hide.hiddenBy !== 'influencer') {
      throw ScoringError.forbidden('A Renown operator hid this topic after a review: write to support to have it shown again.');
    }
    return this.topics.unhideTopic(accountId, topicId);
  }

  private async ownAccountOrThrow(token: string, accountId: string) {
    const accounts = await this.provenAccounts(token);
    if (!accounts) throw ScoringError.notFound('Creator link', { hint: 'Ask for a new link at /creators/signup.' });
    if (!accounts.some((a) => a.accountId === accountId)) {
      throw ScoringError.notFound(`Proven account ${accountId}`, { hint: 'Prove the handle first by posting the code from your creator page.' });
    }
  }
}
