import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum ImportRunStatus {
  RUNNING = 'running',
  SUCCEEDED = 'succeeded',
  FAILED = 'failed',
}
registerEnumType(ImportRunStatus, { name: 'ImportRunStatus', description: 'running (or interrupted: it resumes when the same file is imported again), succeeded, failed' });

@ObjectType({ description: 'Rows of one kind an import wrote' })
export class ImportEntityCounts {
  @Field(() => Int) inserted: number;
  @Field(() => Int) updated: number;
  @Field(() => Int) unchanged: number;
}

@ObjectType({ description: 'A record an import could not use, kept with the reason and its raw text' })
export class QuarantinedRecord {
  @Field(() => ID) id: string;
  @Field(() => String, { nullable: true }) file: string | null;
  @Field(() => String, { nullable: true, description: 'Line number in the (decompressed) file' }) lineOrOffset: string | null;
  @Field() reason: string;
  @Field(() => String, { nullable: true, description: 'The raw record, cut at 2,000 characters' }) raw: string | null;
  @Field() createdAt: Date;
}

@ObjectType({ description: 'One import of a file or a live batch into the social graph' })
export class ImportRun {
  @Field(() => ID) id: string;
  @Field({ description: 'file, or the live connector that fed it' }) source: string;
  @Field() format: string;
  @Field(() => String, { nullable: true }) file: string | null;
  @Field(() => ImportRunStatus) status: ImportRunStatus;
  @Field() startedAt: Date;
  @Field(() => Date, { nullable: true }) finishedAt: Date | null;
  @Field(() => Int, { description: 'Records read (lines or documents)' }) readCount: number;
  @Field(() => Int, { description: 'Accounts, posts and interactions created' }) insertedCount: number;
  @Field(() => Int, { description: 'Accounts, posts and interactions changed' }) updatedCount: number;
  @Field(() => Int, { description: 'Rows already present exactly as read' }) unchangedCount: number;
  @Field(() => Int) quarantinedCount: number;
  @Field(() => ImportEntityCounts) accounts: ImportEntityCounts;
  @Field(() => ImportEntityCounts) posts: ImportEntityCounts;
  @Field(() => ImportEntityCounts) interactions: ImportEntityCounts;
  @Field(() => String, { nullable: true }) error: string | null;
}
