import type { Page } from 'playwright-core';
import { signUpBrand, type SignedUp } from '../accounts/accounts-test-helpers.js';
import { screenshots } from '../console/support/browser.js';
import { buildAutomotiveWorld, startFakeBlueskyAppView, type AutomotiveWorld, type FakeServer } from '../support/fake-networks/index.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { badgesRenownCallsFor, createExtensionKey, createShortlist, type KnownPerson, seedKnown, seedTopics } from './extension-fixtures.js';
import { blueskyPage, instagramPage, mastodonPage, xPage, youtubePage } from './support/site-pages.js';
import { type ExtensionBrowser, type ExtensionHarness, type RenownProxy, type SiteServer, startExtensionHarness } from './support/extension-browser.js';

/*
 * The extension in real Chromium on local copies of the five sites: a badge with the score beside each handle
 * Renown knows, "fetch" for a Bluesky stranger (which fills in once looked up), a card on hover and focus that a
 * keyboard can enter and leave, "Add to list", and pages that neither move nor scroll because of the badges.
 */
const ALICE: KnownPerson = { platform: 'bluesky', handle: 'alice-evs.bsky.social', name: 'Alice Carter', score: 72, followers: 12_345 };
const BORIS: KnownPerson = { platform: 'bluesky', handle: 'boris-garage.bsky.social', name: 'Boris Lind', score: 31, followers: 800 };
const CARLA: KnownPerson = { platform: 'mastodon', handle: 'carla@mastodon.social', name: 'Carla Ruiz', score: 63, followers: 4_200 };
const DEV: KnownPerson = { platform: 'mastodon', handle: 'dev@fosstodon.org', name: 'Dev Patel', score: 44, followers: 950 };
const JACK: KnownPerson = { platform: 'twitter', handle: 'jack_cars', name: 'Jack Motors', score: 88, followers: 210_000 };
const KIM: KnownPerson = { platform: 'twitter', handle: 'kim_drives', name: 'Kim Oh', score: 12, followers: 150 };

