import type { BatchLookupResult, ListSummary } from '../../../../libs/discovery/src/developer-api/http/developer-api.responses.js';
import type { Platform, SiteId } from './sites.js';

/** A handle as the developer API's POST /v1/lookup takes it. */
export interface HandleRef {
  platform: Platform;
  handle: string;
}

export const keyOf = (h: HandleRef) => `${h.platform}:${h.handle.toLowerCase()}`;

/** One handle's answer: the developer API's own type, so a change on either side fails the type check. */
export type Answer = BatchLookupResult & { platform: Platform };

/** Why the extension shows nothing: not set up, the key was refused, or the server did not answer. */
export type ConnectionState = 'ok' | 'not-connected' | 'key-refused' | 'server-down';

export type ShortlistRef = ListSummary;

/** What content scripts and the options page ask the background for. */
export type Request =
  | { type: 'page'; host: string }
  | { type: 'lookup'; handles: HandleRef[] }
  | { type: 'fetch'; handle: HandleRef }
  | { type: 'lists' }
  | { type: 'add-to-list'; listId: string; accountId: string }
  | { type: 'reader-report'; site: SiteId; host: string; ok: boolean; found: number; problem?: string }
  | { type: 'status' };

export interface PageAnswer {
  site: SiteId | null;
  enabled: boolean;
  serverUrl: string;
}

export interface LookupAnswer {
  state: ConnectionState;
  message?: string;
  answers: Answer[];
}

export interface ReaderHealth {
  site: SiteId;
  host: string;
  ok: boolean;
  found: number;
  problem?: string;
  at: string;
}
