import { Controller, Get, Param, Res } from '@nestjs/common';
import { Authenticated, type BrandId, CurrentBrand } from '@renown/accounts';
import type { Response } from 'express';
import { CampaignReportService } from './campaign-report.service.js';

/** GET /campaigns/:id/report.csv, with the same session or API key as the GraphQL API. */
@Controller('campaigns')
@Authenticated()
export class CampaignReportCsvController {
  constructor(private readonly reports: CampaignReportService) {}

  @Get(':id/report.csv')
  async csv(@CurrentBrand() brandId: BrandId, @Param('id') id: string, @Res() res: Response) {
    const csv = await this.reports.reportCsv(brandId, id);
    res.status(200).type('text/csv; charset=utf-8').setHeader('Content-Disposition', `attachment; filename="campaign-${id}-report.csv"`);
    res.send(csv);
  }
}
