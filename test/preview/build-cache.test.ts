/**
 * The preview's build is taken from disk while nothing it reads has changed (preview/build-cache.ts), and built
 * again after any change. A small project stands in for ours: it cannot be built (no miniprogram_npm), so an answer
 * without an error came from the cache, and an error means a build was tried.
 */
import { mkdtempSync, mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PreviewBuild } from '../../preview/bundle';
import { cachedPreviewBuild, previewBuildCacheFile } from '../../preview/build-cache';

let root: string;

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
});

afterEach(() => {
  rmSync(previewBuildCacheFile(root), { force: true });
  rmSync(root, { recursive: true, force: true });
});

const stored: PreviewBuild = { js: '/* stored */', manifest: { pages: [] } as never, builtAt: 1, durationMs: 2 };

test('an unchanged project gets the stored build, without building', async () => {
  writeFileSync(previewBuildCacheFile(root), JSON.stringify(stored));
  await expect(cachedPreviewBuild(root)).resolves.toEqual(stored);
});

test.each([
  ['a page edited', () => write('miniprogram/pages/home/index.wxml', '<view>首页 </view>')],
  ['a file touched', () => utimesSync(path.join(root, 'miniprogram/app.json'), new Date(), new Date(Date.now() + 5000))],
  ['a page added', () => write('miniprogram/pages/mine/index.wxml', '<view>我的</view>')],
  ['the preview client edited', () => write('preview/client/main.ts', 'export const x = 1;')],
  ['the lockfile changed', () => write('package-lock.json', '{"lockfileVersion":3,"packages":{}}')],
])('%s: built again', async (_change, change) => {
  writeFileSync(previewBuildCacheFile(root), JSON.stringify(stored));
  change();
  await expect(cachedPreviewBuild(root)).rejects.toThrow('miniprogram_npm is missing');
});

test('node_modules and half-copied folders are not part of the project', async () => {
  writeFileSync(previewBuildCacheFile(root), JSON.stringify(stored));
  write('miniprogram/node_modules/x/index.js', 'module.exports = 1;');
  write('miniprogram/miniprogram_npm.tmp-123/x/index.js', 'module.exports = 1;');
  await expect(cachedPreviewBuild(root)).resolves.toEqual(stored);
});
