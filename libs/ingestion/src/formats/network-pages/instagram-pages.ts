import { refuse, type Page } from './page-reading.js';

/** Instagram pages: not read yet. */
export function parseInstagramPage(page: Page): void {
  refuse(page, 'of a network this version does not read yet');
}
