import { type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { ConsoleMiddleware } from './console.middleware.js';

/** Serves the brand console (apps/console, built to dist/console) at / with a fallback for client routes. */
@Module({})
export class ConsoleModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(ConsoleMiddleware).forRoutes('*');
  }
}
