import { escapeHtml as e } from '@renown/core';
import type { CreatorView } from './creator-signup.service.js';
import { CREATOR_PLATFORMS } from './creator-signup.service.js';

function page(title: string, body: string) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><meta name="referrer" content="no-referrer"><title>${e(title)} · Renown</title>
<style>body{font-family:system-ui,sans-serif;line-height:1.5;margin:0;background:#fafafa;color:#1a1a1a}main{max-width:36rem;margin:0 auto;padding:1rem}
label{display:block;font-weight:600;margin-top:.75rem}input,select,button{font:inherit;width:100%;box-sizing:border-box;padding:.6rem;margin-top:.25rem;border:1px solid #767676;border-radius:.375rem}
button{background:#1f4ed8;color:#fff;border:0;font-weight:700;margin-top:1rem}:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}.error{color:#b00020;font-weight:600}code{font-size:1.2rem;background:#fff;padding:.2rem .4rem;border:1px dashed #1f4ed8}</style></head>
<body><main>${body}</main></body></html>`;
}

export function renderCreatorSignup(state: { message?: string; email?: string; sent?: boolean } = {}) {
  if (state.sent) return page('Check your inbox', '<h1 role="status">Check your inbox</h1><p>If the address can receive mail, a confirmation link is on its way. It works for 7 days.</p>');
  return page('Creators: get perk invitations', `<h1>Get perk invitations from brands</h1>
${state.message ? `<div role="alert" class="error"><p>${e(state.message)}</p></div>` : ''}
<p>Give your email; we send a link to confirm it. Then prove your handles by posting a short code. No password, no account.</p>
<form method="post" action="/creators/signup"><label for="f-email">Email</label><input id="f-email" name="email" type="email" autocomplete="email" required value="${e(state.email ?? '')}"${state.message ? ' aria-invalid="true"' : ''}>
<button type="submit">Send me the link</button></form>`);
}

export function renderCreatorHome(token: string, v: CreatorView, state: { message?: string } = {}) {
  const rows = v.handles
    .map((h) => `<li>${e(h.platform)} @${e(h.handle)}: ${h.provenAt ? '<strong>proven</strong>' : `waiting for a post containing <code>${e(h.proofCode)}</code>`}</li>`)
    .join('');
  return page('Your handles', `<h1>Your email ${e(v.email)} is confirmed</h1>
${state.message ? `<div role="alert" class="error"><p>${e(state.message)}</p></div>` : ''}
<h2>Your handles</h2>${rows ? `<ul>${rows}</ul><p>Post the code publicly from that account (you can delete the post once it shows as proven). We check after each import of posts.</p>` : '<p>None yet.</p>'}
${v.handles.some((h) => h.provenAt) ? `<p><a href="/creators/verify/${e(token)}/topics">See and correct the topics brands find you by</a></p>` : ''}
<form method="post" action="/creators/verify/${e(token)}/handles"><h2>Add a handle</h2>
<label for="f-platform">Platform</label><select id="f-platform" name="platform">${CREATOR_PLATFORMS.map((p) => `<option value="${p}">${p}</option>`).join('')}</select>
<label for="f-handle">Handle</label><input id="f-handle" name="handle" required>
<button type="submit">Get my code</button></form>`);
}

export function renderCreatorLinkInvalid() {
  return page('Link not valid', '<h1>This link is not valid or has expired</h1><p><a href="/creators/signup">Ask for a new link</a> with your email address.</p>');
}
