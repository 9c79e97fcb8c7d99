import type { INestApplicationContext } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { loadConfig, type AppConfig } from '../../libs/core/src/index.js';
import { createApiApp } from '../../apps/api/src/create-api-app.js';
import { createWorkerApp } from '../../apps/worker/src/create-worker-app.js';
import { SessionsService } from '../../libs/accounts/src/index.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export interface TestApp {
  app: NestExpressApplication;
  /** http://127.0.0.1:<port> */
  url: string;
  db: TestDatabase;
  config: AppConfig;
  /** POST a GraphQL operation; returns the parsed body and the response. */
  graphql<T = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<{ data?: T; errors?: any[]; status: number; headers: Headers }>;
  /**
   * Resolves once the API process has heard of every session, membership or user change committed so far:
   * after changing them with plain SQL (as another process or psql would), before the next request.
   */
  authChangesSeen(): Promise<void>;
  /** Starts a worker on the same database (jobs enqueued by the API get done). */
  startWorker(): Promise<INestApplicationContext>;
  close(): Promise<void>;
}

export function testConfig(overrides: Record<string, string> = {}): AppConfig {
  // The fake worlds' remote Mastodon accounts live on made-up domains: read them through the local fake instance,
  // never from https://<domain> (no test leaves loopback).
  return loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PUBLIC_URL: 'http://localhost:3000', MASTODON_HOME_INSTANCES: 'off', ...overrides });
}

export type ApiOn = Pick<TestApp, 'app' | 'url' | 'graphql'>;

/**
 * The real API on the given database, listening on a random loopback port. Another one on the same database
 * stands for another API process.
 */
export async function listenApi(config: AppConfig, databaseUrl: string): Promise<ApiOn> {
  const app = await createApiApp(config, databaseUrl);
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1').replace('localhost', '127.0.0.1');
  return {
    app,
    url,
    async graphql(query, variables, headers = {}) {
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      const body = await res.json();
      return { ...body, status: res.status, headers: res.headers };
    },
  };
}

/** The real API on its own fresh database, listening on a random loopback port. */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  const config = testConfig(env);
  const { app, url, graphql } = await listenApi(config, db.url);
  const workers: INestApplicationContext[] = [];
  return {
    app,
    url,
    db,
    config,
    graphql,
    authChangesSeen: () => app.get(SessionsService).changesSeen(),
    async startWorker() {
      const worker = await createWorkerApp(config, db.url);
      workers.push(worker);
      return worker;
    },
    async close() {
      for (const w of workers) await w.close();
      await app.close();
      await db.drop();
    },
  };
}
