import { refuse, type Page } from './page-reading.js';

/** Youtube pages: not read yet. */
export function parseYoutubePage(page: Page): void {
  refuse(page, 'of a network this version does not read yet');
}
