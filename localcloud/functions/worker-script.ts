import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build, version as esbuildVersion } from 'esbuild';

const workerSource = path.join(__dirname, 'worker.ts');
/** what the worker is built from: its own source and what it imports */
const workerSources = ['worker.ts', 'code-cache.ts', 'protocol.ts'].map((file) => path.join(__dirname, file));
/**
 * The worker runs on the functions' Node (`functionNode`), which may be older than localcloud's own: built for
 * Node 16, so any function Node from 16 up can host it.
 */
const WORKER_TARGET = 'node16';
let pending: Promise<string> | undefined;

/**
 * The path of `worker.ts` compiled to plain JS: `fork` starts a bare `node`, which cannot run TypeScript
 * (and must not inherit tsx's or jest's loaders). Built once per process, into a file named by the source's
 * hash so parallel jest workers and older localclouds share or keep their own copy without clashing.
 */
export function workerScript(): Promise<string> {
  pending ??= buildWorker().catch((error: unknown) => {
    pending = undefined;
    throw error;
  });
  return pending;
}

async function buildWorker(): Promise<string> {
  const hash = createHash('sha256');
  for (const file of workerSources) hash.update(readFileSync(file));
  const digest = hash.update(esbuildVersion).update(WORKER_TARGET).digest('hex').slice(0, 16);
  const outFile = path.join(localcloudCacheDir(), `worker-${digest}.js`);
  if (existsSync(outFile)) return outFile;
  const result = await build({
    entryPoints: [workerSource],
    platform: 'node',
    target: WORKER_TARGET,
    format: 'cjs',
    bundle: true,
    write: false,
    logLevel: 'silent',
  });
  const temp = `${outFile}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(temp, result.outputFiles[0].contents);
  renameSync(temp, outFile);
  return outFile;
}

/** V8's code cache of the function bundles (code-cache.ts): one folder for every localcloud on this checkout */
export function codeCacheDir(): string {
  if (!codeCache) {
    codeCache = path.join(localcloudCacheDir(), 'v8');
    mkdirSync(codeCache, { recursive: true });
  }
  return codeCache;
}
let codeCache: string | undefined;

/** localcloud's own cache: under node_modules/.cache, or the temp folder in a read-only checkout */
function localcloudCacheDir(): string {
  const candidates = [
    path.resolve(__dirname, '..', '..', 'node_modules', '.cache', 'localcloud'),
    path.join(os.tmpdir(), 'localcloud-cache'),
  ];
  for (const dir of candidates) {
    try {
      mkdirSync(dir, { recursive: true });
      return dir;
    } catch {
      // read-only checkout: fall through to the temp folder
    }
  }
  throw new Error('localcloud: no writable folder for the function worker script');
}
