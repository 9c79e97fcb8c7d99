import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { TestApp } from '../support/test-app.js';

/** A real SMTP server in-process (STARTTLS off: its built-in certificate has expired) that keeps what it receives. */
export interface SmtpCapture {
  url: string;
  messages: ParsedMail[];
  waitFor(predicate: (m: ParsedMail) => boolean, what: string, timeoutMs?: number): Promise<ParsedMail>;
  close(): Promise<void>;
}

export async function startSmtpCapture(options: { rejectFirst?: (to: string) => boolean } = {}): Promise<SmtpCapture> {
  const messages: ParsedMail[] = [];
  const rejected = new Set<string>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const to = session.envelope.rcptTo[0]?.address?.toLowerCase() ?? '';
      if (options.rejectFirst?.(to) && !rejected.has(to)) {
        // A temporary failure, as a busy server answers: the sender must retry later.
        rejected.add(to);
        stream.resume();
        stream.on('end', () => callback(Object.assign(new Error('4.3.0 try again later'), { responseCode: 451 })));
        return;
      }
      simpleParser(stream)
        .then((m) => {
          messages.push(m);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as { port: number }).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    async waitFor(predicate, what, timeoutMs = 45_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const found = messages.find(predicate);
        if (found) return found;
        if (Date.now() > until) throw new Error(`no mail arrived: ${what} (got ${messages.map((m) => m.subject).join(' | ')})`);
        await new Promise((r) => setTimeout(r, 200));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export const toOf = (m: ParsedMail) => (Array.isArray(m.to) ? m.to[0] : m.to)?.value[0]?.address?.toLowerCase();

/** A header as sent (mailparser folds List-* headers into a structure; the raw line is what clients read). */
export function rawHeader(m: ParsedMail, name: string): string | undefined {
  const line = m.headerLines.find((h) => h.key === name.toLowerCase())?.line;
  return line?.slice(line.indexOf(':') + 1).replace(/\r?\n\s+/g, ' ').trim();
}

export function claimLinkIn(text: string): string {
  const match = text.match(/https?:\/\/\S+\/claim\/[A-Za-z0-9_-]{43}/);
  if (!match) throw new Error(`no claim link in:\n${text}`);
  return match[0];
}

/** Claim links point at PUBLIC_URL; tests send them to the app's real port. */
export const onApp = (t: TestApp, link: string) => link.replace(/^https?:\/\/[^/]+/, t.url);

export async function gql<T = any>(t: TestApp, headers: Record<string, string>, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await t.graphql<T>(query, variables, headers);
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data as T;
}

export async function insertAccounts(t: TestApp, accounts: { platform: string; handle: string; followers?: number; externalId?: string }[]): Promise<string[]> {
  const ids: string[] = [];
  for (const a of accounts) {
    const { rows } = await t.db.pool.query(
      `INSERT INTO social_accounts (platform, external_id, handle, display_name, followers_count, is_stub) VALUES ($1, $2, $3, $3, $4, false) RETURNING id`,
      [a.platform, a.externalId ?? `ext-${a.handle}`, a.handle, a.followers ?? 1000],
    );
    ids.push(rows[0].id);
  }
  return ids;
}

export const CAMPAIGN_FIELDS = 'id name status quantity claimedCount perkKind claimDeadline';

export async function createCodeCampaign(t: TestApp, headers: Record<string, string>, codes: string[], extra: Record<string, unknown> = {}) {
  const data = await gql(t, headers, `mutation($i: CreateCampaignInput!) { createCampaign(input: $i) { ${CAMPAIGN_FIELDS} } }`, {
    i: {
      name: 'Spring codes',
      brief: 'Try our new trail shoes.',
      terms: 'One code per person.',
      perkKind: 'code',
      perkTitle: '30% off trail shoes',
      perkInstructions: 'Use the code at checkout.',
      quantity: codes.length,
      claimDeadline: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      expectedHashtags: ['#TrailSpring'],
      expectedMentions: ['@acme'],
      ...extra,
    },
  });
  const id = data.createCampaign.id as string;
  const upload = await gql(t, headers, `mutation($id: ID!, $csv: String!) { uploadCampaignCodes(campaignId: $id, csv: $csv) { added totalCodes problems { line reason } } }`, { id, csv: ['code', ...codes].join('\n') });
  return { id, upload: upload.uploadCampaignCodes };
}
