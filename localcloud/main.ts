import { optionsFromEnv, serveUntilStopped } from './cli';
import { startLocalcloud } from './index';

/**
 * localcloud on its own (`tsx localcloud/main.ts`): 127.0.0.1, the project in the working directory — data in
 * `.localcloud/`, collections from `docs/database.json`, functions from `cloudfunctions/`, each overridable as
 * cli.ts lists. It loads no data and serves nothing but the cloud: a project's own start script (ours is
 * scripts/start.ts) adds demo data or a preview around `startLocalcloud`.
 */
startLocalcloud(optionsFromEnv(process.cwd()))
  .then((lc) => serveUntilStopped(lc))
  .catch((error: unknown) => {
    console.error('localcloud failed to start:', error instanceof Error ? error.message : error);
    process.exit(1);
  });
