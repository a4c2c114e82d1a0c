/**
 * `npm run deploy` cannot reach a cloud from here, so its dry run is what is tested: the real script prints the
 * plan it would carry out, and that plan must cover every function folder, the environment asked for, and every
 * collection, index (fields in order, 升序/降序, 唯一) and rule of docs/database.json. Bad input is refused with a
 * message before anything runs.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { databasePlan, describeIndex, indexesToCreate } from '../../scripts/deploy/database-plan';
import { FUNCTION_RUNTIME } from '../../scripts/runtime';

const repoRoot = path.resolve(__dirname, '..', '..');
const manifestPath = path.join(repoRoot, 'docs', 'database.json');
const functionsRoot = path.join(repoRoot, 'cloudfunctions');
const folders = readdirSync(functionsRoot).filter((name) => statSync(path.join(functionsRoot, name)).isDirectory());

/** The deploy script as `npm run deploy` runs it, with no cloud credentials in its environment. */
function deploy(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('TENCENTCLOUD_')));
  const result = spawnSync(path.join(repoRoot, 'node_modules', '.bin', 'tsx'), ['scripts/deploy.ts', ...args], {
    cwd: repoRoot,
    env,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the dry run', () => {
  let run: ReturnType<typeof deploy>;
  let output: string;
  let lines: string[];

  beforeAll(() => {
    run = deploy('-e', 'tongxing-test-4f9a', '--dry-run');
    output = run.stdout;
    lines = output.split('\n');
  });

  test('finishes without an error, and without credentials', () => {
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
  });

  test('builds, then deploys every function of cloudbaserc.json to the environment asked for', () => {
    const build = lines.findIndex((line) => line.includes('npm run build'));
    const functions = lines.findIndex((line) => line.includes('tcb fn deploy --all --force -e tongxing-test-4f9a'));
    expect(build).toBeGreaterThan(-1);
    expect(functions).toBeGreaterThan(build);
    for (const name of folders) {
      const config = JSON.parse(readFileSync(path.join(functionsRoot, name, 'config.json'), 'utf8'));
      expect(lines).toContainEqual(
        expect.stringMatching(new RegExp(`^\\s+${name}  ${FUNCTION_RUNTIME}  timeout ${config.timeout} s`)),
      );
    }
    expect(output).toMatch(/device .*HTTP access path \/device/);
  });

  test('never shows a secret and needs none', () => {
    expect(output).toContain('--apiKey ***');
    expect(output).toContain('dry run: nothing is run');
  });

  test('creates every collection of the manifest with its rule and every index as the manifest orders it', () => {
    const plan = databasePlan(manifestPath);
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { collections: Record<string, unknown> };
    expect(plan.map((step) => step.collection)).toEqual(Object.keys(manifest.collections));
    for (const { collection, rule, indexes } of plan) {
      expect(lines).toContain(`     ${collection}: create if missing; rule CUSTOM ${rule}`);
      for (const index of indexes) expect(lines).toContain(`       index ${describeIndex(index)}`);
    }
    // the manifest's descending indexes stay descending, field by field
    expect(lines).toContain('       index site_house_at: siteId 升序, houseId 升序, at 降序');
    expect(lines.filter((line) => line.includes('降序'))).toHaveLength(9);
    expect(lines).toContain(
      '       index site_building_unit_room: siteId 升序, building 升序, unit 升序, room 升序 (唯一)',
    );
  });

  test('every rule is the closed one: clients reach no collection directly', () => {
    for (const { rule } of databasePlan(manifestPath)) expect(JSON.parse(rule)).toEqual({ read: false, write: false });
  });
});

test('an index that already exists (by name) is left alone; only the missing ones are created', () => {
  const exitCounters = databasePlan(manifestPath).find((step) => step.collection === 'exitCounters');
  if (!exitCounters) throw new Error('docs/database.json has no exitCounters any more: pick another collection');
  const missing = indexesToCreate(exitCounters.indexes, ['_id_', 'expiresAt', 'userId_expiresAt']);
  expect(missing.map((index) => index.name)).toEqual(['houseId_expiresAt']);
  expect(
    indexesToCreate(
      exitCounters.indexes,
      exitCounters.indexes.map((index) => index.name),
    ),
  ).toEqual([]);
});

test.each([
  [[], /name the environment/],
  [['-e'], /name the environment/],
  [['-e', 'Prod Env!'], /"Prod Env!" is not an environment id/],
  [['-e', 'tongxing-test', '--force'], /unknown argument "--force"/],
  // a real run without an API key stops before building anything
  [['-e', 'tongxing-test'], /set TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY/],
])('deploy %j is refused with a message', (args, message) => {
  const run = deploy(...args);
  expect(run.status).toBe(1);
  expect(run.stderr).toMatch(message);
  expect(run.stdout).toBe('');
});

test('tcb is run from scripts/deploy.ts only', () => {
  const scripts = (JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { scripts: object })
    .scripts;
  expect(Object.values(scripts).filter((command: string) => /\btcb\b/.test(command))).toEqual([]);
  const sources = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? sources(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
    );
  // running the CLI: its binary path, or a spawn/exec of it
  const runsTcb = /\.bin['"`],\s*['"`]tcb['"`]|(spawn|exec)\w*\(\s*['"`](npx )?tcb\b/;
  const callers = sources(path.join(repoRoot, 'scripts')).filter((file) => runsTcb.test(readFileSync(file, 'utf8')));
  expect(readFileSync(path.join(repoRoot, '.ci', 'run'), 'utf8')).not.toMatch(/\btcb\b/);
  expect(callers.map((file) => path.relative(repoRoot, file))).toEqual(['scripts/deploy.ts']);
});
