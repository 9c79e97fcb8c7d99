import { escapeHtml } from '@renown/core';

/** Accounts listed in one digest mail; beyond that the mail says how many more there are. */
export const MAX_DIGEST_LINES = 50;

export interface DigestEvent {
  type: 'mention' | 'follow';
  actorHandle: string | null;
  actorDisplayName: string | null;
  actorPlatform: string;
  actorScore: number;
  brandHandle: string | null;
  occurredAt: Date | null;
}

export interface DigestInput {
  brandName: string;
  minScore: number;
  events: DigestEvent[];
  /** Where the brand sees the full list (the console). */
  consoleUrl: string;
}

const who = (e: DigestEvent) => {
  const handle = `@${e.actorHandle ?? 'unknown'}`;
  const score = Math.round(e.actorScore);
  return e.actorDisplayName ? `${e.actorDisplayName} (${handle} on ${e.actorPlatform}, score ${score})` : `${handle} (on ${e.actorPlatform}, score ${score})`;
};

/** One digest mail: every alert found since the previous digest, grouped per account so a chatty one is one line. */
export function renderAlertDigest(input: DigestInput): { subject: string; html: string; text: string } {
  const groups = new Map<string, { first: DigestEvent; mentions: number; follows: number; brandHandles: Set<string> }>();
  for (const e of input.events) {
    const key = `${e.actorPlatform}:${e.actorHandle}`;
    const g = groups.get(key) ?? { first: e, mentions: 0, follows: 0, brandHandles: new Set<string>() };
    if (e.type === 'mention') g.mentions++;
    else g.follows++;
    if (e.brandHandle) g.brandHandles.add(`@${e.brandHandle}`);
    groups.set(key, g);
  }
  const sorted = [...groups.values()].sort((a, b) => b.first.actorScore - a.first.actorScore);
  const line = (g: (typeof sorted)[number]) => {
    const what = [g.follows ? 'started following' : '', g.mentions ? `mentioned ${g.mentions === 1 ? 'once' : `${g.mentions} times`}` : ''].filter(Boolean).join(' and ');
    return `${who(g.first)} ${what} ${[...g.brandHandles].join(', ') || 'you'}`;
  };
  const n = sorted.length;
  // A viral day can bring thousands: the mail lists the most influential, the console has the rest.
  const shown = sorted.slice(0, MAX_DIGEST_LINES);
  const more = n > shown.length ? `… and ${n - shown.length} more ${n - shown.length === 1 ? 'account' : 'accounts'}` : null;
  const subject = `${n} influential ${n === 1 ? 'account' : 'accounts'} noticed ${input.brandName}`;
  const intro = `Accounts with a Renown score of ${input.minScore} or more that mentioned or followed your accounts since the last digest:`;
  const text = [intro, '', ...shown.map((g) => `- ${line(g)}`), ...(more ? [more] : []), '', `See who matters to you: ${input.consoleUrl}`, '', 'You get this digest because alerts are on for your brand; change the threshold or turn them off in the console.'].join('\n');
  const html = `<p>${escapeHtml(intro)}</p>
<ul>${shown.map((g) => `<li>${escapeHtml(line(g))}</li>`).join('\n')}</ul>${more ? `\n<p>${escapeHtml(more)}</p>` : ''}
<p><a href="${escapeHtml(input.consoleUrl)}">See who matters to you</a></p>
<p style="color:#555;font-size:.9em">You get this digest because alerts are on for your brand; change the threshold or turn them off in the console.</p>`;
  return { subject, html, text };
}
