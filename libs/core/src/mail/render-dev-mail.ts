import type { MailOutboxRow } from './outgoing-mail.js';

export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const page = (title: string, body: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 960px; padding: 1rem; color: #1a1a1a; }
  table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: .4rem .5rem; border-bottom: 1px solid #ddd; }
  .status { font-size: .85rem; padding: .1rem .4rem; border-radius: .3rem; background: #eef; }
  iframe { width: 100%; min-height: 480px; border: 1px solid #ccc; } pre { white-space: pre-wrap; background: #f6f6f6; padding: .75rem; }
  a { color: #0645ad; }
</style></head><body>${body}</body></html>`;

/** The local mailbox: every message Renown queued, newest first. */
export function renderDevMailList(rows: Pick<MailOutboxRow, 'id' | 'kind' | 'to_address' | 'subject' | 'status' | 'created_at'>[]): string {
  const items = rows
    .map(
      (r) => `<tr><td><a href="/dev/mail/${escapeHtml(r.id)}">${escapeHtml(r.subject)}</a></td><td>${escapeHtml(r.to_address)}</td>
<td>${escapeHtml(r.kind)}</td><td><span class="status">${escapeHtml(r.status)}</span></td><td>${escapeHtml(new Date(r.created_at).toISOString())}</td></tr>`,
    )
    .join('\n');
  return page(
    'Local mail',
    `<h1>Local mail</h1>
<p>No SMTP_URL is set, so Renown keeps outgoing mail here instead of sending it. Set SMTP_URL to deliver for real.</p>
${rows.length ? `<table><thead><tr><th scope="col">Subject</th><th scope="col">To</th><th scope="col">Kind</th><th scope="col">Status</th><th scope="col">Queued</th></tr></thead><tbody>${items}</tbody></table>` : '<p>No mail yet.</p>'}`,
  );
}

/** One message: headers, the HTML body in a sandboxed frame (links open in this tab), and the text body. */
export function renderDevMailMessage(row: MailOutboxRow): string {
  const framed = `<base target="_top">${row.html}`;
  return page(
    row.subject,
    `<p><a href="/dev/mail">&larr; All mail</a></p>
<h1>${escapeHtml(row.subject)}</h1>
<dl><dt>From</dt><dd>${escapeHtml(row.from_address)}</dd><dt>To</dt><dd>${escapeHtml(row.to_address)}</dd>
<dt>Status</dt><dd>${escapeHtml(row.status)}</dd></dl>
<h2>HTML</h2>
<iframe title="HTML body" sandbox="allow-top-navigation-by-user-activation allow-popups" srcdoc="${escapeHtml(framed)}"></iframe>
<h2>Text</h2>
<pre>${escapeHtml(row.text)}</pre>`,
  );
}
