import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { type BrandId, CurrentBrand, Public } from '@renown/accounts';
import { DeveloperApiService } from '../developer-api.service.js';
import { DeveloperApiGuard, NotMetered } from './developer-api.guard.js';
import type { AccountResponse, IdentityResponse, InfluenceResponse, ScoreResponse, TopicsResponse, UsageResponse } from './developer-api.responses.js';
import { parseAccountId, parseHandle, parseLimit, parsePlatform } from './parse-developer-api-input.js';

/**
 * The developer REST API, version 1, in the shape of Klout's v2 API (identity, score with deltas and band,
 * topics, influence). API keys only: @Public() hands authentication to DeveloperApiGuard, which refuses
 * anything but an active rnk_ key, applies the per-key rate limit and meters the call.
 */
@Public()
@UseGuards(DeveloperApiGuard)
@Controller('v1')
export class DeveloperApiController {
  constructor(private readonly api: DeveloperApiService) {}

  @Get('identity/:platform/id/:externalId')
  identityByExternalId(@Param('platform') platform: string, @Param('externalId') externalId: string): Promise<IdentityResponse> {
    return this.api.identityByExternalId(parsePlatform(platform), externalId.trim());
  }

  @Get('identity/:platform/:handle')
  identity(@Param('platform') platform: string, @Param('handle') handle: string): Promise<IdentityResponse> {
    return this.api.identityByHandle(parsePlatform(platform), parseHandle(handle));
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
