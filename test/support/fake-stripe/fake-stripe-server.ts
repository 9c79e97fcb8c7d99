import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { type FormObject, type FormValue, parseStripeForm } from './parse-stripe-form.js';

/**
 * A local stand-in for the parts of the Stripe API Renown calls, driven by the real `stripe` SDK.
 *
 * It speaks Stripe's wire format (form-encoded bodies with bracket keys, JSON answers, Stripe's error
 * shape), checks the secret key, refuses missing and unknown parameters, honours Idempotency-Key (same key
 * and same parameters replay the first answer with `Idempotent-Replayed: true`; same key with other
 * parameters is an idempotency_error), keeps state, and sends REAL signed webhook events
 * (`stripe.webhooks.generateTestHeaderString`) to the endpoint it is given.
 *
 * Scenario helpers (completeCheckout, failPayment, payOpenInvoice, cancelAtPeriodEnd, endPeriod) move the
 * state the way Stripe does and emit the events Stripe would, in Stripe's order, with a settable clock.
 * A small HTML checkout page (/checkout/:id) and portal page (/portal/:id) let a browser test click through.
 */

export interface FakePrice {
  id: string;
  product: string;
  unit_amount: number | null;
  currency: string;
  recurring: { interval: 'month' | 'year'; usage_type: 'licensed' | 'metered'; meter: string | null };
}

export interface RecordedRequest {
  method: string;
  path: string;
  params: FormObject;
  idempotencyKey: string | null;
  status: number;
  replayed: boolean;
}

export interface Delivery {
  eventId: string;
  type: string;
  status: number;
  body: string;
}

type Json = Record<string, any>;

const API_VERSION = '2026-10-28.endive';

class StripeApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: { type: string; message: string; code?: string; param?: string },
  ) {
    super(body.message);
  }
}

const missing = (param: string) =>
  new StripeApiError(400, { type: 'invalid_request_error', code: 'parameter_missing', param, message: `Missing required param: ${param}.` });
const noSuch = (what: string, id: string, param = 'id') =>
  new StripeApiError(404, { type: 'invalid_request_error', code: 'resource_missing', param, message: `No such ${what}: '${id}'` });
const invalid = (param: string, message: string) =>
  new StripeApiError(400, { type: 'invalid_request_error', code: 'parameter_invalid', param, message });

function onlyKnown(params: FormObject, allowed: string[]) {
  for (const key of Object.keys(params)) {
    if (!allowed.includes(key)) {
      throw new StripeApiError(400, { type: 'invalid_request_error', code: 'parameter_unknown', param: key, message: `Received unknown parameter: ${key}` });
    }
  }
}

function str(v: FormValue | undefined): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function metadataOf(v: FormValue | undefined): Record<string, string> {
  if (v === undefined || v === '') return {};
  if (typeof v !== 'object' || Array.isArray(v)) throw invalid('metadata', 'Invalid object');
  return Object.fromEntries(Object.entries(v).map(([k, val]) => [k, String(val)]));
}

export class FakeStripe {
  readonly secretKey = `sk_test_fake_${randomBytes(8).toString('hex')}`;
  readonly webhookSecret = `whsec_fake_${randomBytes(16).toString('hex')}`;
  readonly meterEventName = 'renown_invitation';
  readonly prices = new Map<string, FakePrice>();
  readonly customers = new Map<string, Json>();
  readonly checkoutSessions = new Map<string, Json>();
  readonly portalSessions = new Map<string, Json>();
  readonly subscriptions = new Map<string, Json>();
  readonly invoices = new Map<string, Json>();
  /** Accepted meter events (duplicates by identifier are refused, as Stripe does within 24 hours). */
  readonly meterEvents: Json[] = [];
  readonly events: Stripe.Event[] = [];
  readonly requests: RecordedRequest[] = [];
  readonly deliveries: Delivery[] = [];
  /** Where events are POSTed (the API's /webhooks/stripe). */
  webhookUrl: string | null = null;
  /** When false, events are only recorded; the test delivers them with deliver(), in any order. */
  autoDeliver = true;
  /** Stripe's clock, in Unix seconds; scenario helpers stamp objects and events with it. */
  now = Math.floor(Date.now() / 1000);

