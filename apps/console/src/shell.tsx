import { NavLink, Route, Routes } from 'react-router';
import { Icon, Logo } from './components/icons.js';
import { NotAvailable } from './screens/not-available.js';

const nav = [
  { to: '/discover', label: 'Discover', icon: 'discover', soon: true },
  { to: '/campaigns', label: 'Campaigns', icon: 'campaigns' },
  { to: '/lists', label: 'Lists', icon: 'lists', soon: true },
  { to: '/audience', label: 'Audience', icon: 'audience', soon: true },
];
const admin = [
  { to: '/team', label: 'Team', icon: 'team' },
  { to: '/billing', label: 'Billing', icon: 'billing' },
  { to: '/settings', label: 'Settings', icon: 'settings' },
];

export function Shell() {
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <nav className="sidebar" aria-label="Main">
        <NavLink to="/" className="brand-mark">
          <Logo /> Renown
        </NavLink>
        {nav.map((n) => (
          <NavLink key={n.to} to={n.to} className="nav-link">
            <Icon name={n.icon} /> {n.label}
            {n.soon && <span className="nav-soon">soon</span>}
          </NavLink>
        ))}
        <div className="nav-section">Brand</div>
        {admin.map((n) => (
          <NavLink key={n.to} to={n.to} className="nav-link">
            <Icon name={n.icon} /> {n.label}
          </NavLink>
        ))}
      </nav>
      <main id="main" className="main" tabIndex={-1}>
        <Routes>
          <Route path="*" element={<NotAvailable feature="This page" />} />
        </Routes>
      </main>
    </div>
  );
}
