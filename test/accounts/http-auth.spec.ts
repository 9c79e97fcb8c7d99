import { Controller, Get, type INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  AccountsModule,
  type Actor,
  Authenticated,
  type BrandId,
  BrandRole,
  CurrentActor,
  CurrentBrand,
  OperatorOnly,
  Public,
  Roles,
  SessionsService,
} from '../../libs/accounts/src/index.js';
import { ConfigModule, DatabaseModule, HttpErrorFilter, MailModule, QueueModule } from '../../libs/core/src/index.js';
import cookieParser from 'cookie-parser';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { addTeamMember, createApiKey, signUpBrand } from './accounts-test-helpers.js';

/** A stand-in for the developer REST API: how a plain HTTP controller uses the accounts decorators. */
@Authenticated()
@Controller('probe')
class ProbeController {
  @Get('whoami')
  whoami(@CurrentActor() actor: Actor, @CurrentBrand() brandId: BrandId) {
    return { kind: actor.kind, brandId };
  }

  @Roles(BrandRole.OWNER)
  @Get('owners-only')
  ownersOnly() {
    return { ok: true };
  }

  @OperatorOnly()
  @Get('operators-only')
  operatorsOnly() {
    return { ok: true };
  }

  @Public()
  @Get('open')
  open() {
    return { ok: true };
  }
}

@Controller('webhook-like')
class UnmarkedController {
  @Get()
  get() {
    return { ok: true };
  }
}

describe('auth on plain HTTP controllers', () => {
  let t: TestApp;
  let app: INestApplication;
  let base: string;
  beforeAll(async () => {
    t = await createTestApp();
    @Module({
      imports: [ConfigModule.forRoot(t.config), DatabaseModule.forRoot(t.db.url), QueueModule.forRoot('producer'), MailModule.forRoot('api'), AccountsModule],
      controllers: [ProbeController, UnmarkedController],
    })
    class ProbeModule {}
    app = await NestFactory.create(ProbeModule, { logger: false });
    app.use(cookieParser());
    app.useGlobalFilters(new HttpErrorFilter());
    await app.listen(0, '127.0.0.1');
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1').replace('localhost', '127.0.0.1');
  });
  afterAll(async () => {
    await app?.close();
    await t.close();
  });

  const get = async (path: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${base}${path}`, { headers });
    return { status: res.status, body: await res.json() };
  };

  it('accepts an API key (Bearer or X-Api-Key) or a session, scoped to its brand', async () => {
    const owner = await signUpBrand(t);
    const key = await createApiKey(t, owner.headers);
    expect(await get('/probe/whoami', { authorization: `Bearer ${key.secret}` })).toEqual({ status: 200, body: { kind: 'apiKey', brandId: owner.brandId } });
    expect((await get('/probe/whoami', { 'x-api-key': key.secret })).body.brandId).toBe(owner.brandId);
    expect(await get('/probe/whoami', owner.headers)).toEqual({ status: 200, body: { kind: 'user', brandId: owner.brandId } });
  });

  it('answers 401 UNAUTHENTICATED without a credential, 403 FORBIDDEN for the wrong role', async () => {
    expect(await get('/probe/whoami')).toMatchObject({ status: 401, body: { error: { code: 'UNAUTHENTICATED' } } });
    expect(await get('/probe/whoami', { 'x-api-key': 'rnk_nope' })).toMatchObject({ status: 401 });
    const owner = await signUpBrand(t);
    const key = await createApiKey(t, owner.headers);
    const member = await addTeamMember(t, owner.headers, 'MEMBER');
    expect(await get('/probe/owners-only', owner.headers)).toEqual({ status: 200, body: { ok: true } });
    expect(await get('/probe/owners-only', member.headers)).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
    expect(await get('/probe/owners-only', { 'x-api-key': key.secret })).toMatchObject({ status: 403 });
    expect(await get('/probe/operators-only', owner.headers)).toMatchObject({ status: 403 });
    await t.db.pool.query(`UPDATE users SET is_operator = true WHERE id = $1`, [owner.userId]);
    // The probe app is a process of its own with its own session cache: wait until it, not the test app, heard.
    await app.get(SessionsService).changesSeen();
    expect(await get('/probe/operators-only', owner.headers)).toEqual({ status: 200, body: { ok: true } });
  });

  it('leaves @Public() and unmarked routes (webhooks, claim pages) open', async () => {
    expect(await get('/probe/open')).toEqual({ status: 200, body: { ok: true } });
    expect(await get('/webhook-like')).toEqual({ status: 200, body: { ok: true } });
  });
});
