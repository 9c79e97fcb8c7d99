import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CaughtMail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** A real SMTP server in-process (STARTTLS off: smtp-server's bundled certificate has expired). */
export async function startSmtpCatcher() {
  const messages: CaughtMail[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail: ParsedMail) => {
          const to = Array.isArray(mail.to) ? mail.to.map((a) => a.text).join(', ') : (mail.to?.text ?? '');
          messages.push({ to, subject: mail.subject ?? '', text: mail.text ?? '', html: typeof mail.html === 'string' ? mail.html : '' });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    /** Waits for a message to `to` whose subject matches (the worker delivers it shortly after the request). */
    async waitFor(to: string, subject: RegExp, timeoutMs = 20_000): Promise<CaughtMail> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = messages.find((m) => m.to.includes(to) && subject.test(m.subject));
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`No mail to ${to} matching ${subject} (got: ${messages.map((m) => `${m.to}: ${m.subject}`).join('; ') || 'none'})`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The first link in a mail's text whose path starts with `path`, moved onto the test server's origin. */
export function linkIn(mail: CaughtMail, path: string, origin: string): string {
  const match = mail.text.match(new RegExp(`https?://[^\\s"'<>]+${path.replace(/[/?]/g, '\\$&')}[^\\s"'<>]*`));
  if (!match) throw new Error(`No ${path} link in mail "${mail.subject}":\n${mail.text}`);
  const url = new URL(match[0]);
  // Mails carry PUBLIC_URL (http://localhost:3000 in tests); the test server listens on a random port.
  return `${origin}${url.pathname}${url.search}`;
}
