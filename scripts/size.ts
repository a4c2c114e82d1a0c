/**
 * The mini-program's package sizes, as WeChat counts them.
 *
 *   npm run size [-- --top 15] [--json]
 *
 * Compiles the project with miniprogram-ci (the compiler taken out of WeChat DevTools) offline, sums the compiled
 * files by package root (the main package is everything outside a subpackage's root, miniprogram_npm/ included) and
 * prints each package against the platform's limits and our budget, then the biggest files of the main package.
 * With `--json`, a last line `size-json [...]` has the packages' sizes for a test to read. Exits 1 when a package or
 * the total is over. Needs miniprogram/miniprogram_npm/ (`npm run build`, which
 * `npm run size` runs first). test/scripts/size.test.ts asserts the same limits. The compile is kept by the content
 * of what it reads (compileMiniprogramOnce): only the first run after a change compiles.
 *
 * Offline: miniprogram-ci fetches a project's attributes from WeChat with the upload key; `attr` hands them in, and
 * the key it insists on reading is a throwaway RSA key made here in a temporary folder (a local compile never uses
 * it). It still asks servicewechat.com for its list of allowed file extensions, logs the failure and uses its own.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildCacheFile, readBuildCache, writeBuildCache } from '../preview/build-cache';

const repoRoot = path.resolve(__dirname, '..');
const KB = 1024;
const MB = 1024 * KB;

/**
 * The platform's limits, from WeChat's 分包加载 (developers.weixin.qq.com/miniprogram/dev/framework/subpackages.html):
 * "整个小程序所有分包大小不超过 30M（服务商代开发的小程序不超过 20M）; 单个分包/主包大小不能超过 2M".
 */
export const PLATFORM_LIMITS = { package: 2 * MB, total: 30 * MB };
/** Ours: what every first start downloads. */
export const MAIN_PACKAGE_BUDGET = 300 * KB;

/** The part of miniprogram-ci this script uses (its own typings pull in half of DevTools). */
interface MiniprogramCi {
  Project: new (options: {
    appid: string;
    type: 'miniProgram';
    projectPath: string;
    privateKeyPath: string;
    ignores: string[];
    attr: () => Promise<object>;
  }) => object;
  getCompiledResult(options: {
    project: object;
    version: string;
    setting: object;
    onProgressUpdate: () => void;
  }): Promise<Record<string, string | Buffer>>;
}

const COMPILE_SETTING = { es6: true, minify: true, useCompilerPlugins: ['typescript'] };

/** A compiled file as JSON keeps it. */
export type KeptFile = { text: string } | { base64: string };

export function keepCompiled(files: Record<string, string | Buffer>): Record<string, KeptFile> {
  return Object.fromEntries(
    Object.entries(files).map(([name, content]) => [
      name,
      typeof content === 'string' ? { text: content } : { base64: content.toString('base64') },
    ]),
  );
}

export function unkeepCompiled(kept: Record<string, KeptFile>): Record<string, string | Buffer> {
  return Object.fromEntries(
    Object.entries(kept).map(([name, file]) => [name, 'text' in file ? file.text : Buffer.from(file.base64, 'base64')]),
  );
}

/**
 * compileMiniprogram, kept on disk by the content of what it reads (preview/build-cache.ts: the mini-program's
 * sources, the lockfile, which pins miniprogram-ci and TDesign, plus project.config.json and the compile's
 * setting). The compile takes about 20 s and gives the same files for the same input, so `npm test` and
 * `npm run size` compile again only after a change.
 */
export async function compileMiniprogramOnce(
  projectRoot = repoRoot,
): Promise<{ files: Record<string, string | Buffer>; cached: boolean }> {
  const cacheFile = buildCacheFile(
    projectRoot,
    'miniprogram-ci',
    { setting: COMPILE_SETTING, projectConfig: readFileSync(path.join(projectRoot, 'project.config.json'), 'utf8') },
    ['miniprogram'],
  );
  const kept = readBuildCache<Record<string, KeptFile>>(cacheFile);
  if (kept) return { files: unkeepCompiled(kept), cached: true };
  const files = await compileMiniprogram(projectRoot);
  writeBuildCache(cacheFile, keepCompiled(files));
  return { files, cached: false };
}

