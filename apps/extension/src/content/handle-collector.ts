import { type Answer, type HandleRef, keyOf, type LookupAnswer } from '../shared/messages.js';
import type { SiteReader, Spot } from '../sites/index.js';

export const BATCH_MAX = 100;
/** How long handles that came on screen wait for more before they are sent (a scroll brings many at once). */
const SETTLE_MS = 200;
/** A batch that is not full is topped up with handles of the next screens below, so one request covers more. */
const LOOKAHEAD_SCREENS = 20;

export interface CollectorDeps {
  lookup(handles: HandleRef[]): Promise<LookupAnswer>;
  render(spot: Spot, answer: Answer): void;
  /** The server refused the key or did not answer: every badge goes. */
  clear(): void;
}

/**
 * Collects the handles a site's reader finds, as they come on screen, and looks them up in batches of up to
 * 100: a handle is asked once per page, answers reach every spot that shows it.
 */
export class HandleCollector {
  private readonly spots = new Map<Element, Spot>();
  private readonly answers = new Map<string, Answer>();
  private readonly asked = new Set<string>();
  private readonly pending = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  private pausedUntil = 0;
  private readonly observer = new IntersectionObserver((entries) => this.onVisible(entries), { rootMargin: '0px 0px 25% 0px' });

  constructor(
    private readonly reader: SiteReader,
    private readonly deps: CollectorDeps,
  ) {}

  get found(): number {
    return this.spots.size;
  }

  /** Reads `root` for handles; throws what the reader threw (the caller turns it off). */
  scan(root: ParentNode): void {
    if (this.stopped) return;
    for (const spot of this.reader.find(root, { host: location.host, path: location.pathname })) {
      if (this.spots.has(spot.element) || spot.element.closest('renown-badge')) continue;
      this.spots.set(spot.element, spot);
      const known = this.answers.get(keyOf(spot));
      if (known) this.deps.render(spot, known);
      else this.observer.observe(spot.element);
    }
  }

  /** Forgets spots whose elements left the page (a timeline that recycles its rows). */
  prune(): void {
    for (const [el] of this.spots) {
      if (!el.isConnected) {
        this.spots.delete(el);
        this.observer.unobserve(el);
      }
    }
  }

  /** Takes a fresh answer (after a fetch) to every spot of that handle. */
  update(answer: Answer): void {
    this.answers.set(keyOf(answer), answer);
    for (const spot of this.spots.values()) if (keyOf(spot) === keyOf(answer)) this.deps.render(spot, answer);
  }

  stop(): void {
    this.stopped = true;
    this.observer.disconnect();
    clearTimeout(this.timer);
  }

  private onVisible(entries: IntersectionObserverEntry[]) {
    for (const e of entries) {
      if (!e.isIntersecting) continue;
      const spot = this.spots.get(e.target);
      this.observer.unobserve(e.target);
      if (!spot) continue;
      const key = keyOf(spot);
      if (!this.asked.has(key)) this.pending.add(key);
    }
    if (this.pending.size >= BATCH_MAX) this.flush();
    else if (this.pending.size) {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.flush(), SETTLE_MS);
    }
  }

  private refOf(key: string): HandleRef {
    for (const s of this.spots.values()) if (keyOf(s) === key) return { platform: s.platform, handle: s.handle };
    const [platform, ...rest] = key.split(':');
    return { platform: platform as HandleRef['platform'], handle: rest.join(':') };
  }

  private flush() {
    clearTimeout(this.timer);
    if (this.stopped || !this.pending.size) return;
    if (Date.now() < this.pausedUntil) {
      this.timer = setTimeout(() => this.flush(), this.pausedUntil - Date.now());
      return;
    }
    const keys = [...this.pending].slice(0, BATCH_MAX);
    if (keys.length < BATCH_MAX) keys.push(...this.nextBelow(BATCH_MAX - keys.length, new Set(keys)));
    for (const k of keys) {
      this.pending.delete(k);
      this.asked.add(k);
    }
    void this.send(keys.map((k) => this.refOf(k)));
    if (this.pending.size) this.timer = setTimeout(() => this.flush(), 0);
  }

  /** Handles not asked yet on the next screens below the viewport, in page order. */
  private nextBelow(room: number, taken: Set<string>): string[] {
    const out: string[] = [];
    const limit = innerHeight * (1 + LOOKAHEAD_SCREENS);
    for (const spot of this.spots.values()) {
      if (out.length >= room) break;
      const key = keyOf(spot);
      if (this.asked.has(key) || taken.has(key)) continue;
      const top = spot.element.getBoundingClientRect().top;
      if (top < 0 || top > limit) continue;
      taken.add(key);
      out.push(key);
    }
    return out;
  }

  private async send(handles: HandleRef[]) {
    let res: LookupAnswer;
    try {
      res = await this.deps.lookup(handles);
    } catch {
      res = { state: 'server-down', answers: [] };
    }
    if (res.state === 'key-refused' || res.state === 'not-connected') {
      this.stop();
      this.deps.clear();
      return;
    }
    if (res.state === 'server-down') {
      // Ask again after a minute, when these handles are on screen again; meanwhile no badges.
      this.deps.clear();
      this.pausedUntil = Date.now() + 60_000;
      for (const h of handles) this.asked.delete(keyOf(h));
      for (const [el, spot] of this.spots) if (handles.some((h) => keyOf(h) === keyOf(spot))) this.observer.observe(el);
      return;
    }
    for (const answer of res.answers) this.update(answer);
  }
}
