/**
 * What the preview needs from `miniprogram/app.json`, read anew on every build: the pages (main package and
 * subpackages, in app.json's order: the first is where the mini-program starts), the tab bar, the window
 * defaults, and each page's own window settings from its `.json`. Nothing here lists pages by hand: a page
 * added to app.json appears in the preview on the next build.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { AppManifest, TabBarConfig, WindowConfig } from './manifest-types';

export type { AppManifest, TabBarConfig, TabBarItem, WindowConfig } from './manifest-types';

interface AppJson {
  pages?: string[];
  entryPagePath?: string;
  subpackages?: Array<{ root: string; pages?: string[] }>;
  subPackages?: Array<{ root: string; pages?: string[] }>;
  window?: WindowConfig;
  tabBar?: TabBarConfig;
  usingComponents?: Record<string, string>;
}

export function readJsonFile<T>(file: string): T {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch (error) {
    throw new Error(`${file}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

export function readAppManifest(miniprogramRoot: string): AppManifest {
  const app = readJsonFile<AppJson>(path.join(miniprogramRoot, 'app.json'));
  const main = app.pages ?? [];
  const subpackages = app.subpackages ?? app.subPackages ?? [];
  const pages = [
    ...main,
    ...subpackages.flatMap((sub) => (sub.pages ?? []).map((page) => path.posix.join(sub.root, page))),
  ].map((route) => route.replace(/^\//, ''));
  if (app.entryPagePath) {
    const entry = app.entryPagePath.replace(/^\//, '');
    pages.splice(pages.indexOf(entry), pages.includes(entry) ? 1 : 0);
    pages.unshift(entry);
  }
  if (pages.length === 0) throw new Error('app.json lists no pages');

  const windows: Record<string, WindowConfig> = {};
  for (const route of pages) {
    const file = path.join(miniprogramRoot, `${route}.json`);
    const own = existsSync(file) ? readJsonFile<WindowConfig & { usingComponents?: unknown }>(file) : {};
    const { usingComponents: _ignored, ...pageWindow } = own;
    windows[route] = { ...app.window, ...pageWindow };
  }
  return { pages, windows, tabBar: app.tabBar, usingComponents: app.usingComponents ?? {} };
}