  private server: Server;
  private port = 0;
  private readonly idempotent = new Map<string, { fingerprint: string; status: number; body: string }>();
  private readonly faults: Array<{ method: string; path: RegExp; afterProcessing: boolean }> = [];
  private seq = 0;

  static async start(): Promise<FakeStripe> {
    const fake = new FakeStripe();
    fake.addPrice({ id: 'price_growth_monthly', product: 'prod_growth', unit_amount: 9900, currency: 'usd', recurring: { interval: 'month', usage_type: 'licensed', meter: null } });
    fake.addPrice({ id: 'price_scale_monthly', product: 'prod_scale', unit_amount: 49900, currency: 'usd', recurring: { interval: 'month', usage_type: 'licensed', meter: null } });
    fake.addPrice({ id: 'price_invitation_overage', product: 'prod_invitations', unit_amount: 25, currency: 'usd', recurring: { interval: 'month', usage_type: 'metered', meter: 'mtr_test_invitations' } });
    fake.server = createServer((req, res) => {
      fake.handle(req, res).catch((err) => {
        res.statusCode = 500;
        res.end(JSON.stringify({ error: { type: 'api_error', message: `fake Stripe bug: ${err.message}` } }));
      });
    });
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.port = (fake.server.address() as AddressInfo).port;
    return fake;
  }

  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The environment that points Renown at this fake, with its plans' price ids and meter. */
  env(): Record<string, string> {
    return {
      STRIPE_SECRET_KEY: this.secretKey,
      STRIPE_WEBHOOK_SECRET: this.webhookSecret,
      STRIPE_API_URL: this.url,
      STRIPE_PRICE_GROWTH: 'price_growth_monthly',
      STRIPE_PRICE_SCALE: 'price_scale_monthly',
      STRIPE_PRICE_INVITATIONS_METERED: 'price_invitation_overage',
      STRIPE_METER_INVITATIONS: this.meterEventName,
    };
  }

  /** The real SDK, configured like Renown's, for tests that look at the fake's state through the API. */
  client(): Stripe {
    return new Stripe(this.secretKey, { host: '127.0.0.1', port: this.port, protocol: 'http', maxNetworkRetries: 0, telemetry: false });
  }

  addPrice(price: FakePrice) {
    this.prices.set(price.id, price);
  }

  /**
   * The next matching request fails with a 500. With afterProcessing, the request takes effect first and only
   * the answer is lost: the caller cannot tell, which is exactly when an idempotency key matters. `times`
   * covers the SDK's own retries.
   */
  failNext(method: string, path: RegExp, options: { afterProcessing?: boolean; times?: number } = {}) {
    for (let i = 0; i < (options.times ?? 1); i++) this.faults.push({ method, path, afterProcessing: options.afterProcessing ?? false });
  }

  requestsTo(method: string, path: RegExp) {
    return this.requests.filter((r) => r.method === method && path.test(r.path));
  }

  async close() {
    this.server.closeAllConnections?.();
    await new Promise((resolve) => this.server.close(resolve));
  }

  // ---------------------------------------------------------------- scenario helpers (what Stripe does)

  /** The customer pays on the hosted page: subscription created and paid, events in Stripe's order. */
  async completeCheckout(sessionId: string): Promise<Json> {
    const session = this.checkoutSessions.get(sessionId);
    if (!session) throw new Error(`no checkout session ${sessionId}`);
    if (session.status !== 'open') throw new Error(`checkout session ${sessionId} is ${session.status}`);
    const items = session._line_items as Array<{ price: string; quantity?: number }>;
    const sub = this.createSubscription(session.customer, items, session._subscription_metadata);
    const invoice = this.createInvoice(sub, 'subscription_create', 'paid');
    Object.assign(session, { status: 'complete', payment_status: 'paid', subscription: sub.id });
    const events = [
      this.event('customer.subscription.created', sub),
      this.event('invoice.paid', invoice),
      this.event('checkout.session.completed', session),
    ];
    await this.emit(events);
    return sub;
  }

  /** The renewal charge fails: the invoice stays open and the subscription goes past_due. */
  async failPayment(subscriptionId: string): Promise<Json> {
    const sub = this.sub(subscriptionId);
    this.advancePeriod(sub);
    const invoice = this.createInvoice(sub, 'subscription_cycle', 'open');
    invoice.attempt_count = 1;
    invoice.next_payment_attempt = this.now + 3 * 86400;
    const before = { status: sub.status };
    sub.status = 'past_due';
    sub.latest_invoice = invoice.id;
    await this.emit([this.event('invoice.payment_failed', invoice), this.event('customer.subscription.updated', sub, before)]);
    return invoice;
  }

