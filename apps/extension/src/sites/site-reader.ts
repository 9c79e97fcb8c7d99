import type { HandleRef } from '../shared/messages.js';
import type { SiteId } from '../shared/sites.js';

/** A handle on the page: the element the badge goes after, and who it is. */
export interface Spot extends HandleRef {
  element: Element;
}

/**
 * One site's reader: it knows where that site's markup puts handles. Each is one small file; when the site
 * changes its markup, `landmarks` stop matching and the extension reports the reader as failed instead of
 * guessing (badges disappear, the page stays as it was).
 */
export interface SiteReader {
  site: SiteId;
  /** Selectors of which at least one is on every page of the site whose markup this reader knows. */
  landmarks: string[];
  /** The handles in `root` (a page or a subtree that was just added). */
  find(root: ParentNode, page: { host: string; path: string }): Spot[];
}

/** `root` itself when it matches, and every matching descendant. */
export function within(root: ParentNode, selector: string): Element[] {
  const found = [...root.querySelectorAll(selector)];
  if (root instanceof Element && root.matches(selector)) found.unshift(root);
  return found;
}

export const textOf = (el: Element | null | undefined) => (el?.textContent ?? '').trim();
