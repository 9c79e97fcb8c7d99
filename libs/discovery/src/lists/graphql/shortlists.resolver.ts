import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type BrandId, CurrentBrand } from '@renown/accounts';
import type { ShortlistRow } from '../shortlists/shortlist.types.js';
import { ShortlistService } from '../shortlists/shortlist.service.js';
import { CreateShortlistInput, UpdateShortlistEntryInput, UpdateShortlistInput } from './lists.inputs.js';
import { AddToShortlistResult, RemoveFromShortlistResult, Shortlist, ShortlistEntry, ShortlistEntryPage, ShortlistTagCount } from './lists.models.js';

const view = <T extends ShortlistRow>(row: T): T & Shortlist => ({ ...row, csvPath: `/shortlists/${row.id}/export.csv` });

/** A brand's shortlists. Each operation: the brand from the session or API key, one service call. */
@Resolver(() => Shortlist)
export class ShortlistsResolver {
  constructor(private readonly service: ShortlistService) {}

  @Query(() => [Shortlist], { description: "The brand's shortlists, most recently changed first; with accountId, only the lists that account is on." })
  async shortlists(@CurrentBrand() brandId: BrandId, @Args('accountId', { type: () => ID, nullable: true }) accountId?: string | null) {
    return (await this.service.list(brandId, accountId)).map(view);
  }

  @Query(() => Shortlist)
  async shortlist(@CurrentBrand() brandId: BrandId, @Args('id', { type: () => ID }) id: string) {
    return view(await this.service.getOrFail(brandId, id));
  }

  @Mutation(() => Shortlist)
  async createShortlist(@CurrentBrand() brandId: BrandId, @Args('input') input: CreateShortlistInput) {
    return view(await this.service.create(brandId, input));
  }

  @Mutation(() => Shortlist, { description: 'Renames a shortlist or changes its description.' })
  async updateShortlist(@CurrentBrand() brandId: BrandId, @Args('id', { type: () => ID }) id: string, @Args('input') input: UpdateShortlistInput) {
    return view(await this.service.update(brandId, id, input));
  }

  @Mutation(() => Boolean, { description: 'Deletes a shortlist and its entries (campaigns already invited keep their invitations).' })
  async deleteShortlist(@CurrentBrand() brandId: BrandId, @Args('id', { type: () => ID }) id: string) {
    await this.service.delete(brandId, id);
    return true;
  }

  @Mutation(() => AddToShortlistResult, { description: 'Adds accounts (at most 500 per call) with an optional note and tags for the new entries.' })
  async addToShortlist(
    @CurrentBrand() brandId: BrandId,
    @Args('shortlistId', { type: () => ID }) shortlistId: string,
    @Args('accountIds', { type: () => [ID] }) accountIds: string[],
    @Args('note', { type: () => String, nullable: true }) note?: string | null,
    @Args('tags', { type: () => [String], nullable: true }) tags?: string[] | null,
  ) {
    const result = await this.service.add(brandId, shortlistId, accountIds, note, tags);
    return { ...result, shortlist: view(await this.service.getOrFail(brandId, shortlistId)) };
  }

  @Mutation(() => RemoveFromShortlistResult)
  async removeFromShortlist(
    @CurrentBrand() brandId: BrandId,
    @Args('shortlistId', { type: () => ID }) shortlistId: string,
    @Args('accountIds', { type: () => [ID] }) accountIds: string[],
  ) {
    const removed = await this.service.remove(brandId, shortlistId, accountIds);
    return { removed, shortlist: view(await this.service.getOrFail(brandId, shortlistId)) };
  }

  @Mutation(() => ShortlistEntry, { description: "Changes an entry's note and/or tags." })
  async updateShortlistEntry(
    @CurrentBrand() brandId: BrandId,
    @Args('shortlistId', { type: () => ID }) shortlistId: string,
    @Args('accountId', { type: () => ID }) accountId: string,
    @Args('input') input: UpdateShortlistEntryInput,
  ) {
    return this.service.updateEntry(brandId, shortlistId, accountId, input);
  }

  @ResolveField(() => ShortlistEntryPage, { description: 'Entries in the order they were added; `tag` keeps only entries with that tag.' })
  async entries(
    @CurrentBrand() brandId: BrandId,
    @Parent() list: Shortlist,
    @Args('tag', { type: () => String, nullable: true }) tag?: string | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 100 }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ) {
    return this.service.entries(brandId, list.id, { tag, first, after });
  }

  @ResolveField(() => [ShortlistTagCount], { description: 'The tags used on this list, most used first.' })
  async tags(@CurrentBrand() brandId: BrandId, @Parent() list: Shortlist & { tags?: ShortlistTagCount[] }) {
    // `shortlists` fetched them for all lists at once; a single list asks here.
    return list.tags ?? (await this.service.tagCounts(brandId, [list.id])).get(list.id) ?? [];
  }
}