  /** A later retry (or a new card from the portal) pays the open invoice: the subscription is active again. */
  async payOpenInvoice(subscriptionId: string): Promise<Json> {
    const sub = this.sub(subscriptionId);
    const invoice = this.invoices.get(sub.latest_invoice);
    if (!invoice || invoice.status !== 'open') throw new Error(`subscription ${subscriptionId} has no open invoice`);
    Object.assign(invoice, { status: 'paid', amount_paid: invoice.amount_due, next_payment_attempt: null, status_transitions: { paid_at: this.now } });
    const before = { status: sub.status };
    sub.status = 'active';
    await this.emit([this.event('invoice.paid', invoice), this.event('customer.subscription.updated', sub, before)]);
    return invoice;
  }

  /** The owner cancels in the portal: the plan runs to the end of the paid period. */
  async cancelAtPeriodEnd(subscriptionId: string): Promise<Json> {
    const sub = this.sub(subscriptionId);
    const before = { cancel_at_period_end: false, cancel_at: null, canceled_at: null };
    Object.assign(sub, { cancel_at_period_end: true, cancel_at: sub.items.data[0].current_period_end, canceled_at: this.now });
    await this.emit([this.event('customer.subscription.updated', sub, before)]);
    return sub;
  }

  /** The period ends: a cancelled subscription ends (deleted event); otherwise it renews and is paid. */
  async endPeriod(subscriptionId: string): Promise<Json> {
    const sub = this.sub(subscriptionId);
    this.now = Math.max(this.now, sub.items.data[0].current_period_end);
    if (sub.cancel_at_period_end) {
      Object.assign(sub, { status: 'canceled', ended_at: this.now });
      await this.emit([this.event('customer.subscription.deleted', sub)]);
      return sub;
    }
    this.advancePeriod(sub);
    const invoice = this.createInvoice(sub, 'subscription_cycle', 'paid');
    sub.latest_invoice = invoice.id;
    await this.emit([this.event('invoice.paid', invoice), this.event('customer.subscription.updated', sub, { items: {} })]);
    return sub;
  }

