/**
 * The preview's build (bundle.ts: wcc over every template and one esbuild bundle, about 3 s) kept on disk under a
 * fingerprint of everything it reads: each file under miniprogram/ and preview/ by path, size and modification
 * time, and the lockfile for what comes from node_modules. Every end-to-end test starts its own preview and the
 * screenshots and `npm start` one each: with the cache only the first of them after a change builds. A change to
 * any of those files (an edit, `npm run build` copying TDesign afresh) is a new fingerprint and so a new build.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildPreview, type PreviewBuild } from './bundle';

const CACHE_DIR = path.join(os.tmpdir(), 'tongxing-preview-builds');
/** builds kept: a few checkouts of the project on one machine each keep theirs */
const KEPT_BUILDS = 4;

/** Where the build of the project as it is now is kept. */
export function previewBuildCacheFile(projectRoot: string): string {
  return path.join(CACHE_DIR, `${fingerprint(projectRoot)}.json`);
}

export async function cachedPreviewBuild(projectRoot: string): Promise<PreviewBuild> {
  const file = previewBuildCacheFile(projectRoot);
  const cached = readCached(file);
  if (cached) return cached;
  const build = await buildPreview(projectRoot);
  mkdirSync(CACHE_DIR, { recursive: true });
  // written whole under another name and then renamed: a parallel test process never reads half a build
  const partial = `${file}.${process.pid}.tmp`;
  writeFileSync(partial, JSON.stringify(build));
  renameSync(partial, file);
  pruneOldBuilds();
  return build;
}

function readCached(file: string): PreviewBuild | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as PreviewBuild;
  } catch {
    // not built yet, or pruned by another process just now
    return undefined;
  }
}

function fingerprint(projectRoot: string): string {
  const hash = createHash('sha256');
  for (const folder of ['miniprogram', 'preview']) {
    for (const file of filesUnder(path.join(projectRoot, folder))) {
      const { size, mtimeMs } = statSync(file);
      hash.update(`${path.relative(projectRoot, file)}\0${size}\0${mtimeMs}\n`);
    }
  }
  hash.update(readFileSync(path.join(projectRoot, 'package-lock.json')));
  return hash.digest('hex').slice(0, 32);
}

/** Files in `dir`, sorted: not node_modules, nor the half-copied `*.tmp-<pid>` folders of prepare-miniprogram-npm. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((entry) => {
      if (entry.name === 'node_modules' || entry.name.includes('.tmp-')) return [];
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? filesUnder(full) : [full];
    });
}

function pruneOldBuilds(): void {
  const builds = readdirSync(CACHE_DIR)
    .filter((name) => name.endsWith('.json'))
    .map((name) => {
      const full = path.join(CACHE_DIR, name);
      try {
        return { full, at: statSync(full).mtimeMs };
      } catch {
        return undefined;
      }
    })
    .filter((build) => build !== undefined)
    .sort((a, b) => b.at - a.at);
  for (const old of builds.slice(KEPT_BUILDS)) rmSync(old.full, { force: true });
}
