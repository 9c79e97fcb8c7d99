import { bandColours } from '../shared/bands.js';
import type { Answer } from '../shared/messages.js';
import { BADGE_CSS } from './badge-styles.js';
import { type CardActions, cardContent } from './card.js';

let nextId = 0;
const FETCHABLE = new Set(['bluesky', 'mastodon']);

/**
 * A score badge after one handle: a button in its own shadow root, and the card it opens (a popover, so it
 * draws above the page without being clipped by it and without moving anything). Hover or focus opens the
 * card; Enter moves into it; Escape closes it and returns to the badge.
 */
export class Badge {
  readonly host = document.createElement('renown-badge');
  private readonly root = this.host.attachShadow({ mode: 'open' });
  private readonly button = document.createElement('button');
  private readonly card = document.createElement('div');
  private closeTimer: ReturnType<typeof setTimeout> | undefined;
  private answer: Answer | undefined;
  /** Focus given back to the badge by Escape must not open the card again. */
  private returningFocus = false;

  constructor(
    private readonly actions: CardActions & { fetch(): void },
  ) {
    const id = `renown-card-${++nextId}`;
    const style = document.createElement('style');
    style.textContent = BADGE_CSS;
    this.button.type = 'button';
    this.button.className = 'badge';
    this.button.setAttribute('aria-expanded', 'false');
    this.button.setAttribute('aria-controls', id);
    this.card.id = id;
    this.card.className = 'card';
    this.card.setAttribute('popover', 'manual');
    this.card.setAttribute('role', 'dialog');
    this.root.append(style, this.button, this.card);

    this.button.addEventListener('mouseenter', () => this.open());
    this.button.addEventListener('mouseleave', () => this.closeSoon());
    this.card.addEventListener('mouseenter', () => clearTimeout(this.closeTimer));
    this.card.addEventListener('mouseleave', () => this.closeSoon());
    this.button.addEventListener('focus', () => {
      if (!this.returningFocus) this.open();
    });
    // Focus leaving the badge and card closes it; checked a tick later, since a control the card swaps for
    // another (Add to list → the list picker) loses focus for a moment without the user going anywhere.
    this.root.addEventListener('focusout', () => {
      setTimeout(() => {
        const hovered = this.card.matches(':hover') || this.button.matches(':hover');
        if (!this.root.activeElement && !hovered) this.close();
      }, 0);
    });
    this.button.addEventListener('click', (e) => {
      e.preventDefault();
      e.stopPropagation(); // the badge may sit inside a link or a clickable post: it must not open them
      if (this.isFetchable()) return this.actions.fetch();
      this.open();
      (this.card.querySelector('a, button, select') as HTMLElement | null)?.focus();
    });
    this.root.addEventListener('keydown', (e) => {
      const key = (e as KeyboardEvent).key;
      if (key === 'Escape' && this.isOpen()) {
        e.stopPropagation();
        this.close();
        this.returningFocus = true;
        this.button.focus({ preventScroll: true });
        this.returningFocus = false;
      }
    });
    // Clicks in the card stay in the card (the page's own handlers never see them).
    this.card.addEventListener('click', (e) => e.stopPropagation());
  }

  private isFetchable() {
    return this.answer?.status === 'unknown' && FETCHABLE.has(this.answer.platform);
  }

  private isOpen() {
    return this.card.matches(':popover-open');
  }

  show(answer: Answer): void {
    this.answer = answer;
    const b = this.button;
    b.className = 'badge';
    b.removeAttribute('style');
    b.removeAttribute('aria-busy');
    const score = answer.account?.score?.score;
    if (answer.status === 'known' && typeof score === 'number') {
      const c = bandColours(score);
      b.textContent = String(Math.round(score));
      b.style.background = c.background;
      b.style.color = c.text;
      b.setAttribute('aria-label', `Renown score ${Math.round(score)} of 100, band ${answer.account!.score!.band}, ${c.name}, for ${answer.handle}`);
    } else if (answer.status === 'fetching') {
      b.textContent = '…';
      b.classList.add('fetching');
      b.setAttribute('aria-busy', 'true');
      b.setAttribute('aria-label', `Renown is fetching ${answer.handle}`);
    } else if (this.isFetchable()) {
      b.textContent = 'fetch';
      b.classList.add('unknown');
      b.setAttribute('aria-label', `Renown does not know ${answer.handle} yet: fetch and score it`);
    } else {
      b.textContent = '?';
      b.classList.add('unknown');
      b.setAttribute('aria-label', `Renown has no score for ${answer.handle}`);
    }
    this.card.setAttribute('aria-label', `Renown: ${answer.account?.displayName ?? answer.handle}`);
    this.card.replaceChildren(cardContent(answer, this.actions));
  }

  private open() {
    clearTimeout(this.closeTimer);
    if (!this.answer || this.isFetchable() || this.answer.status === 'fetching' || this.isOpen()) return;
    this.card.showPopover();
    this.place();
    this.button.setAttribute('aria-expanded', 'true');
  }

  private place() {
    const r = this.button.getBoundingClientRect();
    const width = this.card.offsetWidth;
    const height = this.card.offsetHeight;
    const left = Math.min(Math.max(8, r.left), Math.max(8, innerWidth - width - 8));
    const below = r.bottom + 6;
    const top = below + height > innerHeight - 8 && r.top - height - 6 > 8 ? r.top - height - 6 : below;
    this.card.style.left = `${left}px`;
    this.card.style.top = `${top}px`;
  }

  private closeSoon(ms = 250) {
    clearTimeout(this.closeTimer);
    this.closeTimer = setTimeout(() => this.close(), ms);
  }

  close(): void {
    clearTimeout(this.closeTimer);
    if (this.isOpen()) this.card.hidePopover();
    this.button.setAttribute('aria-expanded', 'false');
  }

  remove(): void {
    this.close();
    this.host.remove();
  }
}
