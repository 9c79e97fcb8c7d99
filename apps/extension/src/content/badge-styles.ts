/**
 * The badge's and card's styles, inside each badge's shadow root: the page's CSS cannot reach them, and they
 * cannot reach the page. The badge is no taller than a line of small text, so lines around it do not move.
 */
export const BADGE_CSS = `
:host { all: initial; display: inline-block; vertical-align: baseline; margin: 0 0 0 4px; line-height: 1; }
button.badge {
  all: unset; box-sizing: border-box; display: inline-block; min-width: 22px; padding: 1px 5px; border-radius: 8px;
  font: 600 11px/14px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; text-align: center; cursor: pointer;
  font-variant-numeric: tabular-nums;
}
button.badge:focus-visible { outline: 2px solid #f59e0b; outline-offset: 1px; }
button.badge.unknown { background: #f3f4f6; color: #374151; border: 1px dashed #9ca3af; padding: 0 4px; }
button.badge.fetching { background: #f3f4f6; color: #374151; }
[popover].card {
  margin: 0; inset: auto; position: fixed; box-sizing: border-box; width: 300px; max-width: calc(100vw - 16px);
  padding: 12px 14px; border: 1px solid #d1d5db; border-radius: 10px; background: #ffffff; color: #111827;
  box-shadow: 0 8px 24px rgba(0,0,0,.18); font: 13px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; text-align: left;
}
.card h2 { all: unset; display: block; font-weight: 700; font-size: 14px; }
.card .who { color: #4b5563; font-size: 12px; overflow-wrap: anywhere; }
.card .score { display: flex; align-items: baseline; gap: 8px; margin: 8px 0 4px; }
.card .score strong { font-size: 26px; line-height: 1; padding: 2px 8px; border-radius: 8px; }
.card dl { display: grid; grid-template-columns: auto 1fr; gap: 2px 10px; margin: 8px 0; }
.card dt { color: #4b5563; }
.card dd { margin: 0; }
.card ul { margin: 4px 0; padding-left: 18px; }
.card .why { margin: 6px 0; color: #1f2937; }
.card .actions { display: flex; gap: 8px; margin-top: 10px; flex-wrap: wrap; }
.card .actions a, .card .actions button, .card select {
  font: 600 12px/1 system-ui, sans-serif; padding: 6px 10px; border-radius: 6px; border: 1px solid #1d4ed8;
  background: #1d4ed8; color: #fff; text-decoration: none; cursor: pointer;
}
.card .actions button.secondary, .card select { background: #fff; color: #1d4ed8; }
.card a:focus-visible, .card button:focus-visible, .card select:focus-visible { outline: 2px solid #f59e0b; outline-offset: 2px; }
.card .note { color: #4b5563; font-size: 12px; margin-top: 6px; }
`;
