import type { ShippingAddress } from './claim.types.js';

/** Returns a message per missing or bad field (empty when the address is usable), keyed by form field. */
export function validateShippingAddress(a: Partial<ShippingAddress>, shipsTo: string[]): Record<string, string> {
  const problems: Record<string, string> = {};
  const need = (key: keyof ShippingAddress, label: string, max = 200) => {
    const v = (a[key] ?? '').toString().trim();
    if (!v) problems[key] = `${label} is required`;
    else if (v.length > max) problems[key] = `${label} is too long`;
  };
  need('name', 'Full name');
  need('line1', 'Street address');
  need('city', 'City');
  need('postalCode', 'Postal code', 20);
  need('country', 'Country', 2);
  const country = (a.country ?? '').toUpperCase();
  if (!problems.country && !/^[A-Z]{2}$/.test(country)) problems.country = 'Country must be a two-letter code such as US or DE';
  else if (!problems.country && shipsTo.length && !shipsTo.map((c) => c.toUpperCase()).includes(country)) {
    problems.country = `This perk ships to ${shipsTo.join(', ')} only`;
  }
  return problems;
}
