import path from 'node:path';
import { loadDemoCardSystem, loadDemoDataIfEmpty } from '../demo/load';
import { startLocalcloud, type Localcloud, type LocalcloudOptions } from '../localcloud';
import { installPreview, type Preview, type PreviewOptions } from '../preview/server';

export const projectRoot = path.resolve(__dirname, '..');

export interface RunningApp {
  lc: Localcloud;
  preview: Preview;
  /** the browser preview's address (`…/app/`) */
  url: string;
  /** whether the demo data went into an empty data folder this time */
  demoLoaded: boolean;
  stop(): Promise<void>;
}

/**
 * The app put together, as `npm start` runs it and `npm run screenshots` uses it: localcloud on this project, the
 * demo data when the data folder is empty (unless `demo` is false), and the browser preview at /app/.
 */
export async function startApp(options: {
  localcloud?: LocalcloudOptions;
  demo?: boolean;
  /** with the demo, its visits too (demo/visits.ts): `npm start` has them, the screenshots start without */
  demoVisits?: boolean;
  preview?: Omit<PreviewOptions, 'projectRoot'>;
}): Promise<RunningApp> {
  const lc = await startLocalcloud({ projectRoot, ...options.localcloud });
  let demoLoaded = false;
  if (options.demo !== false) {
    demoLoaded = await loadDemoDataIfEmpty(lc.db, new Date(lc.clock.now()), { visits: options.demoVisits });
    loadDemoCardSystem(lc.cards);
  }
  const preview = installPreview(lc.server, { projectRoot, ...options.preview });
  return {
    lc,
    preview,
    url: `${lc.url}/app/`,
    demoLoaded,
    async stop() {
      preview.close();
      await lc.close();
    },
  };
}
