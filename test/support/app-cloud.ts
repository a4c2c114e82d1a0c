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

/**
 * The app on localcloud, as `npm start` runs it: the project's collection manifest, the built
 * `cloudfunctions/` bundles (jest's global setup builds them) and the demo data. Pass `dataDir`
 * to start again on the same data (a restart), and `localcloud` for how localcloud itself behaves (路径透传, or
 * `functionsDir` to run other bundles instead). The functions run on the Node in LOCALCLOUD_FUNCTION_NODE when it
 * is set (the functions-node18 project sets the platform's), else on this process's.
 */
export async function startAppCloud(
  options: { dataDir?: string; localcloud?: Omit<LocalcloudOptions, 'projectRoot' | 'dataDir'> } = {},
): Promise<AppCloud> {
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
