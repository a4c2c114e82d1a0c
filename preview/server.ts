/**
 * Serves the browser preview on localcloud's port (installed by scripts/start.ts and the end-to-end tests):
 *
 * | GET                 | what                                                                    |
 * | ------------------- | ----------------------------------------------------------------------- |
 * | `/app/`             | the preview page: toolbar, phone, dev panel                             |
 * | `/app/app.js`       | the bundle (bundle.ts), built at start and again when a source changes |
 * | `/app/app.js.map`   | its source map (the browser's developer tools read it)                  |
 * | `/app/build`        | `{ builtAt, durationMs, error? }`: the page polls it to reload          |
 * | `/app/preview.css`, `/app/icons.css`, `/app/icons/<name>.svg` | the frame's styles and TDesign's icons |
 * | `/app/mp/<path>`    | files of the mini-program (images named by absolute paths in pages)     |
 *
 * An unchanged project's build is taken from disk (build-cache.ts). A failed rebuild keeps the last good bundle
 * and reports the error (the page shows it in the toolbar).
 */
import { existsSync, readdirSync, readFileSync, statSync, watch, type FSWatcher } from 'node:fs';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import type { Route } from '../localcloud';
import { cachedBuildPreview, type PreviewBuild } from './bundle';
import { iconStylesheet, iconSvg } from './icons';

export interface PreviewOptions {
  projectRoot: string;
  /** rebuild when a file under miniprogram/ or preview/client/ changes (npm start); off in tests */
  watch?: boolean;
  /** told about each build: `npm start` prints it */
  onBuild?: (outcome: { durationMs: number; pages: number; cached: boolean } | { error: string }) => void;
}

export interface Preview {
  /** the current build (waits for the first one) */
  ready(): Promise<PreviewBuild>;
  rebuild(): Promise<void>;
  close(): void;
}

const RELOAD_DEBOUNCE_MS = 150;
const IGNORED_FOLDERS = new Set(['miniprogram_npm', 'node_modules']);
const CONTENT_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.webp': 'image/webp',
};

export function installPreview(server: { routes: Route[] }, options: PreviewOptions): Preview {
  const { projectRoot } = options;
  let current: Promise<PreviewBuild> | undefined;
  let lastError: string | undefined;
  let icons: string | undefined;

  const rebuild = async () => {
    const started = Date.now();
    const attempt = cachedBuildPreview(projectRoot);
    try {
      const build = await attempt;
      current = attempt;
      lastError = undefined;
      // a build made before this one started came from the cache: its durationMs is the time it took back then
      const cached = build.builtAt < started;
      options.onBuild?.({ durationMs: build.durationMs, pages: build.manifest.pages.length, cached });
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
      options.onBuild?.({ error: lastError });
      current ??= attempt;
    }
  };
  const first = rebuild();
  const ready = async () => {
    await first;
    if (!current) throw new Error(lastError ?? 'the preview has not been built');
    return current;
  };

  const watchers = new Map<string, FSWatcher>();
  if (options.watch) {
    let timer: NodeJS.Timeout | undefined;
    const schedule = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void rebuild(), RELOAD_DEBOUNCE_MS);
    };
    const watchDir = (dir: string, recursive: boolean) => {
      if (watchers.has(dir) || !existsSync(dir)) return;
      const watcher = watch(dir, { recursive }, () => schedule());
      // a folder removed under a recursive watch (Node 20 on Linux) must not stop localcloud
      watcher.on('error', () => {
        watcher.close();
        watchers.delete(dir);
      });
      watchers.set(dir, watcher);
    };
    // miniprogram_npm is left out: it changes only when `npm run build` copies the library in again
    const miniprogramRoot = path.join(projectRoot, 'miniprogram');
    const watchSources = () => {
      for (const entry of readdirSync(miniprogramRoot, { withFileTypes: true })) {
        if (entry.isDirectory() && !IGNORED_FOLDERS.has(entry.name) && !entry.name.includes('.tmp-')) {
          watchDir(path.join(miniprogramRoot, entry.name), true);
        }
      }
    };
    watchSources();
    const root = watch(miniprogramRoot, () => {
      watchSources();
      schedule();
    });
    root.on('error', () => root.close());
    watchers.set(miniprogramRoot, root);
    watchDir(path.join(__dirname, 'client'), true);
  }

  server.routes.push({
    method: 'GET',
    prefix: '/app',
    async handle(_req, res, url) {
      const rest = url.pathname.slice('/app'.length);
      if (rest === '' || rest === '/') {
        if (rest === '') {
          res.writeHead(301, { location: '/app/' });
          res.end();
          return;
        }
        try {
          await ready();
          send(res, 'text/html; charset=utf-8', PAGE);
        } catch (error) {
          res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
          res.end(`the preview could not be built:\n${error instanceof Error ? error.message : String(error)}`);
        }
      } else if (rest === '/app.js') {
        send(res, 'text/javascript; charset=utf-8', (await ready()).js);
      } else if (rest === '/app.js.map') {
        send(res, 'application/json', (await ready()).sourceMap);
      } else if (rest === '/build') {
        const build = await ready().catch(() => undefined);
        send(
          res,
          'application/json',
          JSON.stringify({ builtAt: build?.builtAt, durationMs: build?.durationMs, error: lastError }),
        );
      } else if (rest === '/preview.css') {
        send(res, 'text/css; charset=utf-8', readFileSync(path.join(__dirname, 'client', 'preview.css')));
      } else if (rest === '/icons.css') {
        icons ??= iconStylesheet(projectRoot);
        send(res, 'text/css; charset=utf-8', icons, 'max-age=3600');
      } else if (rest.startsWith('/icons/')) {
        const svg = iconSvg(projectRoot, rest.slice('/icons/'.length).replace(/\.svg$/, ''));
        if (svg) send(res, 'image/svg+xml', svg, 'max-age=3600');
        else notFound(res, rest);
      } else if (rest.startsWith('/mp/')) {
        serveMiniprogramFile(res, path.join(projectRoot, 'miniprogram'), decodeURIComponent(rest.slice(4)));
      } else {
        notFound(res, url.pathname);
      }
    },
  });

  return {
    ready,
    rebuild,
    close() {
      for (const watcher of watchers.values()) watcher.close();
    },
  };
}

function serveMiniprogramFile(res: ServerResponse, root: string, relative: string): void {
  const file = path.resolve(root, relative);
  const type = CONTENT_TYPES[path.extname(file).toLowerCase()];
  if (!file.startsWith(root + path.sep) || !type || !existsSync(file) || !statSync(file).isFile()) {
    notFound(res, relative);
    return;
  }
  send(res, type, readFileSync(file));
}

function send(res: ServerResponse, type: string, body: string | Buffer, cache = 'no-store'): void {
  res.writeHead(200, { 'content-type': type, 'content-length': Buffer.byteLength(body), 'cache-control': cache });
  res.end(body);
}

function notFound(res: ServerResponse, what: string): void {
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(`not found: ${what}`);
}

const PAGE = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<link rel="icon" href="data:,">
<title>通行 · 浏览器预览</title>
<link rel="stylesheet" href="/app/preview.css">
<link rel="stylesheet" href="/app/icons.css">
</head>
<body>
<script src="/app/app.js"></script>
</body>
</html>
`;
