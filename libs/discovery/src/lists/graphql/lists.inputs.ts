import { Field, InputType } from '@nestjs/graphql';
import { IsArray, IsOptional, IsString } from 'class-validator';

@InputType()
export class CreateShortlistInput {
  @Field() @IsString() name: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() description?: string | null;
}

@InputType({ description: 'Only the fields given change.' })
export class UpdateShortlistInput {
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() name?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() description?: string | null;
}

@InputType({ description: 'Only the fields given change; tags replace the entry\'s tags.' })
export class UpdateShortlistEntryInput {
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() note?: string | null;
  @Field(() => [String], { nullable: true }) @IsOptional() @IsArray() @IsString({ each: true }) tags?: string[] | null;
}
