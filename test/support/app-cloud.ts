import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO_OPENIDS } from '../../demo/identities';
import { startLocalcloud, type Localcloud, type LocalcloudOptions } from '../../localcloud';
import { loadDemoCardSystem, loadDemoDataIfEmpty } from '../../demo/load';

export { DEMO_OPENIDS };

export const repoRoot = path.resolve(__dirname, '..', '..');

/** How a call reaches the gateway besides who makes it. */
export interface CallOptions {
  /** the phone's address, `CLIENTIP` in getWXContext() (header `X-WX-CLIENTIP`); default 127.0.0.1 */
  clientIp?: string;
  /** who started the run, `SOURCE` in getWXContext() (header `X-WX-SOURCE`): `wx_trigger` for a timer; default wx_client */
  source?: string;
}

export interface AppCloud {
  lc: Localcloud;
  dataDir: string;
  /** closes localcloud; deletes the data folder unless it was given */
  stop(): Promise<void>;
  /** calls a function through the dev gateway as `openid` (undefined: anonymous) */
  call<T = unknown>(fn: string, event: unknown, openid?: string, options?: CallOptions): Promise<T>;
  /** the same, also reporting the database wire calls the invocation made */
  invoke<T = unknown>(
    fn: string,
    event: unknown,
    openid?: string,
    options?: CallOptions,
  ): Promise<{ body: T; dbCalls: number }>;
}

/** What startAppCloud starts: its data folder, and how localcloud behaves. */
export interface AppCloudOptions {
  dataDir?: string;
  localcloud?: Omit<LocalcloudOptions, 'projectRoot' | 'dataDir'>;
}

/**
 * The app on localcloud, as `npm start` runs it: the project's collection manifest, the built
 * `cloudfunctions/` bundles (jest's global setup builds them) and the demo data. Pass `dataDir`
 * to start again on the same data (a restart), and `localcloud` for how localcloud itself behaves (路径透传, or
 * `functionsDir` to run other bundles instead). The functions run on the Node in LOCALCLOUD_FUNCTION_NODE when it
 * is set (the functions project sets the platform's where it installs), else on this process's.
 */
export async function startAppCloud(options: AppCloudOptions = {}): Promise<AppCloud> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'tongxing-app-'));
  const lc = await startLocalcloud({
    functionNode: process.env.LOCALCLOUD_FUNCTION_NODE || undefined,
    ...options.localcloud,
    projectRoot: repoRoot,
    dataDir,
  });
  await loadDemoDataIfEmpty(lc.db, new Date(lc.clock.now()));
  loadDemoCardSystem(lc.cards);
  const invoke = async <T>(fn: string, event: unknown, openid?: string, callOptions: CallOptions = {}) => {
    const res = await fetch(`${lc.url}/fn/${fn}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(openid ? { 'x-wx-openid': openid } : {}),
        ...(callOptions.clientIp ? { 'x-wx-clientip': callOptions.clientIp } : {}),
        ...(callOptions.source ? { 'x-wx-source': callOptions.source } : {}),
      },
      body: JSON.stringify(event),
    });
    return { body: (await res.json()) as T, dbCalls: Number(res.headers.get('x-localcloud-db-calls')) };
  };
  return {
    lc,
    dataDir,
    invoke,
    async stop() {
      await lc.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
    async call<T>(fn: string, event: unknown, openid?: string, callOptions?: CallOptions): Promise<T> {
      return (await invoke<T>(fn, event, openid, callOptions)).body;
    },
  };
}

/**
 * One app on localcloud for a test file: started before its tests (startAppCloud), stopped after them. The handle
 * it returns stands for that app: its properties are read when a test or hook uses them, after the start, so it
 * can be kept at module scope and handed to the support helpers. A test file's own `beforeAll` declared after this
 * call runs once the app is up (to seed data, warm instances, set the clock). The options are read at the start, so
 * a function may give what an earlier `beforeAll` made (a folder of bundles). `setsLocalcloudUrl` puts localcloud's
 * address in this process's LOCALCLOUD_URL, as localcloud does for its functions, so that server code the test
 * runs itself (a device's secret, to sign as the device) takes the same development secrets.
 */
export function useAppCloud(options: UseAppCloudOptions | (() => UseAppCloudOptions) = {}): AppCloud {
  let started: AppCloud | undefined;
  const app = (): AppCloud => {
    if (!started) throw new Error('useAppCloud: the app is read before its beforeAll started it');
    return started;
  };
  beforeAll(async () => {
    const { setsLocalcloudUrl, ...start } = typeof options === 'function' ? options() : options;
    started = await startAppCloud(start);
    if (setsLocalcloudUrl) process.env.LOCALCLOUD_URL = started.lc.url;
  });
  afterAll(async () => {
    await started?.stop();
  });
  return {
    get lc() {
      return app().lc;
    },
    get dataDir() {
      return app().dataDir;
    },
    stop: () => app().stop(),
    call: <T>(fn: string, event: unknown, openid?: string, callOptions?: CallOptions) =>
      app().call<T>(fn, event, openid, callOptions),
    invoke: <T>(fn: string, event: unknown, openid?: string, callOptions?: CallOptions) =>
      app().invoke<T>(fn, event, openid, callOptions),
  };
}

export interface UseAppCloudOptions extends AppCloudOptions {
  /** also set LOCALCLOUD_URL in the test's own process to localcloud's address */
  setsLocalcloudUrl?: boolean;
}
