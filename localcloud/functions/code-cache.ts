import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

/**
 * A function's bundle loaded as `require` loads it, with V8's code cache kept on disk between instances.
 *
 * Each instance is a fresh process (a cold start), and about half of loading a bundle is V8 compiling its 0.7 MB
 * again (110 ms → 60 ms with the cache, measured on Node 18 and 20): the same bytes, every instance, every test.
 * Compiled code does not change what the function does: its module runs from the top in a new process exactly as
 * before, only without parsing what an earlier instance of the same bytes on the same Node already parsed. The
 * cache is keyed by the bundle's content and the Node that runs it, so a rebuilt bundle or another Node starts
 * afresh; V8 checks the cache itself and rejects one that does not fit (then the bundle compiles from source and
 * the cache is written again).
 *
 * Localcloud's own speed only: the benchmarks of cold start (scripts/bench-coldstart.ts) load bundles with plain
 * `require` in their own processes, as the platform does.
 */
export interface LoadedBundle {
  exports: unknown;
  /** writes the code cache if there was none that fitted: after the first invocation, so it holds what ran */
  keepCodeCache(): void;
}

export function loadBundle(file: string, cacheDir: string): LoadedBundle {
  const source = readFileSync(file, 'utf8');
  const key = createHash('sha256')
    .update(source)
    .update(`${process.version} ${process.arch} ${process.execArgv.join(' ')}`)
    .digest('hex')
    .slice(0, 24);
  const name = path.basename(path.dirname(file));
  const cacheFile = path.join(cacheDir, `${name}-${key}.v8`);
  const cachedData = readIfThere(cacheFile);
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  const wrapper = script.runInThisContext() as CommonJsWrapper;

  // the module as `require(file)` makes it: in require.cache, resolving from the bundle's folder
  const module = new Module(file);
  module.filename = file;
  module.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(
    path.dirname(file),
  );
  const requireFromBundle = createRequire(file);
  requireFromBundle.cache[file] = module;
  wrapper.call(module.exports, module.exports, requireFromBundle, module, file, path.dirname(file));
  module.loaded = true;

  let kept = cachedData !== undefined && !script.cachedDataRejected;
  return {
    exports: module.exports,
    keepCodeCache() {
      if (kept) return;
      kept = true;
      writeAtomically(cacheFile, script.createCachedData());
      pruneOlder(cacheDir, `${name}-`);
    },
  };
}

type CommonJsWrapper = (
  this: unknown,
  exports: unknown,
  require: NodeJS.Require,
  module: Module,
  filename: string,
  dirname: string,
) => void;

function readIfThere(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Several instances may write the same cache at once: each writes its own file and renames it into place. */
function writeAtomically(file: string, data: Buffer): void {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, data);
    renameSync(temp, file);
  } catch {
    // a read-only or vanished folder: the next instance compiles from source, as without a cache
  }
}

/** How many caches of one function are kept: the bundles of a few recent builds, on each Node that runs them. */
const KEPT_PER_FUNCTION = 4;

/** Every build of a bundle makes a new cache file: only the newest few of a function stay. */
function pruneOlder(dir: string, prefix: string): void {
  try {
    const caches = readdirSync(dir)
      .filter((file) => file.startsWith(prefix) && file.endsWith('.v8'))
      .map((file) => ({ file: path.join(dir, file), mtimeMs: statSync(path.join(dir, file)).mtimeMs }))
      .sort((a, b) => b.mtimeMs - a.mtimeMs);
    for (const old of caches.slice(KEPT_PER_FUNCTION)) rmSync(old.file, { force: true });
  } catch {
    // another instance pruned at the same moment: whatever is left is pruned next time
  }
}
