/** The preview follows app.json: main pages, subpackages, the tab bar, each page's window settings. */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readAppManifest } from '../../preview/app-manifest';

let root: string;

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'tongxing-manifest-'));
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

function write(file: string, value: unknown): void {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), JSON.stringify(value));
}

test('pages come from app.json: main package first, then each subpackage under its root', () => {
  write('app.json', {
    pages: ['pages/home/index', 'pages/mine/index'],
    subpackages: [{ root: 'packages/visit', pages: ['pages/book/index'] }],
    window: { navigationBarTitleText: '通行', backgroundColor: '#f3f3f3' },
    tabBar: { list: [{ pagePath: 'pages/home/index', text: '首页' }] },
  });
  write('pages/mine/index.json', { navigationBarTitleText: '我的', usingComponents: { 't-cell': '/x' } });
  const manifest = readAppManifest(root);
  expect(manifest.pages).toEqual(['pages/home/index', 'pages/mine/index', 'packages/visit/pages/book/index']);
  expect(manifest.windows['pages/home/index']).toEqual({ navigationBarTitleText: '通行', backgroundColor: '#f3f3f3' });
  expect(manifest.windows['pages/mine/index']).toEqual({ navigationBarTitleText: '我的', backgroundColor: '#f3f3f3' });
  expect(manifest.tabBar?.list.map((item) => item.pagePath)).toEqual(['pages/home/index']);
});

test('entryPagePath makes another page the first one', () => {
  write('app.json', { pages: ['pages/a/index', 'pages/b/index'], entryPagePath: 'pages/b/index' });
  expect(readAppManifest(root).pages).toEqual(['pages/b/index', 'pages/a/index']);
});
