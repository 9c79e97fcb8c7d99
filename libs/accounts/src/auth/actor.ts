import { registerEnumType } from '@nestjs/graphql';
import type { BrandId } from '../brand-scope/brand-id.js';

export enum BrandRole {
  OWNER = 'owner',
  ADMIN = 'admin',
  MEMBER = 'member',
}
registerEnumType(BrandRole, { name: 'BrandRole', description: 'A team member\'s role in a brand: owner > admin > member.' });

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
  brandId: BrandId;
  role: null;
  isOperator: false;
}

export type Actor = UserActor | ApiKeyActor;
