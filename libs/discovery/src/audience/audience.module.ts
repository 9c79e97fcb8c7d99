import { Module } from '@nestjs/common';
import { AudienceQualityJobs } from './audience-quality.jobs.js';
import { AudienceQualityService } from './audience-quality.service.js';

/** Audience quality: the job (worker) and the service the profile and search read through. */
@Module({
  providers: [AudienceQualityService, AudienceQualityJobs],
  exports: [AudienceQualityService],
})
export class AudienceModule {}
