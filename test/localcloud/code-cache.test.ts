import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { codeCacheDir } from '../../localcloud/functions/worker-script';
import { startTestCloud, type TestCloud } from './harness';

// A function's bundle is loaded with V8's code cache (localcloud/functions/code-cache.ts): only faster, never
// different. Each test's function has a name of its own, since the cache folder is shared by every localcloud.

const BUNDLE = `
const loadedAt = Math.random();
const sibling = require('./sibling.js');
exports.main = async () => ({
  loadedAt,
  filename: __filename,
  dirname: __dirname,
  inRequireCache: require.cache[__filename] === module,
  exportsIsModuleExports: exports === module.exports,
  sibling: sibling.value,
  resolved: require.resolve('./sibling.js'),
  builtIn: typeof require('node:crypto').randomUUID,
});
`;

let functionsDir: string;
let name: string;

beforeEach(() => {
  functionsDir = mkdtempSync(path.join(os.tmpdir(), 'localcloud-code-cache-'));
  name = `probe-${randomUUID().slice(0, 8)}`;
  mkdirSync(path.join(functionsDir, name));
  writeFunction(BUNDLE);
  writeFileSync(path.join(functionsDir, name, 'sibling.js'), 'exports.value = 42;\n');
});

afterEach(() => {
  rmSync(functionsDir, { recursive: true, force: true });
  for (const file of cacheFiles()) rmSync(file, { force: true });
});

function writeFunction(source: string): void {
  writeFileSync(path.join(functionsDir, name, 'index.js'), source);
}

function cacheFiles(): string[] {
  return readdirSync(codeCacheDir())
    .filter((file) => file.startsWith(`${name}-`))
    .map((file) => path.join(codeCacheDir(), file));
}

/** One cold start: a fresh localcloud, so a fresh instance, and its first invocation. */
async function coldStart(): Promise<Record<string, unknown>> {
  let lc: TestCloud | undefined;
  try {
    lc = await startTestCloud({ functionsDir });
    const result = await lc.functions.invoke(name, {}, { source: 'wx_http' });
    if (!result.ok) throw new Error(`invocation failed: ${result.code} ${result.message}`);
    return result.result as Record<string, unknown>;
  } finally {
    await lc?.stop();
  }
}

test('a bundle loads as require loads it, and every instance runs its top level afresh', async () => {
  const first = await coldStart();
  const bundle = path.join(functionsDir, name, 'index.js');
  expect(first).toEqual({
    loadedAt: expect.any(Number),
    filename: bundle,
    dirname: path.dirname(bundle),
    inRequireCache: true,
    exportsIsModuleExports: true,
    sibling: 42,
    resolved: path.join(functionsDir, name, 'sibling.js'),
    builtIn: 'function',
  });
  const second = await coldStart();
  expect({ ...second, loadedAt: 0 }).toEqual({ ...first, loadedAt: 0 });
  expect(second.loadedAt).not.toBe(first.loadedAt);
});

test('the first instance writes the cache, the next ones use it without writing it again', async () => {
  await coldStart();
  const [cache, ...others] = cacheFiles();
  expect(others).toEqual([]);
  const written = statSync(cache).mtimeMs;
  await coldStart();
  expect(cacheFiles()).toEqual([cache]);
  expect(statSync(cache).mtimeMs).toBe(written);
});

test('a damaged cache is refused by V8: the bundle compiles from source, answers as ever, and the cache is mended', async () => {
  const answer = await coldStart();
  const [cache] = cacheFiles();
  const garbage = Buffer.from('not V8 code cache at all');
  writeFileSync(cache, garbage);
  expect({ ...(await coldStart()), loadedAt: 0 }).toEqual({ ...answer, loadedAt: 0 });
  expect(readFileSync(cache).equals(garbage)).toBe(false);
});

test('a rebuilt bundle has a cache of its own, and runs its new code', async () => {
  await coldStart();
  const [before] = cacheFiles();
  writeFunction(`${BUNDLE}\nexports.main = async () => ({ rebuilt: true });\n`);
  expect(await coldStart()).toEqual({ rebuilt: true });
  const after = cacheFiles();
  expect(after).toHaveLength(2);
  expect(after).toContain(before);
});
