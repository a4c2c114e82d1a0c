import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalcloud, type Localcloud, type LocalcloudOptions } from '../../localcloud';
import { databaseOf, type Command, type Database } from '../../server/platform/db-types';
import { buildFixtureFunctions } from './fixtures/functions/build';
import { sdkFor, type WxServerSdk } from '../support/sdk';

export { sdkFor, type WxServerSdk };

export const repoRoot = path.resolve(__dirname, '..', '..');

export interface TestCloud extends Localcloud {
  /** closes localcloud and deletes its data folder */
  stop(): Promise<void>;
}

/** A localcloud on a free port with its own temporary data folder. */
export async function startTestCloud(options: LocalcloudOptions = {}): Promise<TestCloud> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'localcloud-test-'));
  const lc = await startLocalcloud({
    projectRoot: repoRoot,
    manifestPath: path.join(__dirname, 'fixtures', 'database.json'),
    functionsDir: path.join(__dirname, 'fixtures', 'no-functions'),
    ...options,
    dataDir,
  });
  return Object.assign(lc, {
    async stop() {
      await lc.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  });
}

/** What a test file's localcloud gives its tests. */
export interface StartedTestCloud {
  lc: TestCloud;
  /** the folder of built fixture functions (with `fixtureFunctions`) */
  functionsDir: string;
  /** the real wx-server-sdk pointed at `lc`, its database, and the database's command (`_`) */
  sdk: WxServerSdk;
  db: Database;
  _: Command;
}

/**
 * One localcloud for a test file: started before its tests, then handed to `onStart` (which keeps what the tests
 * use, and may seed data); stopped after them, its data folder and built functions deleted. `fixtureFunctions`
 * bundles test/localcloud/fixtures/functions first, which takes a while on a loaded machine. The SDK is set up only
 * when `onStart` reads `sdk`, `db` or `_`: pointing it at localcloud sets process-wide environment variables.
 */
export function useTestCloud(
  onStart: (started: StartedTestCloud) => void | Promise<void>,
  options: { fixtureFunctions?: boolean } = {},
): void {
  let lc: TestCloud | undefined;
  let functionsDir: string | undefined;
  beforeAll(
    async () => {
      if (options.fixtureFunctions) functionsDir = await buildFixtureFunctions();
      const started = await startTestCloud(functionsDir ? { functionsDir } : {});
      lc = started;
      let sdk: WxServerSdk | undefined;
      let db: Database | undefined;
      const sdkOnce = () => (sdk ??= sdkFor(started));
      const dbOnce = () => (db ??= databaseOf(sdkOnce()));
      await onStart({
        lc: started,
        get functionsDir() {
          if (!functionsDir) throw new Error('useTestCloud: no fixture functions were asked for');
          return functionsDir;
        },
        get sdk() {
          return sdkOnce();
        },
        get db() {
          return dbOnce();
        },
        get _() {
          return dbOnce().command;
        },
      });
    },
    options.fixtureFunctions ? 120_000 : undefined,
  );
  afterAll(async () => {
    await lc?.stop();
    if (functionsDir) rmSync(functionsDir, { recursive: true, force: true });
  });
}
