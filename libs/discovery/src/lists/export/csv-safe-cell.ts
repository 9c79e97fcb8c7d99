/**
 * Spreadsheet formula injection (CSV injection): a cell that starts with = + - @ or a tab / carriage return
 * is run as a formula by Excel, LibreOffice and Google Sheets when the file is opened. Handles, display
 * names, bios and notes come from strangers on social platforms, so every text cell is defused by a
 * leading apostrophe (OWASP's advice), which spreadsheets show as plain text. Numbers are written by us and
 * stay numbers (a negative number would otherwise look like a formula to this check).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvSafeText(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  const s = String(value);
  return FORMULA_START.test(s) ? `'${s}` : s;
}

export function csvNumber(value: number | string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? String(value) : '';
}
