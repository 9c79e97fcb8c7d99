import { isIP } from 'node:net';

/**
 * A webhook URL the worker may POST to. In production only https to a public host: the worker sits inside
 * the network, so a loopback or private address would let a brand probe internal services. Outside
 * production (development, tests) http and loopback are allowed, so a local receiver works.
 * Checked on the literal host only; a public name that resolves to a private address is not caught here.
 */
export function webhookUrlProblem(value: string, production: boolean): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `"${value}" is not a URL: give the full address, e.g. https://example.com/renown-webhook`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'The webhook URL must start with https://';
  if (url.username || url.password) return 'Put no user name or password in the webhook URL: the signature authenticates Renown to you.';
  if (value.length > 2000) return 'The webhook URL is longer than 2000 characters.';
  if (!production) return null;
  if (url.protocol !== 'https:') return 'The webhook URL must use https:// so the alerts cannot be read on the way.';
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.internal') || host.endsWith('.local')) return 'The webhook URL must point to a public host.';
  if (isIP(host) && isPrivateAddress(host)) return 'The webhook URL must point to a public address, not a private or loopback one.';
  return null;
}

export function isPrivateAddress(ip: string): boolean {
  if (isIP(ip) === 6) {
    const v = ip.toLowerCase();
    return v === '::1' || v === '::' || v.startsWith('fc') || v.startsWith('fd') || v.startsWith('fe80') || v.startsWith('::ffff:');
  }
  const [a, b] = ip.split('.').map(Number);
  return a === 10 || a === 127 || a === 0 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
}
