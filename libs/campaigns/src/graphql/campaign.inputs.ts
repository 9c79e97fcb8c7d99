import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { ArrayMaxSize, IsBoolean, IsDate, IsIn, IsInt, IsOptional, IsString, MaxLength, Min, MinLength } from 'class-validator';
import { CampaignStatusGql, PerkKindGql } from './campaign.models.js';

@InputType({ description: 'Who to invite. Today: explicit social accounts and/or contacts; discoveryQuery and shortlistId are reserved for discovery (issue 5).' })
export class TargetingInput {
  @Field(() => [ID], { nullable: true }) @IsOptional() @ArrayMaxSize(10_000) socialAccountIds?: string[];
  @Field(() => [ID], { nullable: true }) @IsOptional() @ArrayMaxSize(10_000) contactIds?: string[];
  @Field(() => String, { nullable: true, description: 'A discovery search; its best 200 matches with a contact email in this brand are invited.' }) @IsOptional() @IsString() discoveryQuery?: string | null;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsString() shortlistId?: string | null;
}

@InputType()
export class CreateCampaignInput {
  @Field() @IsString() @MinLength(1) @MaxLength(200) name: string;
  @Field({ defaultValue: '' }) @IsString() @MaxLength(10_000) brief: string;
  @Field({ defaultValue: '' }) @IsString() @MaxLength(20_000) terms: string;
  @Field(() => PerkKindGql) @IsIn(Object.values(PerkKindGql)) perkKind: PerkKindGql;
  @Field() @IsString() @MinLength(1) @MaxLength(200) perkTitle: string;
  @Field({ defaultValue: '' }) @IsString() @MaxLength(10_000) perkDescription: string;
  @Field({ defaultValue: '' }) @IsString() @MaxLength(10_000) perkInstructions: string;
  @Field(() => [String], { defaultValue: [] }) @ArrayMaxSize(100) perkVariants: string[];
  @Field(() => [String], { defaultValue: [] }) @ArrayMaxSize(250) shipsToCountries: string[];
  @Field(() => Int) @IsInt() @Min(0) quantity: number;
  @Field(() => Int, { defaultValue: 1 }) @IsInt() @Min(1) limitPerPerson: number;
  @Field(() => TargetingInput, { nullable: true }) @IsOptional() targeting?: TargetingInput;
  @Field(() => Date, { nullable: true }) @IsOptional() @IsDate() startsAt?: Date | null;
  @Field(() => Date, { nullable: true }) @IsOptional() @IsDate() endsAt?: Date | null;
  @Field() @IsDate() claimDeadline: Date;
  @Field(() => [String], { defaultValue: [] }) @ArrayMaxSize(20) expectedHashtags: string[];
  @Field(() => [String], { defaultValue: [] }) @ArrayMaxSize(20) expectedMentions: string[];
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() expectedLink?: string | null;
  @Field({ defaultValue: true }) @IsBoolean() disclosureRequired: boolean;
  @Field({ defaultValue: false }) @IsBoolean() openToApplications: boolean;
}

@InputType({ description: 'Only the fields given change. Once live, edits that break a promise are refused with the reasons.' })
export class UpdateCampaignInput {
  @Field({ nullable: true }) @IsOptional() @IsString() @MinLength(1) @MaxLength(200) name?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(10_000) brief?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(20_000) terms?: string;
  @Field(() => PerkKindGql, { nullable: true }) @IsOptional() perkKind?: PerkKindGql;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(200) perkTitle?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() perkDescription?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() perkInstructions?: string;
  @Field(() => [String], { nullable: true }) @IsOptional() perkVariants?: string[];
  @Field(() => [String], { nullable: true }) @IsOptional() shipsToCountries?: string[];
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(0) quantity?: number;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1) limitPerPerson?: number;
  @Field(() => TargetingInput, { nullable: true }) @IsOptional() targeting?: TargetingInput;
  @Field(() => Date, { nullable: true }) @IsOptional() startsAt?: Date;
  @Field(() => Date, { nullable: true }) @IsOptional() endsAt?: Date;
  @Field(() => Date, { nullable: true }) @IsOptional() claimDeadline?: Date;
  @Field(() => [String], { nullable: true }) @IsOptional() expectedHashtags?: string[];
  @Field(() => [String], { nullable: true }) @IsOptional() expectedMentions?: string[];
  @Field(() => String, { nullable: true }) @IsOptional() expectedLink?: string;
  @Field({ nullable: true }) @IsOptional() @IsBoolean() disclosureRequired?: boolean;
  @Field({ nullable: true }) @IsOptional() @IsBoolean() openToApplications?: boolean;
}

export { CampaignStatusGql };
