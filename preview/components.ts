/**
 * The pages and every component they use (theirs, then the components' own, TDesign included), found by
 * following `usingComponents` from app.json's pages, and the files miniprogram-simulate reads for each: its
 * `.json`, its `.wxss` (see wxss.ts) and its code. Paths are absolute from the mini-program root
 * (`/pages/home/index`, `/miniprogram_npm/tdesign-miniprogram/button/button`), the way simulate joins them in a
 * browser.
 */
import { existsSync, readFileSync } from 'node:fs';
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

/** `<import src>`, `<include src>` and `<wxs src>` in a template; `require('…')` in a WXS module. */
const TEMPLATE_REFERENCE = /<(?:import|include|wxs)\b[^>]*?\bsrc\s*=\s*["']([^"']+)["']/g;
const WXS_REQUIRE = /\brequire\(\s*["']([^"']+)["']\s*\)/g;

/**
 * The templates and WXS modules wcc needs for these components, relative to the root (`pages/home/index.wxml`):
 * each component's `.wxml` and what it imports, includes or requires, followed to the end. Every template under
 * the root would be six copies of TDesign (the main package's and each subpackage's miniprogram_npm), most of it
 * used nowhere: wcc's output was 4.7 MB, which every phone a test opens has to parse. A reference to a file that
 * is not there is left to wcc, which names it.
 */
export function templatesInUse(
  miniprogramRoot: string,
  components: ComponentSource[],
): {
  wxml: string[];
  wxs: string[];
} {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file) || !existsSync(path.join(miniprogramRoot, file))) return;
    seen.add(file);
    const source = readFileSync(path.join(miniprogramRoot, file), 'utf8');
    const pattern = file.endsWith('.wxs') ? WXS_REQUIRE : TEMPLATE_REFERENCE;
    for (const [, reference] of source.matchAll(pattern)) {
      const target = reference.startsWith('/')
        ? path.posix.normalize(reference.slice(1))
        : path.posix.join(path.posix.dirname(file), reference);
      visit(/\.(wxml|wxs)$/.test(target) ? target : `${target}.wxml`);
    }
  };
  for (const component of components) visit(`${component.path.slice(1)}.wxml`);
  const files = [...seen].sort();
  return { wxml: files.filter((file) => file.endsWith('.wxml')), wxs: files.filter((file) => file.endsWith('.wxs')) };
}