/** What WeChat's compiler makes of the project: compiled file path (from the mini-program root) → content. */
export async function compileMiniprogram(projectRoot = repoRoot): Promise<Record<string, string | Buffer>> {
  // loaded here, not at the top: it takes seconds, and importing this file for its limits should not pay that
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ci = require('miniprogram-ci') as MiniprogramCi;
  const work = mkdtempSync(path.join(os.tmpdir(), 'size-'));
  try {
    const privateKeyPath = path.join(work, 'throwaway.key');
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    writeFileSync(privateKeyPath, privateKey.export({ type: 'pkcs1', format: 'pem' }), { mode: 0o600 });
    const project = new ci.Project({
      appid: 'wx0000000000000000',
      type: 'miniProgram',
      projectPath: projectRoot,
      privateKeyPath,
      ignores: ['node_modules/**/*'],
      attr: async () => ({
        platform: false,
        appType: 0,
        gameApp: false,
        isSandbox: false,
        released: false,
        setting: {},
      }),
    });
    return await ci.getCompiledResult({ project, version: '0.0.0', setting: COMPILE_SETTING, onProgressUpdate() {} });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export interface PackageSize {
  /** `main`, or the subpackage's name (its root when it has none) */
  name: string;
  /** '' for the main package */
  root: string;
  bytes: number;
  files: { path: string; bytes: number }[];
}

/** The compiled files summed by package root, main package first, then the subpackages in app.json's order. */
export function packageSizes(
  files: Record<string, string | Buffer>,
  appJson: { subpackages?: { root: string; name?: string }[]; subPackages?: { root: string; name?: string }[] },
): PackageSize[] {
  const subpackages = (appJson.subpackages ?? appJson.subPackages ?? []).map((p) => ({
    name: p.name ?? p.root,
    root: p.root.replace(/^\/+|\/+$/g, '') + '/',
  }));
  const packages: PackageSize[] = [
    { name: 'main', root: '', bytes: 0, files: [] },
    ...subpackages.map((p) => ({ ...p, bytes: 0, files: [] })),
  ];
  for (const [file, content] of Object.entries(files)) {
    const bytes = Buffer.byteLength(content);
    const owner = packages.find((p) => p.root !== '' && file.startsWith(p.root)) ?? packages[0];
    owner.bytes += bytes;
    owner.files.push({ path: file, bytes });
  }
  for (const p of packages) p.files.sort((a, b) => b.bytes - a.bytes || a.path.localeCompare(b.path));
  return packages;
}

/** What is over a limit or the budget, one line each; empty when all fit. */
export function overLimits(packages: PackageSize[]): string[] {
  const over: string[] = [];
  const total = packages.reduce((sum, p) => sum + p.bytes, 0);
  if (packages[0].bytes > MAIN_PACKAGE_BUDGET) {
    over.push(`main package ${kb(packages[0].bytes)} is over our budget of ${kb(MAIN_PACKAGE_BUDGET)}`);
  }
  for (const p of packages) {
    if (p.bytes > PLATFORM_LIMITS.package) {
      over.push(`${p.name} ${kb(p.bytes)} is over the platform's ${kb(PLATFORM_LIMITS.package)} per package`);
    }
  }
  if (total > PLATFORM_LIMITS.total) {
    over.push(`all packages ${kb(total)} are over the platform's ${kb(PLATFORM_LIMITS.total)}`);
  }
  return over;
}

export function kb(bytes: number): string {
  return `${(bytes / KB).toFixed(1)} KB`;
}

function share(bytes: number, of: number): string {
  return `${((bytes / of) * 100).toFixed(0)}%`;
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_cell, i) => Math.max(...rows.map((row) => row[i].length)));
  return rows
    .map((row) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  '))
    .join('\n');
}

export function report(packages: PackageSize[], top: number): string {
  const total = packages.reduce((sum, p) => sum + p.bytes, 0);
  const rows = [
    ['package', 'root', 'files', 'size', 'limit', 'used'],
    ...packages.map((p) => {
      const limit = p.root === '' ? MAIN_PACKAGE_BUDGET : PLATFORM_LIMITS.package;
      return [p.name, p.root || '/', String(p.files.length), kb(p.bytes), kb(limit), share(p.bytes, limit)];
    }),
    ['all', '', String(packages.reduce((n, p) => n + p.files.length, 0)), kb(total), kb(PLATFORM_LIMITS.total)],
  ];
  rows[rows.length - 1].push(share(total, PLATFORM_LIMITS.total));
  const mainPackage = packages[0];
  const biggest = table([
    ['file', 'size', 'share'],
    ...mainPackage.files.slice(0, top).map((f) => [f.path, kb(f.bytes), share(f.bytes, mainPackage.bytes)]),
  ]);
  return [
    `limits: main package budget ${kb(MAIN_PACKAGE_BUDGET)} (the platform allows ${kb(PLATFORM_LIMITS.package)}), ` +
      `${kb(PLATFORM_LIMITS.package)} per subpackage, ${kb(PLATFORM_LIMITS.total)} in all`,
    table(rows),
    '',
    `biggest files of the main package (${top} of ${mainPackage.files.length}):`,
    biggest,
  ].join('\n');
}

async function main(): Promise<void> {
  const at = process.argv.indexOf('--top');
  const top = at >= 0 ? Number(process.argv[at + 1]) : 15;
  if (!(Number.isInteger(top) && top > 0))
    throw new Error(`--top takes a whole number above 0, got "${process.argv[at + 1]}"`);
  const started = performance.now();
  const { files, cached } = await compileMiniprogramOnce();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const appJson = JSON.parse(readFileSync(path.join(repoRoot, 'miniprogram', 'app.json'), 'utf8'));
  const packages = packageSizes(files, appJson);
  const how = cached
    ? 'unchanged since miniprogram-ci compiled it (from the build cache)'
    : `compiled by miniprogram-ci in ${seconds} s`;
  console.log(`\nsize — ${how}\n`);
  console.log(report(packages, top));
  const over = overLimits(packages);
  for (const line of over) console.error(`size: ${line}`);
  if (process.argv.includes('--json')) {
    const summary = packages.map(({ name, root, bytes, files: list }) => ({ name, root, bytes, files: list.length }));
    console.log(`size-json ${JSON.stringify(summary)}`);
  }
  if (over.length > 0) process.exitCode = 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === __filename) {
  // miniprogram-ci leaves handles open after compiling (the process would never end): exit once done
  main()
    .catch((error: unknown) => {
      console.error(`size: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      process.exitCode = 1;
    })
    .finally(() => process.exit());
}
