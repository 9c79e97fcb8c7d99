/**
 * Brand-isolation cases for brand audience (libs/discovery/src/brand-audience): a brand's own accounts, its
 * "who matters to us" ranking, alert settings, webhook and alerts are brand-owned rows. Brand A registers an
 * account and configures alerts with a webhook; B must neither see nor change any of it.
 */
import { randomUUID } from 'node:crypto';
import { brandOwned, defineCases, expectNoErrorOrRefused, expectSameAsMissing } from '../isolation-harness.js';

export default defineCases({
  domain: 'discovery-brand-audience',
  async seed({ t, a }) {
    const externalId = `iso-brand-account-${randomUUID()}`;
    const reg = await t.graphql(`mutation($i: RegisterBrandAccountInput!) { registerBrandAccount(input: $i) { id } }`, { i: { platform: 'twitter', externalId } }, a.owner.headers);
    if (reg.errors) throw new Error(JSON.stringify(reg.errors));
    const set = await t.graphql(`mutation { updateBrandAlertSettings(input: { enabled: true, minScore: 42 }) { enabled } }`, {}, a.owner.headers);
    if (set.errors) throw new Error(JSON.stringify(set.errors));
    const webhookUrl = `http://127.0.0.1:9/hook-${randomUUID()}`;
    const hook = await t.graphql(`mutation($u: String!) { setBrandAlertWebhook(url: $u) { secret } }`, { u: webhookUrl }, a.owner.headers);
    if (hook.errors) throw new Error(JSON.stringify(hook.errors));
    return { accountId: reg.data.registerBrandAccount.id, externalId, webhookUrl, webhookSecret: hook.data.setBrandAlertWebhook.secret };
  },
  cases: {
    'Query.brandAccounts': brandOwned(async ({ attacker }) => {
      const res = await attacker.graphql(`{ brandAccounts { id platform handle externalId registeredAt } }`);
      expectNoErrorOrRefused(res);
      // B's own registrations may be listed; A's account (by its external id) never is (checked by the harness).
    }),
    'Mutation.registerBrandAccount': brandOwned(async ({ attacker }) => {
      // Registers B's own (new) account; A's registration is untouched (the harness compares A's rows).
      const res = await attacker.graphql(`mutation($i: RegisterBrandAccountInput!) { registerBrandAccount(input: $i) { id externalId } }`, {
        i: { platform: 'twitter', externalId: `b-own-${attacker.kind}-${randomUUID().slice(0, 8)}` },
      });
      expectNoErrorOrRefused(res);
    }),
    'Mutation.removeBrandAccount': brandOwned(async ({ attacker, ids }) => {
      await expectSameAsMissing(attacker, `mutation($id: ID!) { removeBrandAccount(accountId: $id) }`, { id: ids.accountId }, 'id');
    }),
    'Query.whoMattersToUs': brandOwned(async ({ attacker }) => {
      const res = await attacker.graphql(`{ whoMattersToUs(first: 10) { status audienceSize members { account { id handle } reason } } }`);
      expectNoErrorOrRefused(res);
    }),
    'Mutation.refreshWhoMattersToUs': brandOwned(async ({ attacker }) => {
      expectNoErrorOrRefused(await attacker.graphql(`mutation { refreshWhoMattersToUs }`));
    }),
    'Query.brandAlertSettings': brandOwned(async ({ attacker }) => {
      const res = await attacker.graphql(`{ brandAlertSettings { enabled minScore digestPeriod webhookUrl webhookSecretHint } }`);
      expectNoErrorOrRefused(res);
      expect(res.data.brandAlertSettings.minScore).not.toBe(42);
    }),
    'Mutation.updateBrandAlertSettings': brandOwned(async ({ attacker }) => {
      expectNoErrorOrRefused(await attacker.graphql(`mutation { updateBrandAlertSettings(input: { enabled: false, minScore: 90, digestPeriod: hourly }) { enabled minScore } }`));
    }),
    'Mutation.setBrandAlertWebhook': brandOwned(async ({ attacker }) => {
      expectNoErrorOrRefused(await attacker.graphql(`mutation { setBrandAlertWebhook(url: "http://127.0.0.1:9/b-own") { secret settings { webhookUrl } } }`));
    }),
    'Mutation.removeBrandAlertWebhook': brandOwned(async ({ attacker }) => {
      expectNoErrorOrRefused(await attacker.graphql(`mutation { removeBrandAlertWebhook { webhookUrl } }`));
    }),
    'Query.brandAlerts': brandOwned(async ({ attacker }) => {
      const res = await attacker.graphql(`{ brandAlerts(first: 20) { id type account { id handle } } }`);
      expectNoErrorOrRefused(res);
      expect(res.data.brandAlerts).toEqual([]);
    }),
  },
});
