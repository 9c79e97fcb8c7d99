import type { CampaignFields, CampaignRow, CampaignStatus } from './campaign.types.js';

/**
 * Why a campaign edit would break a promise already made to influencers. A draft can change freely
 * (nothing has been promised); once a campaign has been live, invitations are out and claims exist, so
 * an edit that takes back units already claimed or makes an open link worthless is refused.
 * Returns the reasons (empty when the edit is fine).
 */
export function reasonsEditBreaksPromise(
  current: Pick<CampaignRow, 'status' | 'claimedCount' | 'perkKind' | 'claimDeadline' | 'perkVariants'>,
  patch: Partial<CampaignFields>,
  now: Date,
  codesAssigned = 0,
): string[] {
  const reasons: string[] = [];
  const wasLive = current.status !== 'draft';
  if (patch.quantity !== undefined && patch.quantity < current.claimedCount) {
    reasons.push(`quantity ${patch.quantity} is below the ${current.claimedCount} units already claimed`);
  }
  if (!wasLive) return reasons;
  if (patch.claimDeadline !== undefined && patch.claimDeadline.getTime() < now.getTime()) {
    reasons.push('the claim deadline cannot move into the past while invitations are out: pause or end the campaign instead');
  }
  if (patch.perkKind !== undefined && patch.perkKind !== current.perkKind && (current.claimedCount > 0 || codesAssigned > 0)) {
    reasons.push(`the perk kind cannot change after ${current.claimedCount} claims were made`);
  }
  return reasons;
}

const TRANSITIONS: Record<CampaignStatus, CampaignStatus[]> = {
  draft: ['active', 'ended'],
  active: ['paused', 'ended'],
  paused: ['active', 'ended'],
  ended: [],
};

export function canTransition(from: CampaignStatus, to: CampaignStatus): boolean {
  return TRANSITIONS[from].includes(to);
}
