import { type DynamicModule, Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { JobRunnerService } from './job-runner.service.js';
import { QUEUE_ROLE, type QueueRole, QueueService } from './queue.service.js';

@Global()
@Module({})
export class QueueModule {
  static forRoot(role: QueueRole): DynamicModule {
    return {
      module: QueueModule,
      imports: role === 'worker' ? [DiscoveryModule] : [],
      providers: [
        { provide: QUEUE_ROLE, useValue: role },
        QueueService,
        ...(role === 'worker' ? [JobRunnerService] : []),
      ],
      exports: [QueueService],
    };
  }
}
