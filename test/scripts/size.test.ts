/**
 * `npm run size`'s budgets, asserted: WeChat's own compiler (miniprogram-ci, offline) compiles the project — which
 * proves it builds as DevTools would build it — and the main package stays within our budget, each package within
 * the platform's 2 MB and all of them within its total. Sizes are deterministic, unlike timings, so they may fail a
 * test. The compile runs in a child process: miniprogram-ci leaves handles open that would keep jest from ending.
 * It is kept by the content of what it reads (scripts/size.ts): unchanged sources were compiled before.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { miniprogramRoot, npmRoots, prepareMiniprogramNpm } from '../../scripts/prepare-miniprogram-npm';
import { MAIN_PACKAGE_BUDGET, PLATFORM_LIMITS, keepCompiled, unkeepCompiled } from '../../scripts/size';

const repoRoot = path.resolve(__dirname, '..', '..');
const iconWxss = path.join(repoRoot, 'miniprogram', 'miniprogram_npm', 'tdesign-miniprogram', 'icon', 'icon.wxss');

interface Measured {
  name: string;
  root: string;
  bytes: number;
  files: number;
}

let measured: Measured[] = [];
let output = '';

beforeAll(() => {
  prepareMiniprogramNpm();
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/size.ts', '--json'], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 280_000,
  });
  output = `${run.stdout}\n${run.stderr}`;
  const line = run.stdout.split('\n').find((l) => l.startsWith('size-json '));
  measured = line ? (JSON.parse(line.slice('size-json '.length)) as Measured[]) : [];
}, 300_000);

test('WeChat’s compiler compiles the project, every package of app.json included', () => {
  const appJson = JSON.parse(readFileSync(path.join(repoRoot, 'miniprogram', 'app.json'), 'utf8')) as {
    subpackages: { name: string }[];
  };
  expect({ names: measured.map((p) => p.name), output: measured.length ? '' : output }).toEqual({
    names: ['main', ...appJson.subpackages.map((p) => p.name)],
    output: '',
  });
  for (const p of measured) expect(p.files).toBeGreaterThan(0);
});

test('a kept compile gives back the same files: text as text, bytes as the same bytes', () => {
  const files = { 'app.js': 'App({})', 'images/logo.png': Buffer.from([0, 255, 137, 80, 78, 71]) };
  const back = unkeepCompiled(JSON.parse(JSON.stringify(keepCompiled(files))));
  expect(back).toEqual(files);
  expect(Buffer.isBuffer(back['images/logo.png'])).toBe(true);
});

test(`the main package is within our budget (${MAIN_PACKAGE_BUDGET / 1024} KB)`, () => {
  expect(measured[0]?.bytes).toBeLessThanOrEqual(MAIN_PACKAGE_BUDGET);
});

test('each package and all of them are within the platform’s limits (2 MB each, 30 MB in all)', () => {
  for (const p of measured) expect({ [p.name]: p.bytes <= PLATFORM_LIMITS.package }).toEqual({ [p.name]: true });
  expect(measured.reduce((sum, p) => sum + p.bytes, 0)).toBeLessThanOrEqual(PLATFORM_LIMITS.total);
});

/** An npm root as `package.json → dist folder`, from the mini-program's root. */
function npmRootLine(entry: { packageJson: string; distDir: string }): string {
  return `${path.relative(miniprogramRoot, entry.packageJson)} → ${path.relative(miniprogramRoot, entry.distDir) || '.'}`;
}

test('DevTools’ 构建 npm packs every npm root the pages use: each package.json is in packNpmRelationList', () => {
  const config = JSON.parse(readFileSync(path.join(repoRoot, 'project.config.json'), 'utf8')) as {
    setting: { packNpmRelationList: { packageJsonPath: string; miniprogramNpmDistDir: string }[] };
  };
  const listed = config.setting.packNpmRelationList.map((entry) => ({
    packageJson: path.resolve(repoRoot, entry.packageJsonPath),
    distDir: path.resolve(repoRoot, entry.miniprogramNpmDistDir),
  }));
  const wanted = npmRoots().map((root) => ({ packageJson: path.join(root, 'package.json'), distDir: root }));
  expect(listed.map(npmRootLine).sort()).toEqual(wanted.map(npmRootLine).sort());
});

test('the trimmed icon font keeps every icon a page names', () => {
  const kept = new Set([...readFileSync(iconWxss, 'utf8').matchAll(/\.t-icon-([a-z0-9-]+):before/g)].map((m) => m[1]));
  // every <t-icon name="…">: a literal, or the quoted names in a {{ … }} expression
  const named = new Set<string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== 'miniprogram_npm') walk(full);
      else if (entry.name.endsWith('.wxml')) {
        for (const [, value] of readFileSync(full, 'utf8').matchAll(/<t-icon\b[^>]*?\bname="([^"]*)"/g)) {
          if (!value.includes('{{')) named.add(value);
          // the branches' names, not the operands a condition compares (`step === 'released' ? … : …`)
          const branches = value.replace(/[!=]==?\s*'[^']*'|'[^']*'\s*[!=]==?/g, '');
          for (const [, quoted] of branches.matchAll(/'([a-z0-9-]+)'/g)) named.add(quoted);
        }
      }
    }
  };
  walk(path.join(repoRoot, 'miniprogram'));
  expect(named.size).toBeGreaterThan(5);
  expect([...named].filter((name) => !kept.has(name))).toEqual([]);
  expect(kept.size).toBeLessThan(400);
});
