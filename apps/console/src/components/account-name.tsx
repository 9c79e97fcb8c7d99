import { Link } from 'react-router';

interface AccountLike {
  id: string;
  platform: string;
  handle?: string | null;
  displayName?: string | null;
}

/** An account as people recognise it (name, @handle, platform), linking to its profile. */
export function AccountName({ account, link = true }: { account: AccountLike; link?: boolean }) {
  const name = account.displayName || (account.handle ? `@${account.handle}` : `account ${account.id}`);
  return (
    <span style={{ display: 'inline-grid', gap: 1 }}>
      {link ? <Link to={`/accounts/${encodeURIComponent(account.id)}`}>{name}</Link> : <strong style={{ fontWeight: 560 }}>{name}</strong>}
      <span className="small muted">
        {account.handle && account.displayName ? `@${account.handle} · ` : ''}
        {account.platform}
      </span>
    </span>
  );
}

/** A 1-100 score as a badge; the colour steps at the bands the profile explains (60 = top 5%, 80 = top 0.1%). */
export function ScoreBadge({ score, label }: { score: number | null | undefined; label?: string }) {
  if (score === null || score === undefined) return <span className="muted small">–</span>;
  const v = Math.round(score);
  return (
    <span className={`score${v >= 80 ? ' top' : v >= 60 ? ' high' : ''}`} aria-label={`${label ?? 'Score'} ${v}`} title={label}>
      {v}
    </span>
  );
}
