import type { ParsedItems, RejectedPart } from '../../model/graph-observation.js';
import type { NetworkName } from '../../model/network-page.js';
import { obj } from '../field-readers.js';

/** One network page while it is being read: its envelope, what it yields so far, and the items it refused. */
export interface Page {
  network: NetworkName;
  method: string;
  url: string;
  fetchedAt: string;
  subject: Record<string, any> | null;
  body: any;
  items: ParsedItems;
  rejected: RejectedPart[];
  /** Items of the page's list(s) looked at (for "every item was refused"). */
  seen: number;
}

/** The whole page is not the documented shape: it is quarantined with this reason. */
export class PageRefused extends Error {}

export const refuse = (page: Pick<Page, 'method' | 'url'>, what: string): never => {
  throw new PageRefused(`${page.method} page ${what} (${page.url})`);
};

/** The body's list under `name`, or the page is not the documented shape. */
export function list(page: Page, name: string, body: any = page.body): any[] {
  const v = obj(body)?.[name];
  if (!Array.isArray(v)) refuse(page, `without a "${name}" list`);
  page.seen += v.length;
  return v;
}

export function bodyArray(page: Page, what: string): any[] {
  if (!Array.isArray(page.body)) refuse(page, `without a list of ${what}`);
  page.seen += page.body.length;
  return page.body;
}

/** One item of the page is set aside with its reason; the rest of the page goes in. */
export const reject = (page: Page, item: unknown, what: string) =>
  page.rejected.push({ reason: `${page.method} item ${what} (${page.url})`, raw: JSON.stringify(item) ?? String(item) });

// A #tag in a text: letters, digits and underscores, at least one letter (so "#1" is not a tag); as the Bluesky reader.
const TAG_IN_TEXT = /(?:^|\s)[#＃]([\p{L}\p{M}\p{N}_]*\p{L}[\p{L}\p{M}\p{N}_]*)/gu;
const URL_IN_TEXT = /https?:\/\/[^\s)]+/g;

/** The #tags of a caption or bio, lower case without the '#', each once (networks that send no tag list: Instagram). */
export function tagsInText(text: string | null | undefined): string[] {
  if (!text) return [];
  return [...new Set([...text.matchAll(TAG_IN_TEXT)].map((m) => m[1].toLowerCase()))];
}

/** The http(s) links written in a text, each once, in order. */
export function urlsInText(text: string | null | undefined): string[] {
  return text ? [...new Set(text.match(URL_IN_TEXT) ?? [])] : [];
}
