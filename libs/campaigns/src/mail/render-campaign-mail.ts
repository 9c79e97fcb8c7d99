import { escapeHtml } from '@renown/core';

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

interface MailParts {
  subject: string;
  /** Plain paragraphs; rendered escaped in HTML. */
  paragraphs: string[];
  action?: { label: string; url: string };
  unsubscribeUrl: string;
  brandName: string;
}

/** One layout for every campaign message: readable without images, with the unsubscribe link in both bodies. */
export function renderCampaignMail(parts: MailParts): RenderedMail {
  const footer = `You get this because ${parts.brandName} works with creators through Renown. Unsubscribe (one click, no login): ${parts.unsubscribeUrl}`;
  const text = [
    ...parts.paragraphs,
    ...(parts.action ? [`${parts.action.label}: ${parts.action.url}`] : []),
    '--',
    footer,
  ].join('\n\n');
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(parts.subject)}</title></head>
<body style="font-family: system-ui, sans-serif; line-height: 1.5; max-width: 36rem; margin: 0 auto; padding: 1rem; color: #1a1a1a">
${parts.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
${parts.action ? `<p><a href="${escapeHtml(parts.action.url)}" style="display:inline-block;padding:.75rem 1.25rem;background:#1f4ed8;color:#fff;text-decoration:none;border-radius:.375rem">${escapeHtml(parts.action.label)}</a></p>
<p style="font-size:.875rem">Or open this link: <a href="${escapeHtml(parts.action.url)}">${escapeHtml(parts.action.url)}</a></p>` : ''}
<hr><p style="font-size:.8rem;color:#555">You get this because ${escapeHtml(parts.brandName)} works with creators through Renown. <a href="${escapeHtml(parts.unsubscribeUrl)}">Unsubscribe</a> (one click, no login).</p>
</body></html>`;
  return { subject: parts.subject, html, text };
}

const day = (d: Date) => d.toISOString().slice(0, 10);

export interface InvitationMailInput {
  brandName: string;
  campaignName: string;
  perkTitle: string;
  brief: string;
  claimUrl: string;
  claimDeadline: Date;
  unsubscribeUrl: string;
  disclosureRequired: boolean;
}

export function renderInvitationMail(i: InvitationMailInput): RenderedMail {
  return renderCampaignMail({
    brandName: i.brandName,
    unsubscribeUrl: i.unsubscribeUrl,
    subject: `${i.brandName} would like to send you ${i.perkTitle}`,
    paragraphs: [
      `Hi! ${i.brandName} invites you to "${i.campaignName}" and would like to give you: ${i.perkTitle}.`,
      ...(i.brief ? [i.brief] : []),
      `Claim it by ${day(i.claimDeadline)} with the link below: no account needed, it takes under a minute. You can also decline.`,
      ...(i.disclosureRequired ? ['If you post about it, start your post with #ad or #sponsored (the FTC requires a clear disclosure).'] : []),
    ],
    action: { label: 'See the perk and claim it', url: i.claimUrl },
  });
}

export function renderReminderMail(i: InvitationMailInput): RenderedMail {
  return renderCampaignMail({
    brandName: i.brandName,
    unsubscribeUrl: i.unsubscribeUrl,
    subject: `Reminder: your ${i.perkTitle} from ${i.brandName} is waiting until ${day(i.claimDeadline)}`,
    paragraphs: [`Your invitation to "${i.campaignName}" closes on ${day(i.claimDeadline)}. Claim or decline it with the link below.`],
    action: { label: 'Claim or decline', url: i.claimUrl },
  });
}

export interface ConfirmationMailInput {
  brandName: string;
  campaignName: string;
  perkTitle: string;
  code: string | null;
  variant: string | null;
  instructions: string;
  disclosureRequired: boolean;
  expectedTags: string[];
  unsubscribeUrl: string;
}

export function renderClaimConfirmationMail(i: ConfirmationMailInput): RenderedMail {
  return renderCampaignMail({
    brandName: i.brandName,
    unsubscribeUrl: i.unsubscribeUrl,
    subject: `You claimed ${i.perkTitle} from ${i.brandName}`,
    paragraphs: [
      `Thank you! Your claim for "${i.campaignName}" is confirmed.`,
      ...(i.code ? [`Your code: ${i.code}`] : []),
      ...(i.variant ? [`Your choice: ${i.variant}. We will tell you when it ships, with the tracking number.`] : []),
      ...(i.instructions ? [i.instructions] : []),
      ...(i.expectedTags.length ? [`When you post, please include ${i.expectedTags.join(' ')}.`] : []),
      ...(i.disclosureRequired ? ['Start your post with #ad or #sponsored, so your followers know it is a gift (FTC endorsement guides).'] : []),
    ],
  });
}

export function renderShippedMail(i: { brandName: string; perkTitle: string; carrier: string; trackingNumber: string; unsubscribeUrl: string }): RenderedMail {
  return renderCampaignMail({
    brandName: i.brandName,
    unsubscribeUrl: i.unsubscribeUrl,
    subject: `Your ${i.perkTitle} from ${i.brandName} has shipped`,
    paragraphs: [`Good news: your ${i.perkTitle} is on its way.`, `Carrier: ${i.carrier}. Tracking number: ${i.trackingNumber}.`],
  });
}

export function renderDisclosureReminderMail(i: { brandName: string; campaignName: string; postUrl: string | null; unsubscribeUrl: string }): RenderedMail {
  return renderCampaignMail({
    brandName: i.brandName,
    unsubscribeUrl: i.unsubscribeUrl,
    subject: `Please add #ad to your post about ${i.campaignName}`,
    paragraphs: [
      `Thanks for posting about "${i.campaignName}"!${i.postUrl ? ` (${i.postUrl})` : ''}`,
      'Your post does not show a disclosure near its start. The FTC asks that a gifted product is disclosed clearly: please edit the post (or post again) starting with #ad or #sponsored.',
      'This is the only reminder we will send about it.',
    ],
  });
}
