import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { type Actor, CurrentActor, OperatorOnly } from '@renown/accounts';
import type { TopicLexicon } from '../ontology/topic-lexicon.js';
import { TopicsService } from '../topics.service.js';
import { AccountTopic, HiddenAccountTopic, Topic, TopicEndorsement, TopicHiddenBy, TopicSearchResult } from './topic.models.js';

export function toTopic(lexicon: TopicLexicon, id: string, locale = 'en'): Topic {
  const t = lexicon.get(id)!;
  return {
    id: t.id,
    slug: t.slug,
    name: lexicon.displayName(t.id, locale),
    names: Object.entries(t.names).map(([l, name]) => ({ locale: l, name })),
    parentIds: t.parentIds,
    childIds: t.childIds,
  };
}

const userIdOf = (actor: Actor) => (actor.kind === 'user' ? actor.userId : null);

/** Topics are global data (not brand-owned): any signed-in caller reads them; corrections are operators'. */
@Resolver()
export class TopicsResolver {
  constructor(private readonly topics: TopicsService) {}

  @Query(() => Topic, { description: 'A topic by id or slug, named in the locale asked for (ar, de, en, es, fr, it).' })
  topic(@Args('idOrSlug') idOrSlug: string, @Args('locale', { nullable: true }) locale?: string): Topic {
    return toTopic(this.topics.lexicon, this.topics.getTopicOrThrow(idOrSlug).id, locale);
  }

  @Query(() => TopicSearchResult, { description: 'Resolves what a marketer typed ("automotive", "fútbol") to topics, with what did not resolve.' })
  topicSearch(@Args('text') text: string, @Args('locale', { nullable: true }) locale?: string): TopicSearchResult {
    const r = this.topics.resolve(text, locale);
    const lx = this.topics.lexicon;
    return {
      topics: r.topics.map((t) => ({ topic: toTopic(lx, t.id, locale), matched: t.matched, via: t.via })),
      unresolved: r.unresolved,
      suggestions: r.suggestions.map((s) => ({ term: s.term, topics: s.topics.map((t) => toTopic(lx, t.id, locale)) })),
    };
  }

  @Query(() => [AccountTopic], { description: "A social account's expertise topics (hidden ones left out) with evidence and topic influence." })
  async accountTopics(
    @Args('accountId', { type: () => ID }) accountId: string,
    @Args('locale', { nullable: true }) locale?: string,
    @Args('evidencePerTopic', { type: () => Int, nullable: true, defaultValue: 10 }) evidencePerTopic = 10,
  ): Promise<AccountTopic[]> {
    const lx = this.topics.lexicon;
    return (await this.topics.accountTopics(accountId)).map((t) => ({
      ...t,
      topic: toTopic(lx, t.topicId, locale),
      evidence: t.evidence.slice(0, Math.max(0, Math.min(50, evidencePerTopic))).map((e) => ({ ...e, childTopic: e.childTopicId ? toTopic(lx, e.childTopicId, locale) : null })),
    }));
  }

  @OperatorOnly()
  @Query(() => [HiddenAccountTopic], { description: 'Topics hidden from an account. Operators.' })
  async hiddenAccountTopics(@Args('accountId', { type: () => ID }) accountId: string): Promise<HiddenAccountTopic[]> {
    return (await this.topics.hiddenTopics(accountId)).map((h) => ({ ...h, accountId, hiddenBy: h.hiddenBy as TopicHiddenBy, topic: toTopic(this.topics.lexicon, h.topicId) }));
  }

  @OperatorOnly()
  @Mutation(() => HiddenAccountTopic, { description: 'Hides a wrong topic from an account, now and in every later scoring run. Operators.' })
  async hideAccountTopic(
    @Args('accountId', { type: () => ID }) accountId: string,
    @Args('topic', { description: 'Topic id or slug.' }) topic: string,
    @CurrentActor() actor: Actor,
    @Args('reason', { nullable: true }) reason?: string,
  ): Promise<HiddenAccountTopic> {
    const h = await this.topics.hideTopic(accountId, topic, 'operator', userIdOf(actor), reason ?? null);
    return { ...h, accountId, hiddenBy: h.hiddenBy as TopicHiddenBy, topic: toTopic(this.topics.lexicon, h.topicId) };
  }

  @OperatorOnly()
  @Mutation(() => Boolean, { description: 'Shows a hidden topic again from the next scoring run. Operators.' })
  unhideAccountTopic(@Args('accountId', { type: () => ID }) accountId: string, @Args('topic') topic: string): Promise<boolean> {
    return this.topics.unhideTopic(accountId, topic);
  }

  @OperatorOnly()
  @Mutation(() => TopicEndorsement, {
    description: "Records one account vouching for another's topic (10 per endorser per day). Adds evidence; never raises influence. Operators.",
  })
  async endorseAccountTopic(
    @Args('endorserAccountId', { type: () => ID }) endorserAccountId: string,
    @Args('accountId', { type: () => ID }) accountId: string,
    @Args('topic') topic: string,
    @CurrentActor() actor: Actor,
  ): Promise<TopicEndorsement> {
    const e = await this.topics.endorse(endorserAccountId, accountId, topic, userIdOf(actor));
    return { ...e, topic: toTopic(this.topics.lexicon, e.topicId) };
  }
}
