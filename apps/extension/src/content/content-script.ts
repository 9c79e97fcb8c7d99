import type { Answer, LookupAnswer, PageAnswer, ShortlistRef } from '../shared/messages.js';
import { READERS, type Spot } from '../sites/index.js';
import { Badge } from './badge.js';
import { HandleCollector } from './handle-collector.js';
import { ask } from './messaging.js';

/** Whether the reader found what it knows of this site's markup: checked once the page has had time to draw. */
const HEALTH_CHECK_MS = 4000;
const HIDDEN = new Set(['opted-out', 'not-found', 'suspended', 'invalid']);

/**
 * Runs on the sites the user enabled: finds handles with the site's reader, puts a badge after each, and keeps
 * up with the page as it scrolls and redraws. Anything that goes wrong turns the extension off on this page
 * (badges removed, the page left as it was) and is reported to the options page.
 */
async function main() {
  const page = await ask<PageAnswer>({ type: 'page', host: location.host });
  if (!page.site || !page.enabled) return;
  const site = page.site;
  const reader = READERS[site];
  const badges = new Map<Element, Badge>();
  let failed = false;

  const fetchOne = async (spot: Spot) => {
    let answer = await ask<Answer>({ type: 'fetch', handle: { platform: spot.platform, handle: spot.handle } });
    collector.update(answer);
    for (let i = 0; i < 30 && answer.status === 'fetching'; i++) {
      await new Promise((r) => setTimeout(r, 2000));
      answer = await ask<Answer>({ type: 'fetch', handle: { platform: spot.platform, handle: spot.handle } });
      collector.update(answer);
    }
  };

  const render = (spot: Spot, answer: Answer) => {
    if (failed) return;
    let badge = badges.get(spot.element);
    if (HIDDEN.has(answer.status)) {
      badge?.remove();
      badges.delete(spot.element);
      return;
    }
    if (!badge) {
      badge = new Badge({
        serverUrl: page.serverUrl,
        fetch: () => void fetchOne(spot),
        lists: async () => {
          const res = await ask<{ lists?: ShortlistRef[]; error?: string }>({ type: 'lists' });
          if (res.error) throw new Error(res.error);
          return res.lists ?? [];
        },
        addToList: (listId, accountId) => ask({ type: 'add-to-list', listId, accountId }),
      });
      badges.set(spot.element, badge);
      // Inline next to an inline handle; at the end of a block one (a profile header), so no new line appears.
      const display = getComputedStyle(spot.element).display;
      if (display.startsWith('inline') || display === 'contents') spot.element.after(badge.host);
      else spot.element.append(badge.host);
    }
    badge.show(answer);
  };
  const clear = () => {
    for (const b of badges.values()) b.remove();
    badges.clear();
  };

  const collector = new HandleCollector(reader, { lookup: (handles) => ask<LookupAnswer>({ type: 'lookup', handles }), render, clear });
  const fail = (problem: string) => {
    if (failed) return;
    failed = true;
    collector.stop();
    observer.disconnect();
    clear();
    void ask({ type: 'reader-report', site, host: location.host, ok: false, found: 0, problem });
  };
  const scan = (root: ParentNode) => {
    try {
      collector.scan(root);
    } catch (e) {
      fail(`the ${site} reader stopped on this page: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  // Redraws come in bursts: read what was added at most every 150 ms.
  let added: Element[] = [];
  let scheduled = false;
  const observer = new MutationObserver((records) => {
    for (const r of records) for (const n of r.addedNodes) if (n instanceof Element && n.localName !== 'renown-badge') added.push(n);
    if (scheduled || !added.length) return;
    scheduled = true;
    setTimeout(() => {
      scheduled = false;
      const roots = added;
      added = [];
      collector.prune();
      for (const root of roots) if (root.isConnected) scan(root);
    }, 150);
  });
  observer.observe(document.body, { childList: true, subtree: true });
  scan(document);

  setTimeout(() => {
    if (failed) return;
    const knowsMarkup = reader.landmarks.some((s) => document.querySelector(s));
    if (!knowsMarkup && collector.found === 0) {
      fail(`none of the page parts the ${site} reader knows (${reader.landmarks.join(', ')}) are on ${location.host}${location.pathname}: the site's markup has probably changed`);
    } else {
      void ask({ type: 'reader-report', site, host: location.host, ok: true, found: collector.found });
    }
  }, HEALTH_CHECK_MS);
}

main().catch(() => {
  // The extension was reloaded or its background is gone: leave the page alone.
});
