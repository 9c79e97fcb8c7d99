import { escapeHtml as e } from '@renown/core';
import type { ClaimLinkView, LinkState } from './claim.types.js';

/**
 * The claim pages: plain server-rendered HTML, no JavaScript. One column that fits a phone, real <label>s
 * for every field, fieldsets with legends for choices, visible focus, errors tied to their fields with
 * aria-describedby and summarised at the top in a role="alert" region.
 */
function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta name="referrer" content="no-referrer">
<title>${e(title)} · Renown</title>
<style>
  body { font-family: system-ui, sans-serif; line-height: 1.5; margin: 0; color: #1a1a1a; background: #fafafa; }
  main { max-width: 36rem; margin: 0 auto; padding: 1rem; }
  h1 { font-size: 1.5rem; line-height: 1.25; }
  label { display: block; font-weight: 600; margin-top: .75rem; }
  input, select, button { font: inherit; width: 100%; box-sizing: border-box; padding: .6rem; margin-top: .25rem; border: 1px solid #767676; border-radius: .375rem; }
  fieldset { border: 1px solid #ccc; border-radius: .375rem; margin: 1rem 0; padding: .75rem; }
  legend { font-weight: 700; padding: 0 .25rem; }
  .choice { display: flex; align-items: center; gap: .5rem; font-weight: 400; }
  .choice input { width: auto; margin: 0; }
  button { background: #1f4ed8; color: #fff; border: 0; font-weight: 700; cursor: pointer; margin-top: 1rem; }
  button.secondary { background: #fff; color: #1f4ed8; border: 2px solid #1f4ed8; }
  :focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }
  .notice { background: #fff7e6; border-left: 4px solid #f59e0b; padding: .75rem; }
  .error { color: #b00020; font-weight: 600; }
  .code { font-family: ui-monospace, monospace; font-size: 1.5rem; letter-spacing: .1em; background: #fff; border: 2px dashed #1f4ed8; padding: .75rem; text-align: center; }
</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>`;
}

function paragraphs(text: string): string {
  return text.split(/\n{2,}/).filter((p) => p.trim()).map((p) => `<p>${e(p)}</p>`).join('\n');
}

function disclosureDuty(v: ClaimLinkView): string {
  const c = v.campaign!;
  const tags = [...c.expectedHashtags.map((h) => `#${h}`), ...c.expectedMentions.map((m) => `@${m}`)];
  return `<section aria-labelledby="disclosure-h" class="notice">
<h2 id="disclosure-h">If you post about it</h2>
${c.disclosureRequired ? `<p>Start your post with <strong>#ad</strong> or <strong>#sponsored</strong>, near the beginning where everyone sees it, not hidden among other hashtags. The US Federal Trade Commission (FTC) requires a clear disclosure when a brand gives you something.</p>` : ''}
${tags.length ? `<p>Please include ${tags.map((t) => `<strong>${e(t)}</strong>`).join(' and ')}.</p>` : ''}
</section>`;
}

export interface ClaimFormState {
  values?: Record<string, string>;
  fieldErrors?: Record<string, string>;
  message?: string;
}

function field(name: string, label: string, state: ClaimFormState, attrs = '') {
  const err = state.fieldErrors?.[name];
  const value = state.values?.[name] ?? '';
  return `<label for="f-${name}">${e(label)}</label>
<input id="f-${name}" name="${name}" value="${e(value)}" ${attrs}${err ? ` aria-invalid="true" aria-describedby="f-${name}-err"` : ''}>
${err ? `<p id="f-${name}-err" class="error">${e(err)}</p>` : ''}`;
}

export function renderClaimForm(token: string, v: ClaimLinkView, state: ClaimFormState = {}): string {
  const c = v.campaign!;
  const action = `/claim/${encodeURIComponent(token)}`;
  const deadline = c.claimDeadline.toISOString().slice(0, 10);
  const errors = state.message
    ? `<div role="alert" class="error"><p>${e(state.message)}</p>${state.fieldErrors ? `<ul>${Object.entries(state.fieldErrors).map(([k, m]) => `<li><a href="#f-${e(k)}">${e(m)}</a></li>`).join('')}</ul>` : ''}</div>`
    : '';
  let perkFields = '';
  if (c.perkKind === 'physical') {
    perkFields = `${c.perkVariants.length ? `<fieldset><legend>Choose your option</legend>
${c.perkVariants.map((o, i) => `<label class="choice"><input type="radio" name="variant" value="${e(o)}" ${state.values?.variant === o ? 'checked' : ''} ${i === 0 ? 'required' : ''}> ${e(o)}</label>`).join('\n')}
${state.fieldErrors?.variant ? `<p class="error">${e(state.fieldErrors.variant)}</p>` : ''}
</fieldset>` : ''}
<fieldset><legend>Shipping address</legend>
${field('name', 'Full name', state, 'autocomplete="name" required')}
${field('line1', 'Street address', state, 'autocomplete="address-line1" required')}
${field('line2', 'Apartment, suite (optional)', state, 'autocomplete="address-line2"')}
${field('city', 'City', state, 'autocomplete="address-level2" required')}
${field('region', 'State or region (optional)', state, 'autocomplete="address-level1"')}
${field('postalCode', 'Postal code', state, 'autocomplete="postal-code" required')}
${field('country', `Country (two letters${c.shipsToCountries.length ? `: ${c.shipsToCountries.join(', ')}` : ', e.g. US'})`, state, 'autocomplete="country" maxlength="2" required')}
<p>Your address is shared only with ${e(v.brandName ?? 'the brand')}, to ship this perk.</p>
</fieldset>`;
  } else if (c.perkKind === 'code') {
    perkFields = `<p>Accept to see your personal discount code. It is yours alone and is also sent to you by email.</p>`;
  } else {
    perkFields = `<p>Accept to see how to redeem it; the instructions are also sent to you by email.</p>`;
  }
  return page(`${c.perkTitle} from ${v.brandName}`, `<h1>${e(v.brandName ?? '')} would like to give you: ${e(c.perkTitle)}</h1>
${errors}
${paragraphs(c.perkDescription)}
<section aria-labelledby="about-h"><h2 id="about-h">About the campaign: ${e(c.name)}</h2>${paragraphs(c.brief)}</section>
${c.terms ? `<section aria-labelledby="terms-h"><h2 id="terms-h">Terms</h2>${paragraphs(c.terms)}</section>` : ''}
${disclosureDuty(v)}
<p>Claim by <time datetime="${e(c.claimDeadline.toISOString())}">${e(deadline)}</time>. ${c.unitsLeft > 0 ? `${c.unitsLeft} left.` : 'All units are claimed.'}</p>
<form method="post" action="${e(action)}">
<input type="hidden" name="action" value="accept">
${perkFields}
<button type="submit">Accept${c.perkKind === 'code' ? ' and show my code' : ''}</button>
</form>
<form method="post" action="${e(action)}">
<input type="hidden" name="action" value="decline">
<button type="submit" class="secondary">No thanks, decline</button>
</form>`);
}

export function renderClaimSuccess(v: ClaimLinkView, outcome: { code: string | null; variant: string | null }): string {
  const c = v.campaign!;
  return page('Claimed', `<h1 role="status">You claimed ${e(c.perkTitle)}</h1>
${outcome.code ? `<p>Your personal code:</p><p class="code" aria-label="Your code">${e(outcome.code)}</p>` : ''}
${outcome.variant ? `<p>Your choice: <strong>${e(outcome.variant)}</strong>. ${e(v.brandName ?? 'The brand')} will ship it and you will get the tracking number by email.</p>` : ''}
${c.perkInstructions ? `<section aria-labelledby="how-h"><h2 id="how-h">How to use it</h2>${paragraphs(c.perkInstructions)}</section>` : ''}
${disclosureDuty(v)}
<p>A confirmation has been sent to your email.</p>`);
}

export function renderDeclined(v: ClaimLinkView): string {
  return page('Declined', `<h1 role="status">You declined this perk</h1><p>Thanks for letting ${e(v.brandName ?? 'the brand')} know. This link no longer works.</p>`);
}

const STATE_PAGES: Record<Exclude<LinkState, 'valid'>, { status: number; title: string; text: (v: ClaimLinkView) => string }> = {
  unknown: { status: 404, title: 'This link is not valid', text: () => 'Check that you opened the whole link from your email (long links are sometimes cut in two). If it still does not work, reply to the invitation email.' },
  expired: { status: 410, title: 'This link has expired', text: (v) => `The claim deadline${v.campaign ? ` (${v.campaign.claimDeadline.toISOString().slice(0, 10)})` : ''} has passed. If you think this is a mistake, reply to the invitation email and ask ${v.brandName ?? 'the brand'} for a new invitation.` },
  used: { status: 409, title: 'This link has already been used', text: (v) => `This perk was already claimed with this link${v.usedAt ? ` on ${new Date(v.usedAt).toISOString().slice(0, 10)}` : ''}. Your code or shipping details are in the confirmation email. Did not get it? Check your spam folder, or reply to the invitation email.` },
  declined: { status: 409, title: 'This invitation was declined', text: (v) => `The perk was declined with this link. Changed your mind? Reply to the invitation email and ask ${v.brandName ?? 'the brand'}.` },
  revoked: { status: 410, title: 'This invitation was withdrawn', text: (v) => `${v.brandName ?? 'The brand'} withdrew this invitation, so the link no longer works. Questions? Reply to the invitation email.` },
  not_started: { status: 409, title: 'This campaign has not started yet', text: (v) => `Claims open on ${v.campaign?.startsAt ? new Date(v.campaign.startsAt).toISOString().slice(0, 10) : 'its start date'}. Keep this email and come back then: the link will work.` },
  limit_reached: { status: 409, title: 'You have already claimed this perk', text: () => 'This perk is limited per person and you already claimed it through another invitation. Your code or shipping details are in that confirmation email.' },
  closed: { status: 410, title: 'This campaign is not open right now', text: (v) => `${v.brandName ?? 'The brand'} has paused or ended this campaign. Try again later, or reply to the invitation email.` },
  sold_out: { status: 409, title: 'All units have been claimed', text: () => 'Sorry: every unit of this perk has been claimed. Your link stays valid if units become available again before the deadline.' },
};

export function renderLinkState(v: ClaimLinkView): { status: number; html: string } {
  const p = STATE_PAGES[v.state as Exclude<LinkState, 'valid'>];
  return { status: p.status, html: page(p.title, `<h1>${e(p.title)}</h1><p>${e(p.text(v))}</p>`) };
}

export function renderUnsubscribe(token: string, done: boolean, email?: string): string {
  if (done) return page('Unsubscribed', `<h1 role="status">You are unsubscribed</h1><p>${email ? `${e(email)} will` : 'This address will'} get no more campaign email from any brand on Renown.</p>`);
  return page('Unsubscribe', `<h1>Unsubscribe from campaign email</h1><p>One click and no brand on Renown will email this address again.</p>
<form method="post" action="/unsubscribe/${e(encodeURIComponent(token))}"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Unsubscribe</button></form>`);
}

export function renderUnsubscribeUnknown(): string {
  return page('Link not valid', `<h1>This unsubscribe link is not valid</h1><p>Check that you opened the whole link from the email, or reply to the email and ask to be removed.</p>`);
}
