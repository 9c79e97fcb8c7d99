import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { type AppConfig, HttpErrorFilter, PinoNestLogger, requestLogging } from '@renown/core';
import { developerApiCors } from '@renown/discovery/developer-api/index.js';
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
  // Every answer here is computed per request (GraphQL, claim pages, webhooks); Express's default ETag hashed
  // each body (a search page is ~40 KB) for a revalidation no client of ours makes. The console's static
  // files are served with their own cache headers by ConsoleMiddleware.
  app.set('etag', false);
  app.use(requestLogging);
  // The developer REST API answers browsers from any origin (bearer keys, no cookies); preflights end here.
  app.use('/v1', developerApiCors);
  app.use(cookieParser());
  app.useGlobalFilters(new HttpErrorFilter());
  app.enableShutdownHooks();
  return app;
}
