/**
 * The pages and every component they use (theirs, then the components' own, TDesign included), found by
 * following `usingComponents` from app.json's pages, and the files miniprogram-simulate reads for each: its
 * `.json`, its `.wxss` (see wxss.ts) and its code. Paths are absolute from the mini-program root
 * (`/pages/home/index`, `/miniprogram_npm/tdesign-miniprogram/button/button`), the way simulate joins them in a
 * browser.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { readJsonFile, type AppManifest } from './app-manifest';
import { dropRemoteFonts, readWxss, rewriteSelectors } from './wxss';

export interface ComponentSource {
  /** `/pages/home/index` */
  path: string;
  /** the file that holds its code (`index.ts` or `index.js`) */
  codeFile: string;
  page: boolean;
}

export interface ComponentSet {
  components: ComponentSource[];
  /** what simulate reads in the browser (`window.__FILE_MAP__`): `<path>.json` and `<path>.wxss` */
  files: Record<string, string>;
}

interface ComponentJson {
  usingComponents?: Record<string, string>;
  [key: string]: unknown;
}

export function collectComponents(miniprogramRoot: string, manifest: AppManifest): ComponentSet {
  const appWxss = readWxss(path.join(miniprogramRoot, 'app.wxss'), miniprogramRoot);
  const components: ComponentSource[] = [];
  const files: Record<string, string> = {};
  const visit = (componentPath: string, page: boolean) => {
    if (files[`${componentPath}.json`] !== undefined) return;
    const base = path.join(miniprogramRoot, componentPath);
    const json: ComponentJson = existsSync(`${base}.json`) ? readJsonFile<ComponentJson>(`${base}.json`) : {};
    // app.json's usingComponents are global: WeChat offers them on every page
    const using = { ...(page ? manifest.usingComponents : {}), ...json.usingComponents };
    files[`${componentPath}.json`] = JSON.stringify({ ...json, usingComponents: using });
    // app.wxss applies to pages (not inside components, which WeChat isolates): it goes first in each page's sheet
    const own = readWxss(`${base}.wxss`, miniprogramRoot);
    files[`${componentPath}.wxss`] = rewriteSelectors(dropRemoteFonts(page ? `${appWxss}\n${own}` : own));
    components.push({ path: componentPath, codeFile: codeFileOf(base), page });
    for (const target of Object.values(using)) {
      if (target.startsWith('plugin://')) continue;
      const resolved = target.startsWith('/')
        ? path.posix.normalize(target)
        : path.posix.join(path.posix.dirname(componentPath), target);
      if (existsSync(path.join(miniprogramRoot, `${resolved}.json`))) visit(resolved, false);
    }
  };
  for (const route of manifest.pages) visit(`/${route}`, true);
  return { components, files };
}

function codeFileOf(base: string): string {
  for (const extension of ['.ts', '.js']) {
    if (existsSync(`${base}${extension}`)) return `${base}${extension}`;
  }
  throw new Error(`${base}: no .ts or .js beside its .json`);
}
