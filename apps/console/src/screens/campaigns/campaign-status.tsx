import type { CampaignStatus } from '../../graphql/generated.js';

const TONE: Record<CampaignStatus, string> = { draft: '', active: 'ok', paused: 'warn', ended: 'danger' };

export function CampaignStatusBadge({ status }: { status: CampaignStatus }) {
  return <span className={`badge ${TONE[status]}`}>{status}</span>;
}

export const PERK_LABELS = { code: 'Discount code', physical: 'Physical product', digital: 'Digital perk or experience' } as const;
