import path from 'node:path';
import type { Localcloud, LocalcloudOptions } from './index';

/**
 * What a process that runs localcloud reads from its environment: LOCALCLOUD_PORT (default 8787; 0 picks a free
 * one), LOCALCLOUD_DATA, LOCALCLOUD_MANIFEST and LOCALCLOUD_FUNCTIONS (paths, relative to the working directory),
 * LOCALCLOUD_HTTP_PATH_PASSTHROUGH (`1`: 路径透传 on for `/http/<name>` routes; unset or `0`: the route is stripped)
 * LOCALCLOUD_FUNCTION_NODE (the Node binary functions run on; default the one running localcloud) and
 * LOCALCLOUD_TIMERS (unset or `1`: timer triggers fire by the clock; `0`: only when fired by hand at /_dev/timers).
 * Shared by localcloud's own entry (main.ts) and any project's start script that adds its own pieces around it.
 */
export function optionsFromEnv(projectRoot: string, env: NodeJS.ProcessEnv = process.env): LocalcloudOptions {
  return {
    port: parsePort(env.LOCALCLOUD_PORT ?? '8787'),
    projectRoot,
    dataDir: resolved(env.LOCALCLOUD_DATA),
    manifestPath: resolved(env.LOCALCLOUD_MANIFEST),
    functionsDir: resolved(env.LOCALCLOUD_FUNCTIONS),
    httpPathPassthrough: parseSwitch('LOCALCLOUD_HTTP_PATH_PASSTHROUGH', env.LOCALCLOUD_HTTP_PATH_PASSTHROUGH),
    functionNode: resolved(env.LOCALCLOUD_FUNCTION_NODE),
    // a running project's timers fire as deployed ones do; tests start localcloud with them off
    timers: env.LOCALCLOUD_TIMERS === undefined || parseSwitch('LOCALCLOUD_TIMERS', env.LOCALCLOUD_TIMERS),
  };
}

/**
 * Prints where localcloud listens (tests and benchmarks wait for the `listening on` line) and closes it on
 * SIGINT/SIGTERM, after `beforeClose` (what the start script added: a preview's file watchers, say).
 */
export function serveUntilStopped(lc: Localcloud, extra: { lines?: string[]; beforeClose?: () => void } = {}): void {
  console.log(`localcloud listening on ${lc.url}`);
  for (const line of extra.lines ?? []) console.log(`  ${line}`);
  console.log(`  wire API for wx-server-sdk: ${lc.url}/tcb`);
  console.log(
    `  call a function:            curl -X POST ${lc.url}/fn/<name> -H 'X-WX-OPENID: <openid>' -d '{"action":"..."}'`,
  );
  console.log(`  data folder:                ${lc.dataDir}`);
  const stop = () => {
    extra.beforeClose?.();
    void lc.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

function resolved(value: string | undefined): string | undefined {
  return value ? path.resolve(value) : undefined;
}

function parseSwitch(name: string, value: string | undefined): boolean {
  if (value === undefined || value === '' || value === '0') return false;
  if (value === '1') return true;
  console.error(`${name} must be 1 or 0, got "${value}"`);
  process.exit(2);
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`LOCALCLOUD_PORT must be a port number, got "${value}"`);
    process.exit(2);
  }
  return port;
}
