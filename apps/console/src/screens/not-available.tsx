import type { ReactNode } from 'react';
import { PageHeader } from '../components/states.js';

/** A screen whose API this server does not offer yet: said plainly, never faked. */
export function NotAvailable({ feature, children }: { feature: string; children?: ReactNode }) {
  return (
    <div className="page">
      <PageHeader title={feature} />
      <div className="state" data-testid="not-available">
        <h3>{feature} is not available yet</h3>
        <p>{children ?? 'This Renown server does not offer this feature yet. It will appear here when it does.'}</p>
      </div>
    </div>
  );
}
