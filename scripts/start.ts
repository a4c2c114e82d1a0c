import { optionsFromEnv, serveUntilStopped } from '../localcloud';
import { projectRoot, startApp } from './app';

/**
 * `npm start`: the app (app.ts: localcloud, the demo data in an empty data folder, the browser preview) with
 * localcloud configured from the environment as localcloud/cli.ts reads it, LOCALCLOUD_DEMO=0 to load no demo
 * data, and the preview rebuilt whenever its sources change.
 */
async function main(): Promise<void> {
  const app = await startApp({
    localcloud: optionsFromEnv(projectRoot),
    demo: process.env.LOCALCLOUD_DEMO !== '0',
    demoVisits: true,
    preview: {
      watch: true,
      onBuild: (outcome) =>
        console.log(
          'error' in outcome
            ? `[preview] build failed: ${outcome.error}`
            : outcome.cached
              ? `[preview] ${outcome.pages} pages, unchanged since their build (from the build cache)`
              : `[preview] built ${outcome.pages} pages in ${outcome.durationMs} ms`,
        ),
    },
  });
  if (app.demoLoaded) console.log('loaded the demo data (demo/data.ts): the README lists who you can be');
  serveUntilStopped(app.lc, {
    lines: [`browser preview:            ${app.url}`],
    beforeClose: () => app.preview.close(),
  });
}

main().catch((error: unknown) => {
  console.error('npm start failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
