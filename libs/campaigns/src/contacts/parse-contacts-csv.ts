import { parse } from 'csv-parse/sync';

export const CONSENT_BASES = ['consent', 'legitimate_interest', 'contract'] as const;
export type ConsentBasis = (typeof CONSENT_BASES)[number];

export interface ContactCsvRow {
  line: number;
  platform: string;
  handle: string;
  email: string;
  name: string | null;
  consentBasis: ConsentBasis;
  consentNote: string | null;
}

export interface ParsedContacts {
  rows: ContactCsvRow[];
  problems: { line: number; reason: string }[];
}

const EMAIL = /^[^\s@<>",;]+@[^\s@<>",;]+\.[^\s@<>",;]+$/;
const PLATFORMS = new Set(['twitter', 'bluesky', 'mastodon', 'snap', 'instagram', 'tiktok', 'youtube']);

/**
 * A brand's contact list: header row with platform, handle, email and optionally name, consent_basis,
 * consent_note. The consent basis is required for every row (the column, or the default given for the
 * whole upload): the brand records why it may write to each address.
 */
export function parseContactsCsv(csv: string, defaultBasis?: ConsentBasis): ParsedContacts {
  const records: Record<string, string>[] = parse(csv, { columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()), skip_empty_lines: true, trim: true, bom: true, relax_column_count: true });
  const rows: ContactCsvRow[] = [];
  const problems: { line: number; reason: string }[] = [];
  const seen = new Set<string>();
  records.forEach((r, i) => {
    const line = i + 2;
    const platform = (r.platform ?? '').toLowerCase();
    const handle = (r.handle ?? '').replace(/^@/, '');
    const email = (r.email ?? '').toLowerCase();
    const basis = (r.consent_basis || defaultBasis || '') as ConsentBasis;
    if (!PLATFORMS.has(platform)) return problems.push({ line, reason: `unknown platform "${r.platform ?? ''}"` });
    if (!handle) return problems.push({ line, reason: 'handle is empty' });
    if (!EMAIL.test(email)) return problems.push({ line, reason: `"${r.email ?? ''}" is not an email address` });
    if (!CONSENT_BASES.includes(basis)) return problems.push({ line, reason: `consent_basis must be one of ${CONSENT_BASES.join(', ')}` });
    if (seen.has(email)) return problems.push({ line, reason: `${email} appears twice in the file` });
    seen.add(email);
    rows.push({ line, platform, handle, email, name: r.name || null, consentBasis: basis, consentNote: r.consent_note || null });
  });
  return { rows, problems };
}
