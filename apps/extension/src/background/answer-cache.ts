import { ext } from '../shared/browser-api.js';
import { type Answer, keyOf } from '../shared/messages.js';

export const CACHE_TTL_MS = 60 * 60 * 1000;

/**
 * Answers kept for an hour, in memory and in the browser's session storage (which outlives the background's
 * restarts but not the browser). "fetching" is never kept: it is asked again.
 */
export class AnswerCache {
  private readonly entries = new Map<string, { answer: Answer; at: number }>();
  private loaded: Promise<void> | undefined;

  private load(): Promise<void> {
    this.loaded ??= (async () => {
      const area = ext.storage.session;
      if (!area) return;
      const stored = (await area.get('answers')) as { answers?: Record<string, { answer: Answer; at: number }> };
      for (const [k, v] of Object.entries(stored.answers ?? {})) if (!this.entries.has(k)) this.entries.set(k, v);
    })().catch(() => undefined);
    return this.loaded;
  }

  async get(key: string, now = Date.now()): Promise<Answer | undefined> {
    await this.load();
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    if (now - hit.at > CACHE_TTL_MS) {
      this.entries.delete(key);
      return undefined;
    }
    return hit.answer;
  }

  async put(answers: Answer[], now = Date.now()): Promise<void> {
    await this.load();
    for (const a of answers) if (a.status !== 'fetching') this.entries.set(keyOf(a), { answer: a, at: now });
    await this.save(now);
  }

  async clear(): Promise<void> {
    this.entries.clear();
    await ext.storage.session?.remove('answers').catch(() => undefined);
  }

  private async save(now: number) {
    for (const [k, v] of this.entries) if (now - v.at > CACHE_TTL_MS) this.entries.delete(k);
    await ext.storage.session?.set({ answers: Object.fromEntries(this.entries) }).catch(() => undefined);
  }
}
