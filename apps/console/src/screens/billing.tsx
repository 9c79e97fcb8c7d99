import { useSearchParams } from 'react-router';
import { ErrorState, FormError, Loading, PageHeader } from '../components/states.js';
import { formatDate, formatNumber } from '../format.js';
import { request } from '../graphql/client.js';
import { BillingDocument, OpenBillingPortalDocument, StartCheckoutDocument, type BillingQuery, type PaidPlan, type UsageMetric } from '../graphql/generated.js';
import { useMutation, useQuery } from '../graphql/use-query.js';
import { useViewer } from '../session.js';

const METRIC_LABELS: Record<UsageMetric, string> = {
  SEARCHES: 'Searches this month',
  API_CALLS: 'API calls this month',
  ACTIVE_CAMPAIGNS: 'Active campaigns',
  INVITATIONS: 'Invitations this month',
  SEATS: 'Seats',
};

const STATUS_BADGE: Record<string, string> = { ACTIVE: 'ok', TRIALING: 'accent', PAST_DUE: 'warn', READ_ONLY: 'danger', FREE: '', OFF: '' };

const price = (cents: number) => (cents === 0 ? 'Free' : `$${(cents / 100).toLocaleString()}/mo`);
const limit = (v: number | null) => (v === null ? 'Unlimited' : formatNumber(v));

export function Billing() {
  const viewer = useViewer();
  const [params] = useSearchParams();
  const q = useQuery(() => request(BillingDocument));
  const checkout = useMutation((plan: PaidPlan) => request(StartCheckoutDocument, { plan }));
  const portal = useMutation(() => request(OpenBillingPortalDocument));
  const owner = viewer.role === 'OWNER';
  const returned = params.get('checkout');

  const goCheckout = async (plan: PaidPlan) => {
    const res = await checkout.run(plan);
    if (res) window.location.assign(res.startCheckout.url);
  };
  const goPortal = async () => {
    const res = await portal.run();
    if (res) window.location.assign(res.openBillingPortal.url);
  };

  return (
    <div className="page">
      <PageHeader title="Billing" description="Your plan, what you have used this month, and payment." />
      {returned === 'success' && (
        <div className="alert ok" role="status">
          Thank you: your payment went through. The plan below updates as soon as Stripe confirms it (usually seconds).
        </div>
      )}
      {returned === 'cancelled' && <div className="alert info">Checkout was cancelled; nothing changed.</div>}
      {q.error ? (
        <ErrorState error={q.error} retry={q.reload} title="Billing could not be loaded" />
      ) : !q.data ? (
        <Loading />
      ) : !q.data.billing.enabled ? (
        <BillingOff />
      ) : (
        <>
          <Overview billing={q.data.billing} owner={owner} onPortal={goPortal} portalPending={portal.pending} />
          <FormError error={portal.error ?? checkout.error} />
          <Usage billing={q.data.billing} />
          <Plans plans={q.data.plans} current={q.data.billing.plan?.code} owner={owner} onChoose={goCheckout} pending={checkout.pending} />
        </>
      )}
    </div>
  );
}

function BillingOff() {
  return (
    <section className="card" data-testid="billing-off">
      <h2>Billing is off on this server</h2>
      <p className="muted">No Stripe keys are configured, so every brand has every feature with no limits. To charge brands, set STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET and the plan prices (see the README).</p>
    </section>
  );
}

type B = BillingQuery['billing'];

