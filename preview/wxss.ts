/**
 * WXSS as the browser needs it, before miniprogram-simulate adds its per-component class prefixes:
 * - `@import` is inlined (simulate would resolve it from the file map too, but then every imported file would
 *   have to travel to the browser; TDesign imports one shared file from ~100 stylesheets);
 * - tag selectors name the elements the page really has: `page` is the page's root element (`<tx-page>` in the
 *   preview) and built-in components render as `wx-view`, `wx-text`, … (WeChat's own WXSS compiler, wcsc, does
 *   the same renaming).
 * Units (rpx, vh, vw) are converted in the browser (client/units.ts), where inline styles need it as well.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The built-in components whose tag names WXSS may use as selectors. */
const BUILT_IN_TAGS = [
  'view',
  'text',
  'image',
  'button',
  'input',
  'textarea',
  'scroll-view',
  'swiper',
  'swiper-item',
  'icon',
  'label',
  'navigator',
  'picker',
  'switch',
  'checkbox',
  'radio',
  'slider',
  'canvas',
  'rich-text',
  'progress',
  'form',
  'cover-view',
  'cover-image',
  'movable-area',
  'movable-view',
  'video',
  'map',
  'camera',
];

const TAG_SELECTOR = new RegExp(`(^|[\\s,>+~(])(page|${BUILT_IN_TAGS.join('|')})(?=$|[\\s,>+~.:#[)])`, 'g');
const IMPORT = /@import\s+(?:"([^"]+)"|'([^']+)')\s*;/g;

/** Reads a stylesheet with its `@import`s inlined; `root` resolves absolute imports (`/styles/x.wxss`). */
export function readWxss(file: string, root: string, seen = new Set<string>()): string {
  if (seen.has(file) || !existsSync(file)) return '';
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  return text.replace(IMPORT, (_all, double?: string, single?: string) => {
    const target = (double ?? single) as string;
    const resolved = target.startsWith('/') ? path.join(root, target) : path.join(path.dirname(file), target);
    return readWxss(resolved.endsWith('.wxss') ? resolved : `${resolved}.wxss`, root, seen);
  });
}

/**
 * `@font-face` rules that load from the internet are dropped: a phone reaches Tencent's CDN, the preview does not
 * (TDesign's icons come from icons.ts instead).
 */
export function dropRemoteFonts(css: string): string {
  return css.replace(/@font-face\s*\{[^}]*url\(\s*['"]?https?:[^}]*\}/g, '');
}

/** Renames tag selectors to the preview's elements (see above); declarations are left as they are. */
export function rewriteSelectors(css: string): string {
  const withoutComments = css.replace(/\/\*[\s\S]*?\*\//g, '');
  return withoutComments.replace(/([^{};]*)\{/g, (all, prelude: string) => {
    if (prelude.trim().startsWith('@')) return all;
    return `${prelude.replace(TAG_SELECTOR, (_m, before: string, tag: string) => `${before}${tag === 'page' ? 'tx-page' : `wx-${tag}`}`)}{`;
  });
}
