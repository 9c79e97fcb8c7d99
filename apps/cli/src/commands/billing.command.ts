import { Command } from 'commander';
import { NestFactory } from '@nestjs/core';
import { BillingModule, type PlanEntitlements, resolvePlanCatalogue } from '@renown/billing';
import { SubscriptionSyncService } from '@renown/billing/services/subscription-sync.service.js';
import { ConfigModule, DatabaseModule, loadConfig, QueueModule, resolveDatabase } from '@renown/core';

const limit = (v: number | null) => (v === null ? 'unlimited' : v.toLocaleString('en-US'));

/** `renown billing plans`: checks the Stripe configuration and prints the plans; `renown billing reconcile`. */
export const billingCommand = new Command('billing')
  .description('billing: check the Stripe configuration, print the plans, reconcile with Stripe')
  .addCommand(
    new Command('plans').description('validate the billing configuration and print each plan\'s limits').action(() => {
      const config = loadConfig();
      const catalogue = resolvePlanCatalogue(config);
      console.log(catalogue.billingEnabled ? 'billing: on (Stripe)' : 'billing: off (no STRIPE_SECRET_KEY): every brand has every feature');
      const rows: Array<[string, (e: PlanEntitlements) => string]> = [
        ['searches / month', (e) => limit(e.searches)],
        ['API calls / month', (e) => limit(e.apiCalls)],
        ['active campaigns', (e) => limit(e.activeCampaigns)],
        ['invitations / month', (e) => limit(e.invitations) + (e.invitationOverage ? ' (+ metered)' : '')],
        ['seats', (e) => limit(e.seats)],
        ['API access', (e) => (e.apiAccess ? 'yes' : 'no')],
      ];
      const plans = (['trial', 'growth', 'scale', 'free'] as const).map((id) => catalogue.plans[id]);
      console.table(
        Object.fromEntries([
          ['Stripe price', Object.fromEntries(plans.map((p) => [p.name, catalogue.priceIds[p.id as 'growth' | 'scale'] ?? '-']))],
          ...rows.map(([label, get]) => [label, Object.fromEntries(plans.map((p) => [p.name, get(p.entitlements)]))]),
        ]),
      );
    }),
  )
  .addCommand(
    new Command('reconcile').description('re-read every paying brand from Stripe now (the worker does it daily)').action(async () => {
      const config = loadConfig();
      const db = await resolveDatabase(config, () => undefined);
      const app = await NestFactory.createApplicationContext(
        { module: class BillingCliModule {}, imports: [ConfigModule.forRoot(config), DatabaseModule.forRoot(db.url), QueueModule.forRoot('producer'), BillingModule] },
        { logger: false },
      );
      try {
        console.log(await app.get(SubscriptionSyncService).reconcileAll());
      } finally {
        await app.close();
        await db.embedded?.stop();
      }
    }),
  );
