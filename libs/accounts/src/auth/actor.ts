import { registerEnumType } from '@nestjs/graphql';
import type { BrandId } from '../brand-scope/brand-id.js';

export enum BrandRole {
  OWNER = 'owner',
  ADMIN = 'admin',
  MEMBER = 'member',
}
registerEnumType(BrandRole, { name: 'BrandRole', description: 'A team member\'s role in a brand: owner > admin > member.' });

/**
 * What an API key may do. DEVELOPER: the whole developer REST API (/v1) and GraphQL, as its brand (created by
 * owners and admins). EXTENSION: the Renown browser extension's key, read-only and scoped to looking handles up
 * and adding accounts to shortlists over /v1 (any team member creates one for themselves).
 */
export enum ApiKeyKind {
  DEVELOPER = 'developer',
  EXTENSION = 'extension',
}
registerEnumType(ApiKeyKind, {
  name: 'ApiKeyKind',
  description: 'DEVELOPER: the developer REST API and GraphQL. EXTENSION: the browser extension (look up handles, add accounts to lists over /v1 only).',
});

/** A person, through a session. `brandId`/`role` are null when they belong to no brand (any more). */
export interface UserActor {
  kind: 'user';
  userId: string;
  email: string;
  sessionId: string;
  brandId: BrandId | null;
  role: BrandRole | null;
  isOperator: boolean;
}

/** A program, through an API key: always one brand, never a team role (cannot manage team, keys, billing). */
export interface ApiKeyActor {
  kind: 'apiKey';
  apiKeyId: string;
  /** developer (everything an API key may do) or extension (look-ups and adding to lists over /v1 only). */
  keyKind: ApiKeyKind;
  brandId: BrandId;
  role: null;
  isOperator: false;
}

export type Actor = UserActor | ApiKeyActor;