  /** Signs and POSTs one recorded event (again, if it was delivered before: a replay). */
  async deliver(eventId: string, options: { signature?: string; secret?: string; body?: string } = {}): Promise<Delivery> {
    const event = this.events.find((e) => e.id === eventId);
    if (!event) throw new Error(`no event ${eventId}`);
    if (!this.webhookUrl) throw new Error('webhookUrl is not set');
    const payload = options.body ?? JSON.stringify(event, null, 2);
    const signature =
      options.signature ??
      Stripe.webhooks.generateTestHeaderString({ payload, secret: options.secret ?? this.webhookSecret, timestamp: Math.floor(Date.now() / 1000) });
    const res = await fetch(this.webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', 'stripe-signature': signature, 'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)' },
      body: payload,
    });
    const delivery = { eventId, type: event.type, status: res.status, body: await res.text() };
    this.deliveries.push(delivery);
    return delivery;
  }

  eventsOfType(type: string) {
    return this.events.filter((e) => e.type === type);
  }

  // ---------------------------------------------------------------- state changes

  private id(prefix: string) {
    return `${prefix}_${(++this.seq).toString().padStart(4, '0')}${randomBytes(6).toString('hex')}`;
  }

  private sub(id: string): Json {
    const sub = this.subscriptions.get(id);
    if (!sub) throw new Error(`no subscription ${id}`);
    return sub;
  }

  private createSubscription(customer: string, items: Array<{ price: string; quantity?: number }>, metadata: Record<string, string>): Json {
    const id = this.id('sub');
    const periodEnd = this.now + 30 * 86400;
    const sub: Json = {
      id,
      object: 'subscription',
      customer,
      status: 'active',
      cancel_at_period_end: false,
      cancel_at: null,
      canceled_at: null,
      ended_at: null,
      created: this.now,
      start_date: this.now,
      billing_cycle_anchor: this.now,
      trial_start: null,
      trial_end: null,
      collection_method: 'charge_automatically',
      currency: 'usd',
      livemode: false,
      metadata,
      latest_invoice: null,
      items: {
        object: 'list',
        has_more: false,
        total_count: items.length,
        url: `/v1/subscription_items?subscription=${id}`,
        data: items.map((item) => {
          const price = this.prices.get(item.price)!;
          return {
            id: this.id('si'),
            object: 'subscription_item',
            created: this.now,
            current_period_start: this.now,
            current_period_end: periodEnd,
            metadata: {},
            price: this.priceObject(price),
            quantity: price.recurring.usage_type === 'metered' ? undefined : (item.quantity ?? 1),
            subscription: id,
          };
        }),
      },
    };
    this.subscriptions.set(id, sub);
    return sub;
  }

  private advancePeriod(sub: Json) {
    for (const item of sub.items.data) {
      const start = Math.max(item.current_period_end, this.now);
      item.current_period_start = start;
      item.current_period_end = start + 30 * 86400;
    }
    this.now = Math.max(this.now, sub.items.data[0].current_period_start);
  }

  private createInvoice(sub: Json, reason: string, status: 'paid' | 'open'): Json {
    const amount = (sub.items.data as Json[]).reduce((sum, i) => sum + (i.price.unit_amount ?? 0) * (i.quantity ?? 0), 0);
    const invoice: Json = {
      id: this.id('in'),
      object: 'invoice',
      customer: sub.customer,
      status,
      billing_reason: reason,
      currency: 'usd',
      amount_due: amount,
      amount_paid: status === 'paid' ? amount : 0,
      attempt_count: status === 'paid' ? 1 : 0,
      attempted: true,
      created: this.now,
      period_start: sub.items.data[0].current_period_start,
      period_end: sub.items.data[0].current_period_end,
      next_payment_attempt: null,
      livemode: false,
      parent: { type: 'subscription_details', quote_details: null, subscription_details: { subscription: sub.id, metadata: sub.metadata } },
      status_transitions: { paid_at: status === 'paid' ? this.now : null },
    };
    this.invoices.set(invoice.id, invoice);
    sub.latest_invoice = invoice.id;
    return invoice;
  }

  private priceObject(p: FakePrice): Json {
    return { id: p.id, object: 'price', active: true, currency: p.currency, product: p.product, unit_amount: p.unit_amount, type: 'recurring', recurring: { ...p.recurring, interval_count: 1 }, livemode: false };
  }

  private event(type: string, object: Json, previous?: Json): Stripe.Event {
    const snapshot = JSON.parse(JSON.stringify(object, (k, v) => (k.startsWith('_') ? undefined : v)));
    const event = {
      id: this.id('evt'),
      object: 'event',
      api_version: API_VERSION,
      created: this.now,
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
      data: { object: snapshot, ...(previous ? { previous_attributes: previous } : {}) },
    } as unknown as Stripe.Event;
    this.events.push(event);
    return event;
  }

  private async emit(events: Stripe.Event[]) {
    if (!this.autoDeliver || !this.webhookUrl) return;
    for (const e of events) await this.deliver(e.id);
  }

  // ---------------------------------------------------------------- HTTP

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', this.url);
    const method = req.method ?? 'GET';

    if (url.pathname.startsWith('/checkout/') || url.pathname.startsWith('/portal/')) {
      return this.handlePage(method, url, res);
    }

    const idempotencyKey = (req.headers['idempotency-key'] as string | undefined) ?? null;
    let params: FormObject;
    try {
      params = method === 'GET' || method === 'DELETE' ? parseStripeForm(url.search.slice(1)) : parseStripeForm(body);
    } catch (err) {
      return this.send(res, { method, path: url.pathname, params: {}, idempotencyKey, replayed: false }, 400, { error: { type: 'invalid_request_error', message: err.message } });
    }
    const record = { method, path: url.pathname, params, idempotencyKey, replayed: false };

    const auth = req.headers.authorization ?? '';
    if (auth !== `Bearer ${this.secretKey}`) {
      return this.send(res, record, 401, { error: { type: 'invalid_request_error', message: `Invalid API Key provided: ${auth.replace(/^Bearer /, '').slice(0, 8)}****` } });
    }

    const faultIndex = this.faults.findIndex((f) => f.method === method && f.path.test(url.pathname));
    const fault = faultIndex >= 0 ? this.faults.splice(faultIndex, 1)[0] : null;
    if (fault && !fault.afterProcessing) {
      return this.send(res, record, 500, { error: { type: 'api_error', message: 'Simulated Stripe outage' } });
    }

    const fingerprint = createHash('sha256').update(`${method} ${url.pathname} ${body}`).digest('hex');
    let status = 200;
    let answer: Json;
    let replayed = false;
    const seen = idempotencyKey && method === 'POST' ? this.idempotent.get(idempotencyKey) : undefined;
    if (seen && seen.fingerprint !== fingerprint) {
      status = 400;
      answer = {
        error: {
          type: 'idempotency_error',
          message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
        },
      };
    } else if (seen) {
      replayed = true;
      status = seen.status;
      answer = JSON.parse(seen.body);
    } else {
      try {
        answer = this.route(method, url.pathname, params);
      } catch (err) {
        if (!(err instanceof StripeApiError)) throw err;
        status = err.status;
        answer = { error: err.body };
      }
      // Stripe stores the first answer under the key, errors included (except its own 500s).
      if (idempotencyKey && method === 'POST') this.idempotent.set(idempotencyKey, { fingerprint, status, body: JSON.stringify(answer) });
    }
    if (fault) {
      // Processed (or replayed), but the answer never reaches the caller.
      return this.send(res, { ...record, replayed }, 500, { error: { type: 'api_error', message: 'Simulated network failure after processing' } });
    }
    if (replayed) res.setHeader('Idempotent-Replayed', 'true');
    return this.send(res, { ...record, replayed }, status, answer);
  }

  private send(res: ServerResponse, record: Omit<RecordedRequest, 'status'>, status: number, body: Json) {
    this.requests.push({ ...record, status });
    res.statusCode = status;
    res.setHeader('content-type', 'application/json');
    res.setHeader('request-id', `req_${randomBytes(7).toString('hex')}`);
    res.setHeader('stripe-version', API_VERSION);
    res.end(JSON.stringify(body));
  }

  private route(method: string, path: string, params: FormObject): Json {
    let m: RegExpMatchArray | null;
    if (method === 'POST' && path === '/v1/customers') return this.createCustomer(params);
    if (method === 'GET' && (m = path.match(/^\/v1\/customers\/([^/]+)$/))) return this.get(this.customers, 'customer', m[1]);
    if (method === 'POST' && path === '/v1/checkout/sessions') return this.createCheckoutSession(params);
    if (method === 'GET' && (m = path.match(/^\/v1\/checkout\/sessions\/([^/]+)$/))) return this.get(this.checkoutSessions, 'checkout.session', m[1]);
    if (method === 'POST' && path === '/v1/billing_portal/sessions') return this.createPortalSession(params);
    if (method === 'GET' && (m = path.match(/^\/v1\/subscriptions\/([^/]+)$/))) return this.get(this.subscriptions, 'subscription', m[1]);
    if (method === 'GET' && path === '/v1/subscriptions') return this.listSubscriptions(params);
    if (method === 'GET' && (m = path.match(/^\/v1\/prices\/([^/]+)$/))) {
      const price = this.prices.get(m[1]);
      if (!price) throw noSuch('price', m[1]);
      return this.priceObject(price);
    }
    if (method === 'POST' && path === '/v1/billing/meter_events') return this.createMeterEvent(params);
    throw new StripeApiError(404, { type: 'invalid_request_error', message: `Unrecognized request URL (${method}: ${path}). The fake Stripe implements only what Renown calls.` });
  }

  private get(map: Map<string, Json>, what: string, id: string) {
    const found = map.get(id);
    if (!found) throw noSuch(what, id);
    return JSON.parse(JSON.stringify(found, (k, v) => (k.startsWith('_') ? undefined : v)));
  }

  private createCustomer(params: FormObject): Json {
    onlyKnown(params, ['email', 'name', 'metadata', 'description', 'expand']);
    const email = str(params.email);
    if (email !== undefined && !/^[^@\s]+@[^@\s]+$/.test(email)) throw invalid('email', 'Invalid email address: ' + email);
    const customer = { id: this.id('cus'), object: 'customer', created: this.now, email: email ?? null, name: str(params.name) ?? null, description: str(params.description) ?? null, metadata: metadataOf(params.metadata), livemode: false };
    this.customers.set(customer.id, customer);
    return customer;
  }

  private createCheckoutSession(params: FormObject): Json {
    onlyKnown(params, ['mode', 'customer', 'customer_email', 'client_reference_id', 'line_items', 'success_url', 'cancel_url', 'metadata', 'subscription_data', 'allow_promotion_codes', 'expand', 'ui_mode', 'billing_address_collection']);
    const mode = str(params.mode);
    if (!mode) throw missing('mode');
    if (!['payment', 'setup', 'subscription'].includes(mode)) throw invalid('mode', `Invalid mode: ${mode}`);
    const successUrl = str(params.success_url);
    if (!successUrl) throw missing('success_url');
    for (const [name, value] of [['success_url', successUrl], ['cancel_url', str(params.cancel_url)]] as const) {
      if (value !== undefined && !/^https?:\/\/[^\s]+$/.test(value)) throw invalid(name, 'Not a valid URL');
    }
    const customer = str(params.customer);
    if (customer && !this.customers.has(customer)) throw noSuch('customer', customer, 'customer');
    if (!customer && mode === 'subscription' && !str(params.customer_email)) {
      // Stripe would create a customer; Renown always passes one, so the fake insists.
      throw missing('customer');
    }
    const lineItems = params.line_items;
    if (!Array.isArray(lineItems) || lineItems.length === 0) throw missing('line_items');
    const items = lineItems.map((raw, i) => {
      const item = raw as FormObject;
      const priceId = str(item.price);
      if (!priceId) throw missing(`line_items[${i}][price]`);
      const price = this.prices.get(priceId);
      if (!price) throw noSuch('price', priceId, `line_items[${i}][price]`);
      const quantity = str(item.quantity);
      if (price.recurring.usage_type === 'metered' && quantity !== undefined) {
        throw invalid(`line_items[${i}][quantity]`, 'Quantity should not be specified where usage_type is `metered`. Remove quantity from `line_items[' + i + ']`');
      }
      if (price.recurring.usage_type === 'licensed' && quantity === undefined) throw missing(`line_items[${i}][quantity]`);
      if (quantity !== undefined && !/^[1-9]\d*$/.test(quantity)) throw invalid(`line_items[${i}][quantity]`, 'Invalid integer: ' + quantity);
      return { price: priceId, quantity: quantity === undefined ? undefined : Number(quantity) };
    });
    if (mode === 'subscription' && !items.some((i) => this.prices.get(i.price)!.recurring)) throw invalid('line_items', 'A subscription needs a recurring price');
    const subscriptionData = (params.subscription_data ?? {}) as FormObject;
    const id = `cs_test_${randomBytes(12).toString('hex')}`;
    const session: Json = {
      id,
      object: 'checkout.session',
      mode,
      status: 'open',
      payment_status: 'unpaid',
      customer: customer ?? null,
      customer_email: str(params.customer_email) ?? null,
      client_reference_id: str(params.client_reference_id) ?? null,
      metadata: metadataOf(params.metadata),
      success_url: successUrl,
      cancel_url: str(params.cancel_url) ?? null,
      url: `${this.url}/checkout/${id}`,
      subscription: null,
      created: this.now,
      expires_at: this.now + 86400,
      livemode: false,
      _line_items: items,
      _subscription_metadata: metadataOf(subscriptionData.metadata),
    };
    this.checkoutSessions.set(id, session);
    return this.get(this.checkoutSessions, 'checkout.session', id);
  }

  private createPortalSession(params: FormObject): Json {
    onlyKnown(params, ['customer', 'return_url', 'configuration', 'locale', 'expand']);
    const customer = str(params.customer);
    if (!customer) throw missing('customer');
    if (!this.customers.has(customer)) throw noSuch('customer', customer, 'customer');
    const returnUrl = str(params.return_url);
    if (returnUrl !== undefined && !/^https?:\/\/[^\s]+$/.test(returnUrl)) throw invalid('return_url', 'Not a valid URL');
    const id = `bps_${randomBytes(12).toString('hex')}`;
    const session = { id, object: 'billing_portal.session', customer, return_url: returnUrl ?? null, created: this.now, livemode: false, url: `${this.url}/portal/${id}` };
    this.portalSessions.set(id, session);
    return session;
  }

  private listSubscriptions(params: FormObject): Json {
    onlyKnown(params, ['customer', 'status', 'limit', 'price', 'expand', 'starting_after']);
    const customer = str(params.customer);
    const status = str(params.status);
    const limit = Number(str(params.limit) ?? 10);
    const data = [...this.subscriptions.values()]
      .filter((s) => !customer || s.customer === customer)
      .filter((s) => (status === 'all' ? true : status ? s.status === status : s.status !== 'canceled'))
      .sort((a, b) => b.created - a.created);
    return { object: 'list', url: '/v1/subscriptions', has_more: data.length > limit, data: data.slice(0, limit).map((s) => this.get(this.subscriptions, 'subscription', s.id)) };
  }

  private createMeterEvent(params: FormObject): Json {
    onlyKnown(params, ['event_name', 'payload', 'identifier', 'timestamp', 'expand']);
    const eventName = str(params.event_name);
    if (!eventName) throw missing('event_name');
    if (eventName !== this.meterEventName) {
      throw new StripeApiError(400, { type: 'invalid_request_error', param: 'event_name', message: `No active meter found for event_name ${eventName}` });
    }
    const payload = params.payload as FormObject | undefined;
    if (!payload || typeof payload !== 'object') throw missing('payload');
    const customer = str(payload.stripe_customer_id);
    if (!customer) throw missing('payload[stripe_customer_id]');
    if (!this.customers.has(customer)) throw noSuch('customer', customer, 'payload[stripe_customer_id]');
    const value = str(payload.value);
    if (value === undefined) throw missing('payload[value]');
    if (!/^\d+$/.test(value)) throw invalid('payload[value]', 'The value must be a whole number');
    const identifier = str(params.identifier) ?? `auto_${randomBytes(8).toString('hex')}`;
    if (this.meterEvents.some((e) => e.identifier === identifier)) {
      throw new StripeApiError(400, { type: 'invalid_request_error', code: 'resource_already_exists', param: 'identifier', message: `An event already exists with identifier ${identifier}.` });
    }
    const timestamp = str(params.timestamp);
    const event = { object: 'billing.meter_event', created: this.now, event_name: eventName, identifier, livemode: false, payload: { stripe_customer_id: customer, value }, timestamp: timestamp ? Number(timestamp) : this.now };
    this.meterEvents.push(event);
    return event;
  }

  // ---------------------------------------------------------------- hosted pages for browser tests

  private async handlePage(method: string, url: URL, res: ServerResponse) {
    const [, kind, id, action] = url.pathname.split('/');
    const html = (status: number, body: string) => {
      res.statusCode = status;
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Fake Stripe</title></head><body>${body}</body></html>`);
    };
    if (kind === 'checkout') {
      const session = this.checkoutSessions.get(id);
      if (!session) return html(404, '<h1>Checkout session not found</h1>');
      if (method === 'POST' && action === 'pay') {
        if (session.status === 'open') await this.completeCheckout(id);
        res.statusCode = 303;
        res.setHeader('location', session.success_url.replace('{CHECKOUT_SESSION_ID}', id));
        return res.end();
      }
      const prices = (session._line_items as Array<{ price: string }>).map((i) => `<li>${i.price}</li>`).join('');
      return html(200, `<h1>Fake Stripe Checkout</h1><ul>${prices}</ul><form method="post" action="/checkout/${id}/pay"><button type="submit">Pay</button></form><a href="${session.cancel_url ?? '#'}">Cancel</a>`);
    }
    const portal = this.portalSessions.get(id);
    if (!portal) return html(404, '<h1>Portal session not found</h1>');
    if (method === 'POST' && action === 'cancel') {
      const sub = [...this.subscriptions.values()].find((s) => s.customer === portal.customer && s.status !== 'canceled');
      if (sub && !sub.cancel_at_period_end) await this.cancelAtPeriodEnd(sub.id);
      res.statusCode = 303;
      res.setHeader('location', portal.return_url ?? '/');
      return res.end();
    }
    return html(200, `<h1>Fake Stripe Customer Portal</h1><form method="post" action="/portal/${id}/cancel"><button type="submit">Cancel plan</button></form><a href="${portal.return_url ?? '#'}">Return</a>`);
  }
}
