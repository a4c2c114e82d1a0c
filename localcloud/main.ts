import path from 'node:path';
import { installPreview } from '../preview/server';
import { loadDemoCardSystem, loadDemoDataIfEmpty } from './demo';
import { startLocalcloud } from './index';

/**
 * `npm start`: localcloud on 127.0.0.1 with data in `.localcloud/` (LOCALCLOUD_DATA) on port
 * 8787 (LOCALCLOUD_PORT; 0 picks a free one), collections from `docs/database.json`
 * (LOCALCLOUD_MANIFEST), functions from `cloudfunctions/` (LOCALCLOUD_FUNCTIONS), and the demo
 * data loaded into an empty data folder (LOCALCLOUD_DEMO=0 to skip), and the browser preview of the
 * mini-program at /app/ (preview/), rebuilt when its sources change. Prints the URLs once it is listening.
 */
async function main(): Promise<void> {
  const projectRoot = path.resolve(__dirname, '..');
  const port = parsePort(process.env.LOCALCLOUD_PORT ?? '8787');
  const lc = await startLocalcloud({
    port,
    projectRoot,
    dataDir: process.env.LOCALCLOUD_DATA ? path.resolve(process.env.LOCALCLOUD_DATA) : undefined,
    manifestPath: process.env.LOCALCLOUD_MANIFEST ? path.resolve(process.env.LOCALCLOUD_MANIFEST) : undefined,
    functionsDir: process.env.LOCALCLOUD_FUNCTIONS ? path.resolve(process.env.LOCALCLOUD_FUNCTIONS) : undefined,
  });
  if (process.env.LOCALCLOUD_DEMO !== '0') {
    if (await loadDemoDataIfEmpty(lc.db, new Date(lc.clock.now()))) {
      console.log('loaded the demo data (server/demo/data.ts): the README lists who you can be');
    }
    loadDemoCardSystem(lc.cards);
  }
  const preview = installPreview(lc.server, {
    projectRoot,
    watch: true,
    onBuild: (outcome) =>
      console.log(
        'error' in outcome
          ? `[preview] build failed: ${outcome.error}`
          : `[preview] built ${outcome.pages} pages in ${outcome.durationMs} ms`,
      ),
  });
  console.log(`localcloud listening on ${lc.url}`);
  console.log(`  browser preview:            ${lc.url}/app/`);
  console.log(`  wire API for wx-server-sdk: ${lc.url}/tcb`);
  console.log(
    `  call a function:            curl -X POST ${lc.url}/fn/<name> -H 'X-WX-OPENID: <openid>' -d '{"action":"..."}'`,
  );
  console.log(`  data folder:                ${lc.dataDir}`);
  const stop = () => {
    preview.close();
    void lc.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`LOCALCLOUD_PORT must be a port number, got "${value}"`);
    process.exit(2);
  }
  return port;
}

main().catch((error: unknown) => {
  console.error('localcloud failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
