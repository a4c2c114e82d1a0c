/**
 * What a page test needs in a few lines:
 *
 *   const app = usePageTests();
 *   test('…', async () => {
 *     const mp = await app.launch('pages/home/index', 'resident');
 *     await waitUntil(() => mp.currentPage.text().includes('海信慧园'), 'the current site');
 *   });
 *
 * Each test gets its own localcloud with the demo data, the built functions and the project's collection
 * manifest (starting one takes ~0.3 s), so no test sees what another one changed; open pages are closed after
 * each test.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO_OPENIDS, startAppCloud, type AppCloud } from '../../support/app-cloud';
import type { FaultSpec } from '../../../localcloud/db/faults';
import type { DemoRole } from '../../../demo/identities';
import { MiniProgram } from './mini-program';
import type { Phone } from './wx-client';

export { DEMO_OPENIDS };

export interface PageTests {
  /** this test's localcloud (after a `restart`, the new one) */
  readonly cloud: AppCloud;
  /** a cold start of the mini-program as a demo person, or again on a phone that already ran it */
  launch(route: string, who: DemoRole | Phone): Promise<MiniProgram>;
  /** stops localcloud and starts it again on the same data folder, as a server restart does */
  restart(): Promise<void>;
  /** the next database calls misbehave (localcloud's `POST /_dev/faults`) */
  injectFaults(spec: FaultSpec): Promise<void>;
  clearFaults(): Promise<void>;
}

export function usePageTests(): PageTests {
  let cloud: AppCloud | undefined;
  // made here and handed to localcloud, so a restart can reuse it and the test deletes it at the end
  let dataDir: string | undefined;
  const apps: MiniProgram[] = [];

  const current = (): AppCloud => {
    if (!cloud) throw new Error('localcloud is not running: use the fixture inside a test');
    return cloud;
  };
  const postFaults = async (body: object) => {
    const response = await fetch(`${current().lc.url}/_dev/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`/_dev/faults answered ${response.status}: ${await response.text()}`);
  };

  beforeEach(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'tongxing-pages-'));
    cloud = await startAppCloud({ dataDir });
  });

  afterEach(async () => {
    // a page's last cloud call answered before its phone closes and the test file's document goes: an answer that
    // arrived after jest tore the environment down drew into no document and crashed the whole run
    await Promise.all(apps.map((app) => settledWithin(app, 10_000)));
    for (const app of apps.splice(0)) app.exit();
    await cloud?.stop();
    cloud = undefined;
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  return {
    get cloud() {
      return current();
    },
    async launch(route, who) {
      const app = await MiniProgram.launch(route, {
        cloudUrl: () => current().lc.url,
        ...(typeof who === 'string' ? { openid: DEMO_OPENIDS[who] } : { phone: who }),
      });
      apps.push(app);
      return app;
    },
    async restart() {
      await current().stop();
      cloud = await startAppCloud({ dataDir });
    },
    injectFaults: (spec) => postFaults(spec),
    clearFaults: () => postFaults({ clear: true }),
  };
}

/** Waits up to `ms` for the app's cloud calls to be answered; a call still hanging then is the test's own business. */
async function settledWithin(app: MiniProgram, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const givenUp = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  await Promise.race([app.settled().catch(() => undefined), givenUp]);
  clearTimeout(timer);
}
