export interface ShippingAddress {
  name: string;
  line1: string;
  line2?: string | null;
  city: string;
  region?: string | null;
  postalCode: string;
  country: string;
}

export type LinkState = 'valid' | 'unknown' | 'expired' | 'used' | 'declined' | 'revoked' | 'not_started' | 'closed' | 'sold_out' | 'limit_reached';

/** What the claim page needs to show; never the email or address of anyone else. */
export interface ClaimLinkView {
  state: LinkState;
  invitationId?: string;
  brandName?: string;
  campaign?: {
    id: string;
    name: string;
    brief: string;
    terms: string;
    perkKind: 'physical' | 'code' | 'digital';
    perkTitle: string;
    perkDescription: string;
    perkInstructions: string;
    perkVariants: string[];
    shipsToCountries: string[];
    claimDeadline: Date;
    startsAt: Date | null;
    expectedHashtags: string[];
    expectedMentions: string[];
    disclosureRequired: boolean;
    unitsLeft: number;
  };
  usedAt?: Date | null;
}

export interface ClaimOutcome {
  claimId: string;
  /** False when this submit found the claim already made (a double submit): nothing changed. */
  created: boolean;
  code: string | null;
  variant: string | null;
  view: ClaimLinkView;
}
