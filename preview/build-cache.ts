/**
 * Slow, pure build steps kept on disk under a hash of everything they read: the content of each file under
 * miniprogram/ and preview/, and for TDesign's copy in miniprogram_npm/ (made from node_modules by `npm run build`,
 * 35 MB to read) what it is made from instead — the lockfile and the script that makes it. The preview's build
 * (bundle.ts: wcc over every template and one esbuild bundle, about 3 s) is made by every end-to-end test's
 * preview, the screenshots and `npm start`; wcc alone by every page-test file (test/pages/support/cached-wcc.ts);
 * miniprogram-ci's compile (about 20 s) by `npm run size` and its test (scripts/size.ts). With the cache only the
 * first of them after a change does the work. A hand edit inside miniprogram_npm/ is not
 * seen: run `npm run build` after one, as DevTools' 构建 npm would need.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const CACHE_DIR = path.join(os.tmpdir(), 'tongxing-preview-builds');
/** entries kept: a few checkouts of the project on one machine, each with its preview, wcc and miniprogram-ci builds */
const KEPT_ENTRIES = 12;

/**
 * Where the output of step `name` (with `options`, if any) for the project as it is now is kept. `folders`: what
 * the step reads of the project besides the UI library's copy — the preview's build reads preview/ too; wcc and
 * miniprogram-ci read only the mini-program, so an edit of the preview does not compile them again.
 */
export function buildCacheFile(
  projectRoot: string,
  name: string,
  options: unknown = null,
  folders: readonly string[] = ['miniprogram', 'preview'],
): string {
  const hash = createHash('sha256');
  hash.update(`${name}\0${JSON.stringify(options)}\n`);
  for (const folder of folders) {
    for (const file of filesUnder(path.join(projectRoot, folder))) {
      hash.update(`${path.relative(projectRoot, file)}\0`);
      hash.update(readFileSync(file));
    }
  }
  for (const file of ['package-lock.json', 'scripts/prepare-miniprogram-npm.ts']) {
    hash.update(readFileSync(path.join(projectRoot, file)));
  }
  return path.join(CACHE_DIR, `${name}-${hash.digest('hex').slice(0, 32)}.json`);
}

/** What was kept in `file`; undefined when nothing is (not built yet, or pruned by another process just now). */
export function readBuildCache<T>(file: string): T | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

/** Keeps `value` in `file`: written whole under another name and renamed, so a parallel process never reads half. */
export function writeBuildCache(file: string, value: unknown): void {
  mkdirSync(CACHE_DIR, { recursive: true });
  const partial = `${file}.${process.pid}.tmp`;
  writeFileSync(partial, JSON.stringify(value));
  renameSync(partial, file);
  pruneOldEntries();
}

/** Files in `dir`, sorted, leaving out what node_modules and prepare-miniprogram-npm put there. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((entry) => {
      if (entry.name === 'node_modules' || entry.name.startsWith('miniprogram_npm')) return [];
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? filesUnder(full) : [full];
    });
}

function pruneOldEntries(): void {
  const entries = readdirSync(CACHE_DIR)
    .filter((name) => name.endsWith('.json'))
    .map((name) => {
      const full = path.join(CACHE_DIR, name);
      try {
        return { full, at: statSync(full).mtimeMs };
      } catch {
        return undefined;
      }
    })
    .filter((entry) => entry !== undefined)
    .sort((a, b) => b.at - a.at);
  for (const old of entries.slice(KEPT_ENTRIES)) rmSync(old.full, { force: true });
}
