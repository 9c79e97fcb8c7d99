import 'reflect-metadata';
import { type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type AppConfig, PinoNestLogger } from '@renown/core';
import { WorkerModule } from './worker.module.js';

export async function createWorkerApp(config: AppConfig, databaseUrl: string): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, databaseUrl), {
    logger: new PinoNestLogger(),
  });
  app.enableShutdownHooks();
  return app;
}