function Overview({ billing, owner, onPortal, portalPending }: { billing: B; owner: boolean; onPortal: () => void; portalPending: boolean }) {
  const banner = billing.banner;
  return (
    <section className="card" aria-labelledby="plan-heading">
      {banner && banner.kind !== 'BILLING_OFF' && (
        <div className={`alert ${banner.level === 'ERROR' ? 'error' : banner.level === 'WARNING' ? 'warn' : 'info'}`} role={banner.level === 'INFO' ? 'status' : 'alert'}>
          <div>{banner.message}</div>
        </div>
      )}
      <div className="card-header">
        <div>
          <h2 id="plan-heading">
            {billing.plan?.name ?? 'No plan'} <span className={`badge ${STATUS_BADGE[billing.status] ?? ''}`}>{billing.status.replace('_', ' ').toLowerCase()}</span>
          </h2>
          <p className="muted small" style={{ marginTop: 4 }}>
            {billing.status === 'TRIALING' && billing.trialEndsAt && <>Trial ends {formatDate(billing.trialEndsAt)}. </>}
            {billing.currentPeriodEnd && (
              <>
                Current period {formatDate(billing.currentPeriodStart)} – {formatDate(billing.currentPeriodEnd)}
                {billing.cancelAtPeriodEnd ? ', then cancels.' : ', renews automatically.'}
              </>
            )}
            {billing.graceEndsAt && <> Payment failed: fix it before {formatDate(billing.graceEndsAt)} to avoid read-only mode.</>}
          </p>
        </div>
        {owner && billing.status === 'TRIALING' ? null : owner ? (
          <button className="btn" type="button" onClick={onPortal} disabled={portalPending}>
            {portalPending ? 'Opening…' : 'Manage payment and invoices'}
          </button>
        ) : (
          <span className="small muted">Only owners can change the plan or payment.</span>
        )}
      </div>
    </section>
  );
}

function Usage({ billing }: { billing: B }) {
  return (
    <section className="card" aria-labelledby="usage-heading">
      <h2 id="usage-heading">Usage</h2>
      <div className="grid-3">
        {billing.usage.map((u) => {
          const share = u.limit && u.used !== null ? u.used / u.limit : 0;
          const cls = share >= 1 ? 'over' : share >= 0.8 ? 'near' : '';
          return (
            <div key={u.metric} className={`meter ${cls}`}>
              <div className="row between">
                <span className="small" style={{ fontWeight: 550 }}>
                  {METRIC_LABELS[u.metric]}
                </span>
                <span className="small muted" style={{ fontVariantNumeric: 'tabular-nums' }}>
                  {u.used === null ? 'not counted' : formatNumber(u.used)} / {limit(u.limit)}
                </span>
              </div>
              <div
                className="bar"
                role="meter"
                aria-label={METRIC_LABELS[u.metric]}
                aria-valuemin={0}
                aria-valuemax={u.limit ?? undefined}
                aria-valuenow={u.used ?? undefined}
              >
                <span style={{ width: `${u.limit === null ? 0 : Math.min(100, share * 100)}%` }} />
              </div>
            </div>
          );
        })}
      </div>
    </section>
  );
}

function Plans({ plans, current, owner, onChoose, pending }: { plans: BillingQuery['plans']; current?: string; owner: boolean; onChoose: (p: PaidPlan) => void; pending: boolean }) {
  const paid = plans.filter((p) => p.code === 'GROWTH' || p.code === 'SCALE');
  return (
    <section className="card" aria-labelledby="plans-heading">
      <h2 id="plans-heading">Plans</h2>
      <div className="grid-2">
        {paid.map((p) => (
          <div key={p.code} className="card" style={{ boxShadow: 'none' }} data-testid={`plan-${p.code}`}>
            <div className="card-header">
              <h3>{p.name}</h3>
              <strong>{price(p.monthlyPriceCents)}</strong>
            </div>
            <ul className="small" style={{ margin: 0, paddingLeft: 18 }}>
              <li>{limit(p.limits.searchesPerMonth)} searches a month</li>
              <li>{limit(p.limits.invitationsPerMonth)} invitations a month{p.limits.invitationOverageBilled ? ', more billed by use' : ''}</li>
              <li>{limit(p.limits.activeCampaigns)} active campaigns</li>
              <li>{limit(p.limits.seats)} seats</li>
              <li>{p.limits.apiAccess ? `API access (${limit(p.limits.apiCallsPerMonth)} calls a month)` : 'No API access'}</li>
            </ul>
            {current === p.code ? (
              <span className="badge ok">Your plan</span>
            ) : (
              owner && (
                <button className="btn primary" type="button" disabled={pending} onClick={() => onChoose(p.code as PaidPlan)}>
                  Upgrade to {p.name}
                </button>
              )
            )}
          </div>
        ))}
      </div>
    </section>
  );
}
