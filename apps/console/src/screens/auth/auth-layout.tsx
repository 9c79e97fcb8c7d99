import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Logo } from '../../components/icons.js';

export function AuthLayout({ title, lead, children, footer }: { title: string; lead?: ReactNode; children: ReactNode; footer?: ReactNode }) {
  return (
    <main className="auth">
      <div className="auth-card">
        <Link to="/" className="brand-mark">
          <Logo /> Renown
        </Link>
        <div style={{ display: 'grid', gap: 6 }}>
          <h1>{title}</h1>
          {lead && <p className="lead">{lead}</p>}
        </div>
        {children}
        {footer && <div className="small muted">{footer}</div>}
      </div>
    </main>
  );
}
