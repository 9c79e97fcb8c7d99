import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { Authenticated, type BrandId, CurrentBrand } from '@renown/accounts';
import type { Response } from 'express';
import { ShortlistCsvService } from './shortlist-csv.service.js';

/**
 * GET /shortlists/:id/export.csv[?tag=...]: a download the console can link to. @Authenticated() makes the
 * global AuthGuard accept the same credentials as GraphQL: the console's session cookie (renown_session,
 * SameSite=Lax, so other sites cannot read it; this route changes nothing), a Bearer session token or an
 * rnk_ API key. Another brand's list answers 404, like a missing one.
 */
@Controller('shortlists')
@Authenticated()
export class ShortlistCsvController {
  constructor(private readonly csv: ShortlistCsvService) {}

  @Get(':id/export.csv')
  async export(@CurrentBrand() brandId: BrandId, @Param('id') id: string, @Query('tag') tag: string | undefined, @Res() res: Response) {
    const { filename, csv } = await this.csv.export(brandId, id, typeof tag === 'string' && tag.trim() ? tag : null);
    res
      .status(200)
      .type('text/csv; charset=utf-8')
      .setHeader('Content-Disposition', `attachment; filename="${filename}"`)
      .setHeader('Cache-Control', 'private, no-store')
      .setHeader('X-Content-Type-Options', 'nosniff');
    res.send(csv);
  }
}
