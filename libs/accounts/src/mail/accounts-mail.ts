import { escapeHtml, type OutgoingMail } from '@renown/core';

/** Bodies of the mail the accounts library sends; plain functions of their data, HTML and text. */
const layout = (title: string, paragraphs: string[], action?: { label: string; url: string }) => {
  const html = `<!doctype html><html lang="en"><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1a1a1a;max-width:560px">
<h1 style="font-size:20px">${escapeHtml(title)}</h1>
${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
${action ? `<p><a href="${escapeHtml(action.url)}" style="display:inline-block;background:#1f4fd1;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none">${escapeHtml(action.label)}</a></p>\n<p style="font-size:13px;color:#555">Or paste this link into your browser: ${escapeHtml(action.url)}</p>` : ''}
<p style="font-size:13px;color:#555">Renown</p></body></html>`;
  const text = [title, '', ...paragraphs.flatMap((p) => [p, '']), ...(action ? [`${action.label}: ${action.url}`, ''] : []), 'Renown'].join('\n');
  return { html, text };
};

export function verifyEmailMail(to: string, url: string, brandName: string): OutgoingMail {
  return {
    to,
    kind: 'accounts.verify-email',
    subject: 'Confirm your email for Renown',
    ...layout('Confirm your email', [`Welcome to Renown. Confirm your email address to start using ${brandName}'s account.`, 'The link works once and expires in 24 hours. If you did not sign up, ignore this mail.'], {
      label: 'Confirm my email',
      url,
    }),
  };
}

export function alreadyRegisteredMail(to: string, loginUrl: string): OutgoingMail {
  return {
    to,
    kind: 'accounts.already-registered',
    subject: 'You already have a Renown account',
    ...layout('You already have an account', ['Someone (probably you) tried to sign up to Renown with this address, which already has an account.', 'Log in instead. If it was not you, you can ignore this mail: nothing has changed.'], {
      label: 'Log in',
      url: loginUrl,
    }),
  };
}

export function teamInvitationMail(to: string, url: string, brandName: string, role: string, inviter: string): OutgoingMail {
  return {
    to,
    kind: 'accounts.team-invitation',
    subject: `${inviter} invited you to ${brandName} on Renown`,
    ...layout(`Join ${brandName} on Renown`, [`${inviter} invited you to join ${brandName} as ${role}.`, 'The invitation works once and expires in 7 days.'], {
      label: 'Accept the invitation',
      url,
    }),
  };
}
