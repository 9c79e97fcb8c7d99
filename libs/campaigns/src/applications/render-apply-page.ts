import { escapeHtml as e } from '@renown/core';
import type { PublicCampaign } from './campaign-application.service.js';

function page(title: string, body: string) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${e(title)} · Renown</title>
<style>body{font-family:system-ui,sans-serif;line-height:1.5;margin:0;background:#fafafa;color:#1a1a1a}main{max-width:36rem;margin:0 auto;padding:1rem}
label{display:block;font-weight:600;margin-top:.75rem}input,select,textarea,button{font:inherit;width:100%;box-sizing:border-box;padding:.6rem;margin-top:.25rem;border:1px solid #767676;border-radius:.375rem}
button{background:#1f4ed8;color:#fff;border:0;font-weight:700;margin-top:1rem}:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}.error{color:#b00020;font-weight:600}</style></head>
<body><main>${body}</main></body></html>`;
}

export function renderApplyPage(c: PublicCampaign, state: { values?: Record<string, string>; fieldErrors?: Record<string, string>; message?: string } = {}) {
  const v = state.values ?? {};
  const err = (k: string) => (state.fieldErrors?.[k] ? `<p id="f-${k}-err" class="error">${e(state.fieldErrors[k])}</p>` : '');
  const aria = (k: string) => (state.fieldErrors?.[k] ? ` aria-invalid="true" aria-describedby="f-${k}-err"` : '');
  const platforms = ['twitter', 'bluesky', 'mastodon', 'instagram', 'tiktok', 'youtube', 'snap'];
  return page(`Apply: ${c.name}`, `<h1>${e(c.brandName)}: ${e(c.name)}</h1>
${state.message ? `<div role="alert" class="error"><p>${e(state.message)}</p></div>` : ''}
<p>The perk: <strong>${e(c.perkTitle)}</strong></p>
${c.perkDescription ? `<p>${e(c.perkDescription)}</p>` : ''}
${c.brief ? `<p>${e(c.brief)}</p>` : ''}
${c.terms ? `<h2>Terms</h2><p>${e(c.terms)}</p>` : ''}
${c.disclosureRequired ? '<p>If you are chosen and post about it, start your post with #ad or #sponsored (FTC).</p>' : ''}
<form method="post" action="/apply/${e(c.id)}">
<label for="f-email">Email</label><input id="f-email" name="email" type="email" autocomplete="email" required value="${e(v.email ?? '')}"${aria('email')}>${err('email')}
<label for="f-platform">Platform</label><select id="f-platform" name="platform" required${aria('platform')}>${platforms.map((p) => `<option value="${p}"${v.platform === p ? ' selected' : ''}>${p}</option>`).join('')}</select>${err('platform')}
<label for="f-handle">Your handle</label><input id="f-handle" name="handle" required value="${e(v.handle ?? '')}"${aria('handle')}>${err('handle')}
<label for="f-pitch">Why you? (optional)</label><textarea id="f-pitch" name="pitch" rows="4"${aria('pitch')}>${e(v.pitch ?? '')}</textarea>${err('pitch')}
<p>We use your email only for this application; ${e(c.brandName)} sees it when deciding.</p>
<button type="submit">Apply</button>
</form>`);
}

export function renderApplyDone(c: PublicCampaign, already: boolean) {
  return page('Application received', `<h1 role="status">${already ? 'You have already applied' : 'Application received'}</h1><p>${e(c.brandName)} will review it. If you are chosen you will get an email with a link to claim the perk.</p>`);
}

export function renderApplyClosed() {
  return page('Not open', '<h1>This campaign is not taking applications</h1><p>It may have ended or never been open to applications.</p>');
}
