// Mirrors the invitation mail the worker sends (libs/campaigns/src/mail/render-campaign-mail.ts), so the
// brand sees what creators will read before launching. The real link is made per creator at send time.
export interface PreviewInput {
  brandName: string;
  campaignName: string;
  perkTitle: string;
  brief: string;
  claimDeadline: string;
  disclosureRequired: boolean;
}

export function invitationPreview(i: PreviewInput) {
  const day = i.claimDeadline ? i.claimDeadline.slice(0, 10) : '(deadline)';
  return {
    subject: `${i.brandName} would like to send you ${i.perkTitle || '(perk)'}`,
    paragraphs: [
      `Hi! ${i.brandName} invites you to "${i.campaignName || '(campaign)'}" and would like to give you: ${i.perkTitle || '(perk)'}.`,
      ...(i.brief ? [i.brief] : []),
      `Claim it by ${day} with the link below: no account needed, it takes under a minute. You can also decline.`,
      ...(i.disclosureRequired ? ['If you post about it, start your post with #ad or #sponsored (the FTC requires a clear disclosure).'] : []),
    ],
  };
}

export function InvitationPreview({ input, to }: { input: PreviewInput; to: string }) {
  const mail = invitationPreview(input);
  return (
    <div className="email-preview" aria-label="Invitation email preview">
      <header>
        <span>
          <span className="muted">From:</span> {input.brandName} via Renown
        </span>
        <span>
          <span className="muted">To:</span> {to}
        </span>
        <span>
          <span className="muted">Subject:</span> <strong>{mail.subject}</strong>
        </span>
      </header>
      <div className="body" style={{ display: 'grid', gap: 10 }}>
        {mail.paragraphs.map((p) => (
          <p key={p}>{p}</p>
        ))}
        <p>
          <span className="btn primary" aria-hidden="true" style={{ pointerEvents: 'none' }}>
            See the perk and claim it
          </span>
        </p>
        <p className="small muted">Each creator gets their own link: it works once and only for them. Every mail carries a one-click unsubscribe link.</p>
      </div>
    </div>
  );
}