describe('the browser extension on the five sites', () => {
  let t: TestApp;
  let brand: SignedUp;
  let world: AutomotiveWorld;
  let bluesky: FakeServer;
  let sites: SiteServer;
  let proxy: RenownProxy;
  let browser: ExtensionBrowser;
  let harness: ExtensionHarness;
  let key: string;
  const shot = screenshots('extension');

  beforeAll(async () => {
    world = buildAutomotiveWorld(2);
    bluesky = await startFakeBlueskyAppView(world.bluesky, { rateLimit: { requests: 3000, windowSeconds: 30 } });
    t = await createTestApp({ BLUESKY_APPVIEW_URL: bluesky.url, BLUESKY_RATE_LIMIT: '3000/30' });
    brand = await signUpBrand(t);
    await t.startWorker();
    await seedKnown(t, [ALICE, BORIS, CARLA, DEV, JACK, KIM]);
    key = (await createExtensionKey(t, brand)).secret;
    harness = await startExtensionHarness(t.url);
    ({ sites, proxy, browser } = harness);
  }, 90_000);
  afterAll(async () => {
    await harness?.close();
    await t?.close();
    await bluesky?.close();
  });

  beforeEach(async () => {
    await browser.reset();
    await browser.configure({ serverUrl: proxy.url, key });
  });

  const open = async (url: string) => {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url);
    return { page, errors };
  };
  /** The text of each badge on the page, in page order. */
  const badgeTexts = (page: Page) => page.locator('renown-badge button.badge').allTextContents();
  const waitForBadges = (page: Page, n: number) => page.waitForFunction((want) => document.querySelectorAll('renown-badge').length >= want, n, { timeout: 15_000 });

  it('on bsky.app, each known author gets a badge with their score after their name, and a stranger gets "fetch"', async () => {
    const stranger = world.carPeople('bluesky').find((p) => !p.special)!;
    const onPage = [ALICE, BORIS, { platform: 'bluesky', handle: stranger.handle, name: stranger.displayName }, ALICE];
    sites.set('bsky.app', '/', blueskyPage(onPage));
    const { page, errors } = await open('https://bsky.app/');
    await waitForBadges(page, 4);
    const expected = await badgesRenownCallsFor(t, key, onPage);
    expect(expected[2]).toBe('fetch');
    expect(await badgeTexts(page)).toEqual(expected);
    // The badge sits right after the author's name link, inside the post's header line.
    const after = await page.evaluate(() => document.querySelector('renown-badge')!.previousElementSibling!.textContent);
    expect(after).toBe('Alice Carter');
    expect(await page.getByRole('button', { name: new RegExp(`Renown score ${expected[0]} of 100, band \\d+-\\d+, [a-z ]+, for ${ALICE.handle}`) }).first().isVisible()).toBe(true);
    await shot(page, 'bluesky-badges');

    // "fetch" asks Renown to read the stranger from Bluesky; the badge fills in with the score when it is in.
    await page.getByRole('button', { name: `Renown does not know ${stranger.handle} yet: fetch and score it` }).click();
    await page.waitForFunction(() => /^\d+$/.test(document.querySelectorAll('renown-badge')[2]?.shadowRoot?.querySelector('button')?.textContent ?? ''), null, { timeout: 45_000 });
    const { rows } = await t.db.pool.query(`SELECT followers_count::int AS f FROM social_accounts WHERE platform = 'bluesky' AND handle = $1`, [stranger.handle]);
    expect(rows[0].f).toBe(stranger.followersCount);
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);

  it('on Mastodon, local (@user) and remote (@user@host) accounts are both recognised', async () => {
    sites.set('mastodon.social', '/home', mastodonPage('mastodon.social', [CARLA, DEV], { profile: CARLA }));
    const { page } = await open('https://mastodon.social/home');
    await waitForBadges(page, 3);
    expect(await badgeTexts(page)).toEqual(await badgesRenownCallsFor(t, key, [CARLA, CARLA, DEV]));
    await page.close();
  }, 60_000);

  it('on x.com, posts and follower lists get badges; on YouTube and Instagram, handles Renown has no score for get "?"', async () => {
    sites.set('x.com', '/home', xPage([JACK, KIM], [KIM]));
    const { page } = await open('https://x.com/home');
    await waitForBadges(page, 3);
    expect(await badgeTexts(page)).toEqual(await badgesRenownCallsFor(t, key, [JACK, KIM, KIM]));
    await shot(page, 'x-badges');
    await page.close();

    sites.set('www.youtube.com', '/watch', youtubePage({ handle: 'CarWowTest', name: 'carwow test' }, [{ handle: 'EVReviews', name: 'EV Reviews' }], [{ handle: 'commenter1', name: 'c1' }]));
    const yt = await open('https://www.youtube.com/watch');
    await waitForBadges(yt.page, 3);
    expect(await badgeTexts(yt.page)).toEqual(['?', '?', '?']);
    await yt.page.close();

    sites.set('www.instagram.com', '/cardesigner/', instagramPage({ handle: 'cardesigner', name: 'Car Designer' }, [{ handle: 'fan.one', name: '' }, { handle: 'fan_two', name: '' }]));
    const ig = await open('https://www.instagram.com/cardesigner/');
    await waitForBadges(ig.page, 3);
    expect(await badgeTexts(ig.page)).toEqual(['?', '?', '?']);
    await ig.page.close();
    // What was sent: the handles of the page, under the platform names the API knows.
    const sent = proxy.lookups();
    expect(sent.length).toBeGreaterThanOrEqual(3);
    expect(sent.every((s) => s.authorization === `Bearer ${key}` && s.cookie === undefined)).toBe(true);
  }, 60_000);

  it('hovering a badge opens the card: score and band, topics, followers, audience quality, the why, last fetched and the two buttons', async () => {
    const listId = await createShortlist(t, brand, `EV launch ${Date.now()}`);
    await seedTopics(t, ALICE); // as seeded: a scoring run started by another test may have recomputed them
    sites.set('bsky.app', '/profile/alice-evs.bsky.social', blueskyPage([ALICE, BORIS, ALICE, BORIS], { profile: ALICE }));
    const { page } = await open('https://bsky.app/profile/alice-evs.bsky.social');
    await waitForBadges(page, 5);
    await page.locator('renown-badge button.badge').first().hover();
    const card = page.locator('renown-badge [role=dialog]').first();
    await card.waitFor({ state: 'visible' });
    const text = await card.innerText();
    const [score] = await badgesRenownCallsFor(t, key, [ALICE]);
    const tens = Math.min(9, Math.floor(Number(score) / 10));
    expect(text).toContain('Alice Carter');
    expect(text).toContain(score);
    expect(text).toContain(`band ${tens * 10}-${tens === 9 ? 100 : tens * 10 + 9}`);
    expect(text).toContain('Cars');
    expect(text).toContain('Followers');
    expect(text).toMatch(/Followers\s+12(\.3)?k/);
    expect(text).toContain('Audience quality');
    expect(text).toContain('Last fetched');
    const link = card.getByRole('link', { name: 'Open in Renown' });
    expect(await link.getAttribute('href')).toBe(`${proxy.url}/accounts/${ALICE.id}`);
    await shot(page, 'bluesky-card');

    // Add to list: the brand's lists are offered; the account lands on the chosen one, once.
    await card.getByRole('button', { name: 'Add to list' }).click();
    await card.locator('select[aria-label="List to add to"]').selectOption(listId);
    await card.getByRole('button', { name: 'Add', exact: true }).click();
    await card.getByText(/Added to “EV launch/).waitFor();
    await card.getByRole('button', { name: 'Add', exact: true }).click();
    await card.getByText(/Already on “EV launch/).waitFor();
    const { rows } = await t.db.pool.query(`SELECT count(*)::int AS n FROM shortlist_entries WHERE shortlist_id = $1 AND account_id = $2`, [listId, ALICE.id]);
    expect(rows[0].n).toBe(1);
    await page.close();
  }, 60_000);

  it('a keyboard reaches the badge, opens the card on focus, enters it with Enter and leaves it with Escape', async () => {
    sites.set('x.com', '/jack_cars', xPage([JACK]));
    const { page } = await open('https://x.com/jack_cars');
    await waitForBadges(page, 1);
    const badge = page.getByRole('button', { name: /Renown score \d+ of 100, .*jack_cars/ });
    await badge.focus();
    expect(await badge.getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('Enter');
    const focused = await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.textContent);
    expect(focused).toBe('Open in Renown');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.textContent)).toBe('Add to list');
    await page.keyboard.press('Escape');
    expect(await badge.getAttribute('aria-expanded')).toBe('false');
    expect(await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.getAttribute('aria-label'))).toMatch(/Renown score \d+ of 100/);
    expect(await page.locator('renown-badge [role=dialog]').first().isVisible()).toBe(false);
    await page.close();
  }, 60_000);

  it("the badges do not move the page: posts keep their place and height, and the scroll position stays", async () => {
    const people = [ALICE, BORIS, JACK, KIM, CARLA];
    sites.set('bsky.app', '/layout', blueskyPage(Array.from({ length: 40 }, (_, i) => people[i % 2])));
    const { page } = await open('https://bsky.app/layout');
    await page.evaluate(() => window.scrollTo(0, 600));
    await waitForBadges(page, 10);
    await page.waitForTimeout(300);
    const measure = () =>
      page.evaluate(() => ({
        scrollY: window.scrollY,
        height: document.documentElement.scrollHeight,
        posts: [...document.querySelectorAll('[data-testid^="feedItem-by-"]')].map((p) => {
          const r = p.getBoundingClientRect();
          return [Math.round(r.top + window.scrollY), Math.round(r.height)];
        }),
      }));
    const withBadges = await measure();
    await page.evaluate(() => document.querySelectorAll('renown-badge').forEach((b) => ((b as HTMLElement).style.display = 'none')));
    const without = await measure();
    expect(withBadges).toEqual(without);
    expect(withBadges.scrollY).toBe(600);
    await page.close();
  }, 60_000);
});
