import { useEffect, useRef } from 'react';
import { NavLink, Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { Icon, Logo } from './components/icons.js';
import { roleLabel } from './format.js';
import { request } from './graphql/client.js';
import { SwitchBrandDocument } from './graphql/generated.js';
import { useServerInfo } from './server-info.js';
import { Audience } from './screens/audience.js';
import { Billing } from './screens/billing.js';
import { Discover } from './screens/discover.js';
import { CampaignDashboard } from './screens/campaigns/campaign-dashboard.js';
import { CampaignList } from './screens/campaigns/campaign-list.js';
import { CampaignWizard } from './screens/campaigns/campaign-wizard.js';
import { Lists } from './screens/lists/lists.js';
import { Shortlist } from './screens/lists/shortlist.js';
import { Sources } from './screens/sources.js';
import { Profile, ProfileLookup } from './screens/profile.js';
import { Settings } from './screens/settings.js';
import { ConnectExtension } from './screens/extension/connect-extension.js';
import { Team } from './screens/team.js';
import { Welcome } from './screens/welcome.js';
import { useSession, useViewer } from './session.js';

interface NavItem {
  to: string;
  label: string;
  icon: string;
  soon?: boolean;
}

const work: NavItem[] = [
  { to: '/discover', label: 'Discover', icon: 'discover' },
  { to: '/sources', label: 'Sources', icon: 'sources' },
  { to: '/campaigns', label: 'Campaigns', icon: 'campaigns' },
  { to: '/accounts', label: 'Profiles', icon: 'profile' },
  { to: '/lists', label: 'Lists', icon: 'lists' },
  { to: '/audience', label: 'Audience', icon: 'audience' },
];
const brand: NavItem[] = [
  { to: '/team', label: 'Team', icon: 'team' },
  { to: '/billing', label: 'Billing', icon: 'billing' },
  { to: '/settings', label: 'Settings', icon: 'settings' },
];

export function Shell() {
  const viewer = useViewer();
  const { logOut } = useSession();
  const { mailMode } = useServerInfo();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const shownPath = useRef(pathname);
  // After a client-side navigation, screen readers and keyboards start at the new page's content, as
  // they would after a full page load (not on the first render, where the skip link comes first).
  useEffect(() => {
    if (shownPath.current === pathname) return;
    shownPath.current = pathname;
    window.scrollTo(0, 0);
    document.getElementById('main')?.focus({ preventScroll: true });
  }, [pathname]);
  const link = (n: NavItem) => (
    <NavLink key={n.to} to={n.to} className="nav-link">
      <Icon name={n.icon} /> {n.label}
      {n.soon && <span className="nav-soon">soon</span>}
    </NavLink>
  );
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <nav className="sidebar" aria-label="Main">
        <NavLink to="/" className="brand-mark">
          <Logo /> Renown
        </NavLink>
        {work.map(link)}
        {viewer.memberships.length > 1 ? <BrandSwitcher /> : <div className="nav-section">{viewer.brand?.name ?? 'Brand'}</div>}
        {brand.map(link)}
        {mailMode === 'local' && (
          <a className="nav-link" href="/dev/mail">
            <Icon name="mail" /> Local mailbox
          </a>
        )}
        <div className="sidebar-footer">
          <span title={viewer.user?.email}>
            {viewer.user?.name || viewer.user?.email} · {roleLabel(viewer.role)}
          </span>
          <button
            type="button"
            onClick={async () => {
              await logOut();
              navigate('/login');
            }}
          >
            Log out
          </button>
        </div>
      </nav>
      <main id="main" className="main" tabIndex={-1}>
        <Routes>
          <Route index element={<Welcome />} />
          <Route path="team" element={<Team />} />
          <Route path="billing" element={<Billing />} />
          <Route path="settings" element={<Settings />} />
          <Route path="extension/connect" element={<ConnectExtension />} />
          <Route path="discover" element={<Discover />} />
          <Route path="sources" element={<Sources />} />
          <Route path="campaigns" element={<CampaignList />} />
          <Route path="campaigns/new" element={<CampaignWizard />} />
          <Route path="campaigns/:id" element={<CampaignDashboard />} />
          <Route path="accounts" element={<ProfileLookup />} />
          <Route path="accounts/:id" element={<Profile />} />
          <Route path="lists" element={<Lists />} />
          <Route path="lists/:id" element={<Shortlist />} />
          <Route path="audience" element={<Audience />} />
          <Route path="*" element={<Navigate to="/" replace />} />
        </Routes>
      </main>
    </div>
  );
}

/** For people in several brands: acts for another one (the session switches; every screen reloads its data). */
function BrandSwitcher() {
  const viewer = useViewer();
  const { setViewer } = useSession();
  const navigate = useNavigate();
  return (
    <div className="nav-section" style={{ textTransform: 'none', letterSpacing: 0 }}>
      <label htmlFor="brand-switch" className="small" style={{ display: 'block', marginBottom: 4, color: '#9ca3af' }}>
        Brand
      </label>
      <select
        id="brand-switch"
        value={viewer.brand?.id ?? ''}
        onChange={async (e) => {
          const res = await request(SwitchBrandDocument, { brandId: e.target.value });
          setViewer(res.switchBrand);
          navigate('/');
        }}
      >
        {viewer.memberships.map((m) => (
          <option key={m.brand.id} value={m.brand.id}>
            {m.brand.name}
          </option>
        ))}
      </select>
    </div>
  );
}
