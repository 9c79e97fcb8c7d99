import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { type AppConfig, HttpErrorFilter, PinoNestLogger, requestLogging } from '@renown/core';
import cookieParser from 'cookie-parser';
import { ApiModule } from './api.module.js';

/** Builds the API application (used by main.ts and by the tests, which listen on a random port). */
export async function createApiApp(config: AppConfig, databaseUrl: string): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(config, databaseUrl), {
    logger: new PinoNestLogger(),
    rawBody: true, // Stripe webhooks are verified on the exact bytes received
  });
  app.set('trust proxy', 'loopback');
  app.disable('x-powered-by');
  app.use(requestLogging);
  app.use(cookieParser());
  app.useGlobalFilters(new HttpErrorFilter());
  app.enableShutdownHooks();
  return app;
}
