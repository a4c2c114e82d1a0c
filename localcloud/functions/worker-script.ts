import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build, version as esbuildVersion } from 'esbuild';

const workerSource = path.join(__dirname, 'worker.ts');
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
  const source = readFileSync(workerSource);
  const hash = createHash('sha256')
    .update(source)
    .update(esbuildVersion)
    .update(WORKER_TARGET)
    .digest('hex')
    .slice(0, 16);
  const outFile = path.join(cacheDir(), `worker-${hash}.js`);
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

function cacheDir(): string {
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
