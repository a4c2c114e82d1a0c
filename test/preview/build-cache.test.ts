/**
 * The preview's build is taken from disk while nothing it reads has changed (preview/build-cache.ts), and built
 * again after any change to what it reads. A small project stands in for ours: it cannot be built (no miniprogram_npm), so an answer
 * without an error came from the cache, and an error means a build was tried.
 */
import { mkdtempSync, mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cachedBuildPreview, type PreviewBuild } from '../../preview/bundle';
import { buildCacheFile } from '../../preview/build-cache';

let root: string;
/** the cache entry a test stored, removed after it */
let stored: string | undefined;

function write(file: string, text: string): void {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), text);
}

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'tongxing-build-cache-'));
  write('package-lock.json', '{"lockfileVersion":3}');
  write('miniprogram/app.json', '{"pages":["pages/home/index"]}');
  write('miniprogram/pages/home/index.wxml', '<view>首页</view>');
  write('preview/client/main.ts', 'export {};');
  write('scripts/prepare-miniprogram-npm.ts', 'export const v = 1;');
});

test('each step, and each of its options, is kept apart', () => {
  const files = [
    buildCacheFile(root, 'preview'),
    buildCacheFile(root, 'wcc', { maxBuffer: 1 }),
    buildCacheFile(root, 'wcc', { maxBuffer: 2 }),
  ];
  expect(new Set(files).size).toBe(3);
  expect(buildCacheFile(root, 'wcc', { maxBuffer: 1 })).toBe(files[1]);
});

afterEach(() => {
  if (stored) rmSync(stored, { force: true });
  rmSync(root, { recursive: true, force: true });
});

const build: PreviewBuild = {
  js: '/* stored */',
  sourceMap: '{}',
  manifest: { pages: [] } as never,
  builtAt: 1,
  durationMs: 2,
};

/** A build kept for the project as it is now. */
function storeBuild(): void {
  stored = buildCacheFile(root, 'preview');
  writeFileSync(stored, JSON.stringify(build));
}

test('an unchanged project gets the stored build, without building', async () => {
  storeBuild();
  await expect(cachedBuildPreview(root)).resolves.toEqual(build);
});

test.each([
  ['a page edited', () => write('miniprogram/pages/home/index.wxml', '<view>首页 </view>')],
  ['a page added', () => write('miniprogram/pages/mine/index.wxml', '<view>我的</view>')],
  ['the preview client edited', () => write('preview/client/main.ts', 'export const x = 1;')],
  ['the lockfile changed', () => write('package-lock.json', '{"lockfileVersion":3,"packages":{}}')],
  ['the UI library copy script changed', () => write('scripts/prepare-miniprogram-npm.ts', 'export const v = 2;')],
])('%s: built again', async (_change, change) => {
  storeBuild();
  change();
  await expect(cachedBuildPreview(root)).rejects.toThrow('miniprogram_npm is missing');
});

/** Where a step that reads only the mini-program (as wcc does) keeps its output for the project as it is now. */
function miniprogramOnlyStep(): string {
  return buildCacheFile(root, 'wcc', null, ['miniprogram']);
}

test('a step that reads only the mini-program is kept when the preview changes, and built again when a page does', () => {
  const before = miniprogramOnlyStep();
  write('preview/client/main.ts', 'export const x = 1;');
  expect(miniprogramOnlyStep()).toBe(before);
  write('miniprogram/pages/home/index.wxml', '<view>首页 </view>');
  expect(miniprogramOnlyStep()).not.toBe(before);
});

test('a file touched but not changed, node_modules and miniprogram_npm (made from the lockfile) keep the build', async () => {
  storeBuild();
  utimesSync(path.join(root, 'miniprogram/app.json'), new Date(), new Date(Date.now() + 5000));
  write('miniprogram/node_modules/x/index.js', 'module.exports = 1;');
  write('miniprogram/miniprogram_npm/tdesign-miniprogram/button/button.js', 'module.exports = 1;');
  write('miniprogram/packages/admin/miniprogram_npm/tdesign-miniprogram.tmp-123/x.js', 'module.exports = 1;');
  await expect(cachedBuildPreview(root)).resolves.toEqual(build);
});
