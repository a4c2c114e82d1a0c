/**
 * `npm run screenshots`: a PNG of every page of app.json in its main states, as the browser preview shows it on
 * its phone, in `screenshots/` (gitignored) — for anyone reviewing a change to look at. Runs localcloud with the
 * demo data on a free port and a temporary data folder, and Debian's chromium (see test/e2e/support).
 *
 * Named states (the journeys that exist) come first; then every page app.json lists, opened directly as the
 * first demo resident, so a page added by a later change appears here without touching this script.
 */
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pageTagName } from '../preview/client/page-names';
import { launchChromium, previewContext } from '../test/e2e/support/chromium';
import { openPhone, startPreviewApp, type PreviewPhone, type RunningPreview } from '../test/e2e/support/preview-app';
import type { BrowserContext } from 'playwright-core';

const OUT = path.resolve(__dirname, '..', 'screenshots');
const HOME = 'pages/home/index';
const SITES = 'pages/sites/index';

interface Shot {
  name: string;
  who: string;
  page?: string;
  /** what to do once the page is open, before the picture */
  act?: (phone: PreviewPhone, app: RunningPreview) => Promise<void>;
  /** take the picture as soon as `act` returns (something is still loading on purpose) */
  instant?: boolean;
}

const NAMED: Shot[] = [
  { name: 'home--site-chosen', who: 'resident' },
  { name: 'home--no-site', who: 'resident2' },
  {
    name: 'home--error',
    who: 'resident2',
    // every database call fails: the function cannot say which site is current
    act: async () => undefined,
  },
  { name: 'sites--list', who: 'resident', page: `/${SITES}` },
  {
    name: 'sites--search-results',
    who: 'resident',
    page: `/${SITES}`,
    act: (phone) => search(phone, '鸿锦'),
  },
  {
    name: 'sites--search-nothing-found',
    who: 'resident',
    page: `/${SITES}`,
    act: (phone) => search(phone, '不存在的小区'),
  },
  {
    name: 'sites--switching',
    who: 'resident2',
    page: `/${SITES}`,
    instant: true,
    act: async (phone, app) => {
      // the database answers slowly, so the loading overlay of the switch is on screen for the picture
      await faults(app, { mode: 'slow', delayMs: 3000, count: 20 });
      await phone.page.locator('.t-cell--t-cell__title-text', { hasText: '福源楼' }).tap();
      await phone.page.locator('.pv-bubble').waitFor();
    },
  },
];

async function search(phone: PreviewPhone, keyword: string): Promise<void> {
  await phone.node(SITES, 'site-search').locator('input').fill(keyword);
  await phone.page.waitForTimeout(400);
  await phone.settled();
}

async function faults(app: RunningPreview, body: object): Promise<void> {
  await fetch(`${app.cloud.lc.url}/_dev/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

async function take(context: BrowserContext, app: RunningPreview, shot: Shot): Promise<string> {
  const failing = shot.name.endsWith('--error');
  if (failing) await faults(app, { mode: 'fail', count: 1000 });
  const phone = await openPhone(context, app, shot.who, shot.page, (message) => {
    throw new Error(`${shot.name}: the page threw ${message}`);
  });
  try {
    await phone.page.waitForFunction('window.__preview.routes.length > 0');
    await phone.settled();
    await shot.act?.(phone, app);
    // TDesign's icons are images: let them arrive before the picture
    if (!shot.instant) await phone.page.waitForLoadState('networkidle');
    const file = path.join(OUT, `${shot.name}.png`);
    await phone.page.locator('.pv-phone').screenshot({ path: file, animations: 'disabled' });
    return file;
  } finally {
    await phone.page.close();
    await faults(app, { clear: true });
  }
}

async function main(): Promise<void> {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const app = await startPreviewApp();
  const browser = await launchChromium();
  try {
    const context = await previewContext(browser);
    const { manifest } = await app.preview.ready();
    const named = new Set([HOME, SITES]);
    const everyPage: Shot[] = manifest.pages
      .filter((route) => !named.has(route))
      .map((route) => ({ name: pageTagName(route).replace(/^page-/, ''), who: 'resident', page: `/${route}` }));
    for (const shot of [...NAMED, ...everyPage]) {
      const file = await take(context, app, shot);
      console.log(`screenshots: ${path.relative(process.cwd(), file)}`);
    }
  } finally {
    await browser.close();
    await app.stop();
  }
}

main().catch((error: unknown) => {
  console.error('screenshots failed:', error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
