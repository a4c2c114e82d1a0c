/**
 * TDesign's icon font loads from Tencent's CDN (icon.wxss `@font-face`), which a phone reaches and this
 * workplace does not. The preview draws the same icons from the `tdesign-icons-svg` package instead: each
 * `t-icon` name becomes a CSS mask of its SVG in the icon's colour. Shapes come from TDesign's own icon set;
 * sizes and baselines may differ from the font by a pixel — check icons on a phone before release (ui.md).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

function iconDir(projectRoot: string): string {
  return path.join(projectRoot, 'node_modules', 'tdesign-icons-svg', 'src');
}

/** One rule for all icons (the glyph becomes a mask) and one custom property per icon name. */
export function iconStylesheet(projectRoot: string): string {
  const dir = iconDir(projectRoot);
  const names = existsSync(dir) ? readdirSync(dir).filter((file) => file.endsWith('.svg')) : [];
  const base =
    "[class~='t-icon--t-icon-base']::before{content:''!important;display:block;width:1em;height:1em;" +
    'background-color:currentColor;-webkit-mask:var(--tx-icon) center/contain no-repeat;' +
    'mask:var(--tx-icon) center/contain no-repeat}';
  const rules = names.map((file) => {
    const name = file.slice(0, -'.svg'.length);
    return `.t-icon--t-icon-${name}{--tx-icon:url(/app/icons/${name}.svg)}`;
  });
  return [base, ...rules].join('\n');
}

/** The package's SVG, made a valid standalone image (it writes `view-box`, sizes in em). */
export function iconSvg(projectRoot: string, name: string): string | undefined {
  if (!/^[a-z0-9-]+$/.test(name)) return undefined;
  const file = path.join(iconDir(projectRoot), `${name}.svg`);
  if (!existsSync(file)) return undefined;
  return readFileSync(file, 'utf8')
    .replace('view-box=', 'viewBox=')
    .replace(/width="1em" height="1em"/, 'width="24" height="24"')
    .replace(/currentColor/g, '#000');
}
