/**
 * Produces `miniprogram/miniprogram_npm/`, what WeChat DevTools' 构建 npm produces: for each dependency of
 * `miniprogram/package.json`, the folder its package.json names under `miniprogram` (default and TDesign's:
 * `miniprogram_dist`), copied as it is; a package with no such folder (qrcode-generator) is its `main` file, which
 * 构建 npm packs as `<name>/index.js`. The packages come from the root install (`npm ci`), so one lockfile pins them; a version that
 * differs from `miniprogram/package.json` stops the script rather than pack something never tested.
 *
 * Run by `npm run build` and by the page tests' global setup; `tsx scripts/prepare-miniprogram-npm.ts`.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '..');
export const miniprogramRoot = path.join(repoRoot, 'miniprogram');

interface PackageJson {
  version?: string;
  main?: string;
  miniprogram?: string;
  dependencies?: Record<string, string>;
}

/**
 * Files of a plain package that pages require by path besides its entry: dayjs's `utc` plugin (core/visit-time.ts).
 * 构建 npm packs only a package's entry, so these are copied beside it, each under the same rule as the entry: it
 * must require nothing.
 */
const REQUIRED_BY_PATH: Record<string, string[]> = { dayjs: ['plugin/utc.js'] };

function readPackageJson(file: string): PackageJson {
  return JSON.parse(readFileSync(file, 'utf8')) as PackageJson;
}

/**
 * Where 构建 npm packs: the mini-program's root, and each subpackage with its own package.json (its npm packages
 * land in that subpackage, out of the main package: TDesign's components that only a subpackage shows).
 */
export function npmRoots(): string[] {
  const packagesDir = path.join(miniprogramRoot, 'packages');
  const subpackages = existsSync(packagesDir)
    ? readdirSync(packagesDir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory() && existsSync(path.join(packagesDir, entry.name, 'package.json')))
        .map((entry) => path.join(packagesDir, entry.name))
    : [];
  return [miniprogramRoot, ...subpackages];
}

export function prepareMiniprogramNpm(): string[] {
  return npmRoots().flatMap((npmRoot) => {
    const packed = prepareNpmRoot(npmRoot);
    const where = path.relative(miniprogramRoot, npmRoot);
    return where ? packed.map((name) => `${name} (${where})`) : packed;
  });
}

function prepareNpmRoot(npmRoot: string): string[] {
  const npmOut = path.join(npmRoot, 'miniprogram_npm');
  const wanted = readPackageJson(path.join(npmRoot, 'package.json')).dependencies ?? {};
  return Object.entries(wanted).map(([name, version]) => {
    const packageDir = path.join(repoRoot, 'node_modules', name);
    if (!existsSync(packageDir)) throw new Error(`${name} is not installed: run npm ci`);
    const installed = readPackageJson(path.join(packageDir, 'package.json'));
    if (installed.version !== version) {
      throw new Error(
        `${path.relative(repoRoot, path.join(npmRoot, 'package.json'))} wants ${name}@${version} but ${installed.version} ` +
          'is installed: keep the root package.json and the mini-program package.json files on the same exact version',
      );
    }
    const target = path.join(npmOut, name);
    // copy beside, then swap: a test run reading the folder never sees it half written
    const fresh = `${target}.tmp-${process.pid}`;
    rmSync(fresh, { recursive: true, force: true });
    const distDir = path.join(packageDir, installed.miniprogram ?? 'miniprogram_dist');
    if (existsSync(distDir)) {
      cpSync(distDir, fresh, { recursive: true });
    } else {
      mkdirSync(fresh, { recursive: true });
      writeFileSync(
        path.join(fresh, 'index.js'),
        singleFileEntry(name, path.join(packageDir, installed.main ?? 'index.js')),
      );
      for (const file of REQUIRED_BY_PATH[name] ?? []) {
        mkdirSync(path.dirname(path.join(fresh, file)), { recursive: true });
        writeFileSync(path.join(fresh, file), singleFileEntry(`${name}/${file}`, path.join(packageDir, file)));
      }
    }
    if (name === 'tdesign-miniprogram') trimIconFont(fresh);
    rmSync(target, { recursive: true, force: true });
    renameSync(fresh, target);
    return `${name}@${version}`;
  });
}

/**
 * TDesign's icon.wxss maps each of its 2,352 icon names to a glyph of its (CDN-loaded) font: 105 KB of the main
 * package once compiled, for the handful of icons the app shows. Keep the rules for the names that can be shown —
 * every quoted string in the mini-program's own sources (a `name="…"` in a page, `'check-circle'` in a ternary or a
 * script) and in TDesign's other files (the icons its components draw: `chevron-right`, `close-circle-filled`, …)
 * that names an icon — and drop the rest, so the pages look the same. `npm run size` measured the main package
 * before and after (README). An icon named only at run time from a string built by concatenation would lose its
 * glyph: name icons with whole literals. DevTools' own 构建 npm copies the file whole, which is only bigger.
 */
export function trimIconFont(tdesignDir: string): { kept: number; dropped: number } {
  const iconWxss = path.join(tdesignDir, 'icon', 'icon.wxss');
  const literals = new Set<string>();
  const collect = (dir: string, skip: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== skip) collect(full, skip);
      } else if (/\.(ts|js|wxml|wxs|json)$/.test(entry.name)) {
        for (const [, literal] of readFileSync(full, 'utf8').matchAll(/['"`]([a-z][a-z0-9-]*)['"`]/g)) {
          literals.add(literal);
        }
      }
    }
  };
  collect(miniprogramRoot, 'miniprogram_npm');
  collect(tdesignDir, '');
  let kept = 0;
  let dropped = 0;
  const trimmed = readFileSync(iconWxss, 'utf8').replace(
    /\.t-icon-([a-z0-9-]+):before\{content:'[^']*';\}\n?/g,
    (rule, name: string) => {
      if (literals.has(name)) {
        kept += 1;
        return rule;
      }
      dropped += 1;
      return '';
    },
  );
  if (kept === 0 || dropped === 0) {
    throw new Error(
      `${iconWxss}: kept ${kept} icon rules and dropped ${dropped}: its format changed, check trimIconFont`,
    );
  }
  writeFileSync(iconWxss, trimmed);
  return { kept, dropped };
}

/**
 * A plain package's entry, which 构建 npm would bundle with whatever it requires. Copying it is the same only
 * while it requires nothing (qrcode-generator's UMD build has no dependency): otherwise stop, rather
 * than pack an entry that fails on the phone.
 */
function singleFileEntry(name: string, file: string): string {
  const source = readFileSync(file, 'utf8');
  if (/\brequire\s*\(/.test(source)) {
    throw new Error(`${name}: ${path.basename(file)} requires other modules; copying it is not enough, bundle it`);
  }
  return source;
}

if (process.argv[1] && path.resolve(process.argv[1]) === __filename) {
  try {
    const packed = prepareMiniprogramNpm();
    console.log(`prepare-miniprogram-npm: ${packed.join(', ') || 'nothing'} -> miniprogram_npm/`);
  } catch (error) {
    console.error(`prepare-miniprogram-npm: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
