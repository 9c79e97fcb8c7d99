// The extension's manifest, one source for both browsers: Chromium runs the background as a service worker,
// Firefox (whose Manifest V3 has no service workers) as an event page script, and needs an add-on id.
export const VERSION = '0.1.0';

const SITE_MATCHES = [
  'https://bsky.app/*',
  'https://www.youtube.com/*',
  'https://m.youtube.com/*',
  'https://www.instagram.com/*',
  'https://x.com/*',
  'https://twitter.com/*',
  'https://mastodon.social/*',
];

/** @param {'chromium' | 'firefox'} target */
export function manifest(target) {
  return {
    manifest_version: 3,
    name: 'Renown',
    short_name: 'Renown',
    version: VERSION,
    description: 'Renown influence scores beside the handles you read on Bluesky, Mastodon, YouTube, Instagram and X.',
    icons: { 16: 'icons/16.png', 48: 'icons/48.png', 128: 'icons/128.png' },
    action: { default_title: 'Renown: options', default_icon: { 16: 'icons/16.png', 48: 'icons/48.png' } },
    background: target === 'firefox' ? { scripts: ['background.js'] } : { service_worker: 'background.js' },
    options_ui: { page: 'options.html', open_in_tab: true },
    // storage: settings and the hour-long cache; scripting: the content script on Mastodon instances the user adds.
    permissions: ['storage', 'scripting'],
    // Asked for one instance at a time, when the user adds it on the options page.
    optional_host_permissions: ['https://*/*'],
    content_scripts: [{ matches: SITE_MATCHES, js: ['content.js'], run_at: 'document_idle' }],
    // The console sends the browser here with the key after sign-in (see src/connected).
    web_accessible_resources: [{ resources: ['connected.html'], matches: ['<all_urls>'] }],
    content_security_policy: { extension_pages: "script-src 'self'; object-src 'none'; base-uri 'none'" },
    ...(target === 'firefox' ? { browser_specific_settings: { gecko: { id: 'browser-extension@renown.app', strict_min_version: '128.0' } } } : { minimum_chrome_version: '116' }),
  };
}
