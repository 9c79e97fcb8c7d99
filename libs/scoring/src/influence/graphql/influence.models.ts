import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'Sub-scores 1-100, each calibrated to its own percentile like the score.' })
export class InfluenceSubScores {
  @Field(() => Float) reach: number;
  @Field(() => Float) amplification: number;
  @Field(() => Float) network: number;
}

@ObjectType()
export class SignalContribution {
  @Field() signal: string;
  @Field(() => Float, { description: 'Contribution to the raw composite (log-scaled, weighted).' }) value: number;
  @Field(() => Float, { description: 'Share of the raw composite, 0..1.' }) share: number;
}

@ObjectType()
export class EngagerContribution {
  @Field(() => ID) accountId: string;
  @Field(() => String, { nullable: true }) handle: string | null;
  @Field(() => Float, { description: 'Rank this engager passed along (PageRank share times engagement).' }) weight: number;
}

@ObjectType()
export class EarningPost {
  @Field(() => ID) postId: string;
  @Field(() => String, { nullable: true }) text: string | null;
  @Field(() => String, { nullable: true }) postedAt: string | null;
  @Field(() => Int, { description: 'Counted engagements in the window (self-engagement excluded).' }) engagements: number;
}

@ObjectType()
export class ScoreChangeItem {
  @Field() signal: string;
  @Field(() => Float) before: number;
  @Field(() => Float) after: number;
  @Field(() => Float) delta: number;
}

@ObjectType()
export class InfluenceExplanation {
  @Field(() => [SignalContribution]) contributions: SignalContribution[];
  @Field(() => [EngagerContribution], { description: 'The people whose engagement counted most.' }) topEngagers: EngagerContribution[];
  @Field(() => [EarningPost], { description: 'The posts that earned the score (most engaged in the window).' }) topPosts: EarningPost[];
  @Field(() => Float, { nullable: true }) previousScore: number | null;
  @Field(() => String, { nullable: true }) previousDay: string | null;
  @Field(() => Float, { nullable: true }) scoreDelta: number | null;
  @Field({ description: 'The previous snapshot came from another model version.' }) modelChanged: boolean;
  @Field(() => [ScoreChangeItem], { description: 'Why it changed: contribution deltas against the previous snapshot, largest first.' }) changes: ScoreChangeItem[];
}

@ObjectType()
export class ScorePoint {
  @Field() day: string;
  @Field(() => Float) score: number;
  @Field(() => Float) percentile: number;
  @Field() modelVersion: string;
  @Field({ description: 'First point of a new model version (the series before it is unchanged).' }) modelChanged: boolean;
}

@ObjectType({ description: 'Influence 1-100: 40 = median account, 60 = top 5%, 80 = top 0.1%.' })
export class AccountInfluence {
  @Field(() => ID) accountId: string;
  @Field() day: string;
  @Field() modelVersion: string;
  @Field(() => Float) score: number;
  @Field(() => Float) percentile: number;
  @Field(() => InfluenceSubScores) subScores: InfluenceSubScores;
  @Field({ description: 'The signals as computed (JSON).' }) signals: string;
  @Field(() => InfluenceExplanation) explanation: InfluenceExplanation;
  @Field(() => [ScorePoint], { description: 'Daily snapshots, oldest first, with model-version markers.' }) history: ScorePoint[];
}

@ObjectType({ description: 'A person scored across their linked accounts (signals added up), on the account scale.' })
export class PersonInfluence {
  @Field(() => ID) personId: string;
  @Field() day: string;
  @Field() modelVersion: string;
  @Field(() => Float) score: number;
  @Field(() => Float) percentile: number;
  @Field(() => [ID]) accountIds: string[];
  @Field(() => ID) bestAccountId: string;
  @Field(() => [ScorePoint]) history: ScorePoint[];
}

@ObjectType()
export class ScoringRun {
  @Field(() => ID) id: string;
  @Field() status: string;
  @Field({ description: 'load-accounts, load-posts, load-interactions, load-bursts, build-graph, pagerank, score, persons, write, done' }) stage: string;
  @Field(() => Float, { description: '0..1' }) progress: number;
  @Field() modelVersion: string;
  @Field() asOfDay: string;
  @Field() trigger: string;
  @Field(() => Int, { nullable: true }) accountsScored: number | null;
  @Field({ description: 'Milliseconds per stage (JSON).' }) stageTimings: string;
  @Field() startedAt: Date;
  @Field(() => Date, { nullable: true }) finishedAt: Date | null;
  @Field(() => String, { nullable: true }) error: string | null;
}
