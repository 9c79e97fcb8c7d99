import { ext } from '../shared/browser-api.js';
import type { Request } from '../shared/messages.js';

/** Asks the background; resolves with its answer (or rejects when the extension was reloaded under the page). */
export function ask<T>(request: Request): Promise<T> {
  return new Promise((resolve, reject) => {
    try {
      ext.runtime.sendMessage(request, (answer: T) => {
        const err = ext.runtime.lastError;
        if (err) reject(new Error(err.message));
        else resolve(answer);
      });
    } catch (e) {
      reject(e);
    }
  });
}
