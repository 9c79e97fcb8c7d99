// Display helpers shared by the screens.
const dateFmt = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
const dateTimeFmt = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
const numberFmt = new Intl.NumberFormat();
const compactFmt = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });

export const formatDate = (v: string | null | undefined) => (v ? dateFmt.format(new Date(v)) : '–');
export const formatDateTime = (v: string | null | undefined) => (v ? dateTimeFmt.format(new Date(v)) : '–');
export const formatNumber = (v: number | null | undefined) => (v === null || v === undefined ? '–' : numberFmt.format(v));
export const formatCompact = (v: number | null | undefined) => (v === null || v === undefined ? '–' : compactFmt.format(v));
export const formatPercent = (v: number | null | undefined, digits = 0) => (v === null || v === undefined ? '–' : `${(v * 100).toFixed(digits)}%`);
export const capitalise = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1).replace(/_/g, ' ') : s);
export const roleLabel = (role: string | null | undefined) => (role ? capitalise(role.toLowerCase()) : '–');
