import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { LookupService } from '@renown/sources';
import { type BrandId, CurrentBrand, Public } from '@renown/accounts';
import { DeveloperApiService } from '../developer-api.service.js';
import { DeveloperApiListsService } from '../lists/developer-api-lists.service.js';
import { DeveloperApiGuard, ExtensionKeyAllowed, NotMetered } from './developer-api.guard.js';
import type {
  AccountResponse,
  AddToListResponse,
  BatchLookupResponse,
  IdentityResponse,
  InfluenceResponse,
  ListsResponse,
  ScoreResponse,
  TopicsResponse,
  UsageResponse,
} from './developer-api.responses.js';
import { parseAccountId, parseHandle, parseLimit, parsePlatform } from './parse-developer-api-input.js';

/**
 * The developer REST API, version 1, in the shape of Klout's v2 API (identity, score with deltas and band,
 * topics, influence). API keys only: @Public() hands authentication to DeveloperApiGuard, which refuses
 * anything but an active rnk_ key, keeps extension keys to the routes marked @ExtensionKeyAllowed() (look-ups and
 * adding to lists), applies the per-key rate limit and meters the call.
 */
@Public()
@UseGuards(DeveloperApiGuard)
@Controller('v1')
export class DeveloperApiController {
  constructor(
    private readonly api: DeveloperApiService,
    private readonly lookups: LookupService,
    private readonly lists: DeveloperApiListsService,
  ) {}

  @Get('identity/:platform/id/:externalId')
  identityByExternalId(@Param('platform') platform: string, @Param('externalId') externalId: string): Promise<IdentityResponse> {
    return this.api.identityByExternalId(parsePlatform(platform), externalId.trim());
  }

  /**
   * With `?fetch=true`, a Bluesky or Mastodon handle Renown does not know yet (or fetched over a day ago) is fetched
   * from its network and scored: the answer is 202 `{ status: "fetching", message, retryAfterSeconds }` until it
   * is in, then the identity; a handle that does not exist, a suspended account or a network that is down get 404,
   * 410 or 503 with a plain message.
   */
  @Get('identity/:platform/:handle')
  async identity(
    @Param('platform') platform: string,
    @Param('handle') handle: string,
    @Query('fetch') fetch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<IdentityResponse | { status: string; message: string; retryAfterSeconds?: number }> {
    const p = parsePlatform(platform);
    if (fetch === 'true' || fetch === '1') {
      const answer = await this.lookups.lookup(p, handle, { fetch: true });
      if (answer.accountId && (answer.status === 'ready' || answer.status === 'scoring')) return this.api.identityOfAccount(p, answer.accountId);
      const statusCode = { fetching: 202, 'not-found': 404, suspended: 410, 'opted-out': 404, unavailable: 503, failed: 502 }[answer.status as string] ?? 202;
      res.status(statusCode);
      if (answer.status === 'fetching') res.setHeader('retry-after', '2');
      return { status: answer.status, message: answer.message, ...(answer.status === 'fetching' ? { retryAfterSeconds: 2 } : {}) };
    }
    return this.api.identityByHandle(p, parseHandle(handle));
  }

  /**
   * Up to 100 handles in one call, each with its score, band, top topics and when it was last fetched; with
   * `"fetch": true`, Bluesky and Mastodon handles Renown does not know are fetched (status `fetching`; ask again).
   * Rate-limited and metered as one call.
   */
  @ExtensionKeyAllowed()
  @Post('lookup')
  @HttpCode(200)
  lookupBatch(@Body() body: unknown): Promise<BatchLookupResponse> {
    return this.api.lookupBatch(body);
  }

  /** The brand's shortlists (the extension's "Add to list"); with `?accountId=`, each says whether that account is on it. */
  @ExtensionKeyAllowed()
  @Get('lists')
  listShortlists(@CurrentBrand() brandId: BrandId, @Query('accountId') accountId?: string): Promise<ListsResponse> {
    return this.lists.lists(brandId, accountId);
  }

  /** Adds `{ "accountId": "..." }` to one of the brand's lists; adding twice changes nothing (`alreadyOnList: true`). */
  @ExtensionKeyAllowed()
  @Post('lists/:id/accounts')
  @HttpCode(200)
  addToShortlist(@CurrentBrand() brandId: BrandId, @Param('id') id: string, @Body() body: unknown): Promise<AddToListResponse> {
    return this.lists.add(brandId, id, body);
  }

  @Get('accounts/:id')
  account(@Param('id') id: string): Promise<AccountResponse> {
    return this.api.account(parseAccountId(id));
  }

  @Get('accounts/:id/score')
  score(@Param('id') id: string): Promise<ScoreResponse> {
    return this.api.score(parseAccountId(id));
  }

  @Get('accounts/:id/topics')
  topics(@Param('id') id: string): Promise<TopicsResponse> {
    return this.api.topics(parseAccountId(id));
  }

  @Get('accounts/:id/influence')
  influence(@Param('id') id: string, @Query('limit') limit?: string): Promise<InfluenceResponse> {
    return this.api.influence(parseAccountId(id), parseLimit(limit, 5, 25));
  }

  @NotMetered()
  @Get('usage')
  usage(@CurrentBrand() brandId: BrandId): Promise<UsageResponse> {
    return this.api.usage(brandId);
  }
}
