import { escapeHtml as e } from '@renown/core';
import type { TopicLexicon } from '../ontology/topic-lexicon.js';
import type { CreatorAccountTopics } from './creator-topics.service.js';

/** Same look as the campaigns creator pages (plain HTML, no JavaScript, usable by keyboard and screen reader). */
function page(title: string, body: string) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><meta name="referrer" content="no-referrer"><title>${e(title)} · Renown</title>
<style>body{font-family:system-ui,sans-serif;line-height:1.5;margin:0;background:#fafafa;color:#1a1a1a}main{max-width:40rem;margin:0 auto;padding:1rem}
li{margin:.5rem 0}form.inline{display:inline}input,button{font:inherit;padding:.3rem .5rem;border:1px solid #767676;border-radius:.375rem}
button{background:#1f4ed8;color:#fff;border:0;font-weight:700}:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}.error{color:#b00020;font-weight:600}.status{color:#05603a;font-weight:600}</style></head>
<body><main>${body}</main></body></html>`;
}

export function renderCreatorTopics(token: string, accounts: CreatorAccountTopics[], lexicon: TopicLexicon, state: { message?: string; error?: string } = {}) {
  const name = (id: string) => lexicon.get(id)?.name ?? id;
  const base = `/creators/verify/${e(token)}/topics`;
  const sections = accounts.map((a) => {
    const label = `@${e(a.handle)} (${e(a.platform)})`;
    const visible = a.topics
      .map(
        (t) => `<li><strong>${e(name(t.topicId))}</strong>${t.score !== null ? `: influence ${Math.round(t.score)} / 100` : ''} (${t.postCount} posts)
<form class="inline" method="post" action="${base}/hide"><input type="hidden" name="accountId" value="${e(a.accountId)}"><input type="hidden" name="topic" value="${e(t.topicId)}">
<label>Why (optional) <input name="reason" maxlength="500"></label> <button type="submit" aria-label="Hide ${e(name(t.topicId))} from ${label}">Hide this topic</button></form></li>`,
      )
      .join('');
    const hidden = a.hidden
      .map(
        (h) => `<li>${e(name(h.topicId))}: hidden by ${h.hiddenBy === 'influencer' ? 'you' : 'Renown after a review'}${
          h.hiddenBy === 'influencer'
            ? ` <form class="inline" method="post" action="${base}/unhide"><input type="hidden" name="accountId" value="${e(a.accountId)}"><input type="hidden" name="topic" value="${e(h.topicId)}"><button type="submit" aria-label="Show ${e(name(h.topicId))} again on ${label}">Show again</button></form>`
            : ''
        }</li>`,
      )
      .join('');
    return `<section><h2>${label}</h2>${visible ? `<ul>${visible}</ul>` : '<p>No topics yet: they come from your posts over the last 90 days.</p>'}
${hidden ? `<h3>Hidden topics</h3><ul>${hidden}</ul>` : ''}</section>`;
  });
  return page(
    'Your topics',
    `<h1>Your topics</h1>
${state.error ? `<div role="alert" class="error"><p>${e(state.error)}</p></div>` : ''}${state.message ? `<p role="status" class="status">${e(state.message)}</p>` : ''}
<p>Brands find you by these topics. If one is wrong, hide it: it disappears now and stays hidden in every later update.</p>
${sections.length ? sections.join('\n') : '<p>No proven handle yet: <a href="/creators/verify/' + e(token) + '">prove a handle</a> first.</p>'}
<p><a href="/creators/verify/${e(token)}">Back to your handles</a></p>`,
  );
}

export function renderCreatorTopicsLinkInvalid() {
  return page('Link not valid', '<h1>This link is not valid or has expired</h1><p><a href="/creators/signup">Ask for a new link</a> with your email address.</p>');
}
