import { Link, useSearchParams } from 'react-router';
import { PageHeader } from '../components/states.js';
import { useViewer } from '../session.js';

/** The home screen: where to start, in the order a new brand needs it. */
export function Welcome() {
  const viewer = useViewer();
  const [params] = useSearchParams();
  const first = params.get('welcome') === '1';
  const name = viewer.user?.name?.split(' ')[0];
  return (
    <div className="page">
      <PageHeader title={first ? `Welcome to Renown${name ? `, ${name}` : ''}` : `Hello${name ? `, ${name}` : ''}`} description={`You are working on ${viewer.brand?.name ?? 'your brand'}.`} />
      {first && (
        <div className="alert ok" role="status">
          Your email is confirmed and your brand is ready.
        </div>
      )}
      <div className="grid-3">
        <StartCard title="Find influencers" to="/discover" text="Search a vertical and see who moves opinion in it, and why." />
        <StartCard title="Keep a shortlist" to="/lists" text="Collect people from searches with your notes and tags; export them or invite them." />
        <StartCard title="Run a perk campaign" to="/campaigns" text="Invite people by email; they claim a perk from a link in under a minute." />
        <StartCard title="Know your audience" to="/audience" text="See who matters among the people around your own accounts, and get alerts." />
        <StartCard title="Bring your team" to="/team" text="Invite colleagues as members or admins." />
        <StartCard title="Connect your tools" to="/settings" text="Create an API key for scripts and integrations." />
        <StartCard title="Plan and usage" to="/billing" text="See what you use each month and change plan." />
      </div>
    </div>
  );
}

function StartCard({ title, to, text }: { title: string; to: string; text: string }) {
  return (
    <Link to={to} className="card" style={{ textDecoration: 'none', color: 'inherit' }}>
      <h2>{title}</h2>
      <p className="muted small">{text}</p>
      <span className="small" style={{ color: 'var(--accent-strong)', fontWeight: 550 }}>
        Open →
      </span>
    </Link>
  );
}
