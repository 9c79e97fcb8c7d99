/** The WebExtension API: `browser` in Firefox, `chrome` in Chromium; both return promises in Manifest V3. */
export const ext: typeof chrome = ((globalThis as { browser?: typeof chrome }).browser ?? globalThis.chrome) as typeof chrome;
