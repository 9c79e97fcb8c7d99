import type { Answer, ConnectionState, HandleRef, ShortlistRef } from '../shared/messages.js';

export class RenownRequestError extends Error {
  constructor(
    readonly state: Exclude<ConnectionState, 'ok'>,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The developer API, as the extension key may use it: look-ups, the brand's lists, adding to a list. Bearer key
 * only: `credentials: 'omit'`, so no cookie of the Renown site is ever sent (the server answers with CORS).
 */
export class RenownClient {
  constructor(
    private readonly serverUrl: string,
    private readonly key: string,
  ) {}

  async lookup(handles: HandleRef[], fetch = false): Promise<Answer[]> {
    const body = await this.call<{ results: Answer[] }>('POST', '/v1/lookup', { handles, fetch });
    return body.results;
  }

  async lists(): Promise<ShortlistRef[]> {
    return (await this.call<{ lists: ShortlistRef[] }>('GET', '/v1/lists')).lists;
  }

  async addToList(listId: string, accountId: string): Promise<{ added: boolean; alreadyOnList?: boolean }> {
    return this.call('POST', `/v1/lists/${encodeURIComponent(listId)}/accounts`, { accountId });
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    let res: Response;
    try {
      res = await fetch(`${this.serverUrl}${path}`, {
        method,
        credentials: 'omit',
        headers: { authorization: `Bearer ${this.key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
    } catch {
      throw new RenownRequestError('server-down', `The Renown server at ${this.serverUrl} did not answer.`);
    }
    const json = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
    if (res.status === 401) throw new RenownRequestError('key-refused', json?.error?.message ?? 'Renown refused the key: it was revoked or is wrong. Connect again on the options page.');
    if (res.status === 403) throw new RenownRequestError('key-refused', json?.error?.message ?? 'This key may not do that.');
    if (res.status === 429) throw new RenownRequestError('server-down', json?.error?.message ?? 'Renown asked the extension to slow down; it will try again in a minute.');
    if (res.status >= 500) throw new RenownRequestError('server-down', `The Renown server at ${this.serverUrl} answered ${res.status}.`);
    if (!res.ok) throw new Error(json?.error?.message ?? `Renown answered ${res.status}.`);
    return json as T;
  }
}
