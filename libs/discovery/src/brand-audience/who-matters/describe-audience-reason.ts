export interface AudienceRelationship {
  follows: boolean;
  followedSince: Date | null;
  mentions: number;
  engagedPosts: number;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The why-line shown next to a member: "follows since 2026-03-02 · mentioned you 4 times · engaged with 7 posts". */
export function describeAudienceReason(r: AudienceRelationship): string {
  const parts: string[] = [];
  if (r.follows) parts.push(r.followedSince ? `follows since ${r.followedSince.toISOString().slice(0, 10)}` : 'follows you');
  if (r.mentions > 0) parts.push(`mentioned you ${plural(r.mentions, 'time', 'times')}`);
  if (r.engagedPosts > 0) parts.push(`engaged with ${plural(r.engagedPosts, 'post', 'posts')}`);
  return parts.length ? parts.join(' · ') : 'interacted with you';
}
