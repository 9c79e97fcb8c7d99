import { Injectable } from '@nestjs/common';

export interface WebhookResponse {
  status: number;
}

/**
 * The HTTP side effect of webhooks, behind its own class. Redirects are not followed (a redirect to an
 * internal address would bypass the URL check), and a slow receiver is cut off.
 */
@Injectable()
export class WebhookSender {
  static readonly TIMEOUT_MS = 10_000;

  async post(url: string, body: string, headers: Record<string, string>): Promise<WebhookResponse> {
    const res = await fetch(url, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', 'user-agent': 'Renown-Webhooks/1', ...headers },
      redirect: 'manual',
      signal: AbortSignal.timeout(WebhookSender.TIMEOUT_MS),
    });
    // The receiver's answer body is of no use to us; drain it so the connection is released.
    await res.arrayBuffer().catch(() => undefined);
    return { status: res.status };
  }
}
