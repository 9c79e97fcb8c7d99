import { Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ApiKeyKind, BrandRole } from '../auth/actor.js';

export enum ActorType {
  USER = 'user',
  API_KEY = 'apiKey',
}
registerEnumType(ActorType, { name: 'ActorType', description: 'Who is calling: a person (session) or a program (API key).' });

@ObjectType()
export class User {
  @Field(() => ID) id: string;
  @Field() email: string;
  @Field() name: string;
  @Field() emailVerified: boolean;
  @Field({ description: 'Renown staff: can see platform-wide screens such as import runs.' }) isOperator: boolean;
}

@ObjectType({ description: 'A brand: the tenant. Every brand-owned row belongs to exactly one.' })
export class Brand {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field() createdAt: Date;
}

@ObjectType()
export class BrandMembership {
  @Field(() => Brand) brand: Brand;
  @Field(() => BrandRole) role: BrandRole;
}

@ObjectType({ description: 'The caller: who they are, the brand they act for and their role in it.' })
export class Viewer {
  @Field(() => ActorType) actorType: ActorType;
  @Field(() => User, { nullable: true, description: 'Null for an API key.' }) user: User | null;
  @Field(() => Brand, { nullable: true, description: 'Null for a person who belongs to no brand.' }) brand: Brand | null;
  @Field(() => BrandRole, { nullable: true, description: 'Null for an API key.' }) role: BrandRole | null;
  @Field(() => [BrandMembership], { description: 'Every brand the person belongs to (empty for an API key).' }) memberships: BrandMembership[];
}

@ObjectType({ description: 'A new session. The token is also set as the httpOnly cookie renown_session.' })
export class AuthPayload {
  @Field({ description: 'Send as `Authorization: Bearer <token>` when not using the cookie.' }) token: string;
  @Field() expiresAt: Date;
  @Field(() => Viewer) viewer: Viewer;
}

@ObjectType()
export class SignUpResult {
  @Field({ description: 'The same answer whether or not the address already has an account.' }) message: string;
}

@ObjectType()
export class TeamMember {
  @Field(() => ID) userId: string;
  @Field() email: string;
  @Field() name: string;
  @Field(() => BrandRole) role: BrandRole;
  @Field() joinedAt: Date;
}

@ObjectType()
export class TeamInvitation {
  @Field(() => ID) id: string;
  @Field() email: string;
  @Field(() => BrandRole) role: BrandRole;
  @Field() invitedAt: Date;
  @Field() expiresAt: Date;
  @Field({ nullable: true }) revokedAt?: Date;
}

@ObjectType()
export class AcceptTeamInvitationResult {
  @Field(() => Brand) brand: Brand;
  @Field(() => BrandRole) role: BrandRole;
  @Field(() => AuthPayload, { nullable: true, description: 'A session when the invitation created the account; null when the person already had one (they log in).' })
  session: AuthPayload | null;
}

@ObjectType({ description: 'The team member who created an API key.' })
export class ApiKeyCreator {
  @Field(() => ID) userId: string;
  @Field() name: string;
  @Field() email: string;
}

@ObjectType()
export class ApiKey {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field({ description: 'The first characters of the key (rnk_...), to recognise it. The full secret is never shown again.' }) prefix: string;
  @Field(() => ApiKeyKind, { description: 'DEVELOPER (the developer API and GraphQL) or EXTENSION (the browser extension: look-ups and adding to lists only).' })
  kind: ApiKeyKind;
  @Field(() => ApiKeyCreator, { nullable: true, description: 'The team member who created it; null when that person was deleted.' }) createdBy: ApiKeyCreator | null;
  @Field() createdAt: Date;
  @Field({ nullable: true }) lastUsedAt?: Date;
  @Field({ nullable: true }) revokedAt?: Date;
}

@ObjectType()
export class CreatedApiKey {
  @Field(() => ApiKey) apiKey: ApiKey;
  @Field({ description: 'The full key. Shown this once only: store it now. Use as `Authorization: Bearer <secret>` or `X-Api-Key`.' })
  secret: string;
}

@ObjectType()
export class Session {
  @Field(() => ID) id: string;
  @Field() createdAt: Date;
  @Field() lastSeenAt: Date;
  @Field() expiresAt: Date;
  @Field({ nullable: true }) userAgent?: string;
  @Field({ nullable: true }) ip?: string;
  @Field({ description: 'True for the session making this request.' }) current: boolean;
}

@InputType()
export class SignUpInput {
  @Field() email: string;
  @Field({ description: 'At least 10 characters.' }) password: string;
  @Field({ description: 'Your name.' }) name: string;
  @Field({ description: 'Your brand, e.g. "Acme Motors".' }) brandName: string;
}

@InputType()
export class LogInInput {
  @Field() email: string;
  @Field() password: string;
}

@InputType()
export class AcceptTeamInvitationInput {
  @Field() token: string;
  @Field({ nullable: true, description: 'Required when the invitation creates your account.' }) name?: string;
  @Field({ nullable: true, description: 'Required when the invitation creates your account.' }) password?: string;
}

@InputType()
export class UpdateBrandInput {
  @Field() name: string;
}
