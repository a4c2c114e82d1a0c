/**
 * `npm run check-templates`: compiles every template (.wxml) with WeChat's `wcc` and every stylesheet (.wxss)
 * with `wcsc`, the compilers DevTools uses (Linux builds, shipped in miniprogram-compiler beside
 * miniprogram-simulate). They catch what a page test may never render: an unclosed tag, a broken `{{ }}`
 * expression, `wx:elif` without a value, invalid WXSS, a missing `@import`. Exits non-zero with the file and the
 * compiler's message.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

const miniprogramRoot = path.resolve(__dirname, '..', 'miniprogram');
const compilerBin = path.resolve(__dirname, '..', 'node_modules', 'miniprogram-compiler', 'bin', 'linux');
/** wcc's output embeds every template; TDesign alone passes the 1 MiB default */
const MAX_BUFFER = 64 * 1024 * 1024;
/** packages are checked by their authors, and DevTools compiles them as they are */
const SKIPPED_FOLDERS = new Set(['miniprogram_npm', 'node_modules']);

/** Paths relative to the mini-program root, with forward slashes, as the compilers want them. */
function sourceFiles(extension: string, dir = miniprogramRoot): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return SKIPPED_FOLDERS.has(entry.name) ? [] : sourceFiles(extension, full);
    return entry.name.endsWith(extension) ? [path.relative(miniprogramRoot, full).split(path.sep).join('/')] : [];
  });
}

function compiler(name: 'wcc' | 'wcsc'): string {
  const file = path.join(compilerBin, name);
  if (!existsSync(file)) throw new Error(`${file} is missing: run npm ci (miniprogram-simulate brings it)`);
  // npm installs the binaries without the execute bit
  chmodSync(file, 0o755);
  return file;
}

function run(name: 'wcc' | 'wcsc', args: string[]): string | undefined {
  const result = spawnSync(compiler(name), args, { cwd: miniprogramRoot, maxBuffer: MAX_BUFFER });
  if (result.error) return result.error.message;
  if (result.status !== 0) return result.stderr.toString().trim() || `${name} exited with ${result.status}`;
  return undefined;
}

/** One run over all templates: `<import>` and `<include>` are resolved across files as DevTools does. */
function checkTemplates(templates: string[]): string | undefined {
  const modules = sourceFiles('.wxs');
  return run('wcc', ['-d', '-cc', '0', ...templates, ...modules, '-gn', '$gwx']);
}

/** A page's or a component's stylesheet: it has a .json beside it (app.json is the app's, not a component's). */
function isComponentStyle(file: string): boolean {
  return file !== 'app.wxss' && existsSync(path.join(miniprogramRoot, file.replace(/\.wxss$/, '.json')));
}

/** Stylesheets of pages and components first, counted, as wcsc expects. */
function checkStyles(styles: string[]): string | undefined {
  const components = styles.filter(isComponentStyle);
  const others = styles.filter((file) => !isComponentStyle(file));
  return run('wcsc', ['-db', '-pc', String(components.length), ...components, ...others]);
}

function main(): void {
  const templates = sourceFiles('.wxml');
  const styles = sourceFiles('.wxss');
  const failures = [
    ['templates', checkTemplates(templates)],
    ['styles', checkStyles(styles)],
  ].filter((entry): entry is [string, string] => entry[1] !== undefined);
  for (const [kind, message] of failures) console.error(`check-templates: ${kind} in miniprogram/ failed:\n${message}`);
  if (failures.length > 0) {
    process.exitCode = 1;
    return;
  }
  console.log(`check-templates: ${templates.length} templates and ${styles.length} stylesheets compile`);
}

main();
