/**
 * Badge colours by score band (the developer API's ten-point bands, grouped in five): each pair keeps white or
 * dark text at a contrast of 4.5:1 or more, so the number stays readable on any page.
 */
export function bandColours(score: number): { background: string; text: string; name: string } {
  if (score >= 80) return { background: '#5b21b6', text: '#ffffff', name: 'very high' };
  if (score >= 60) return { background: '#b4235a', text: '#ffffff', name: 'high' };
  if (score >= 40) return { background: '#0f6e78', text: '#ffffff', name: 'moderate' };
  if (score >= 20) return { background: '#1d5fb8', text: '#ffffff', name: 'low' };
  return { background: '#e5e7eb', text: '#1f2937', name: 'very low' };
}

export function compactCount(n: number | null | undefined): string {
  if (n === null || n === undefined) return 'unknown';
  if (n >= 1_000_000) return `${(n / 1_000_000).toFixed(n >= 10_000_000 ? 0 : 1)}M`;
  if (n >= 10_000) return `${Math.round(n / 1000)}k`;
  if (n >= 1_000) return `${(n / 1000).toFixed(1)}k`;
  return String(n);
}
