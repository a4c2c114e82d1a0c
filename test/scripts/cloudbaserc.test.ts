/**
 * cloudbaserc.json is what `tcb fn deploy --all` deploys: one entry per function folder, each as its config.json
 * and the pinned runtime say. Checked against the folders directly (not only against the generator), so a new
 * function, a changed timeout or a hand edit fails here instead of deploying something else.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cloudbaseConfigText, HTTP_ACCESS_PATHS } from '../../scripts/deploy/cloudbase-config';
import { FUNCTION_RUNTIME } from '../../scripts/runtime';

const repoRoot = path.resolve(__dirname, '..', '..');
const functionsRoot = path.join(repoRoot, 'cloudfunctions');
const text = readFileSync(path.join(repoRoot, 'cloudbaserc.json'), 'utf8');
const rc = JSON.parse(text) as { envId: string; functionRoot: string; functions: Record<string, unknown>[] };
const folders = readdirSync(functionsRoot).filter((name) => statSync(path.join(functionsRoot, name)).isDirectory());

function folderConfig(name: string): { timeout: number; triggers?: unknown[] } {
  return JSON.parse(readFileSync(path.join(functionsRoot, name, 'config.json'), 'utf8'));
}

test('it reads the functions from cloudfunctions/ and names no environment of its own', () => {
  expect(rc.functionRoot).toBe('./cloudfunctions');
  // the environment comes from `-e` (npm run deploy passes it), never from a checked-in id
  expect(rc.envId).toBe('{{env.ENV_ID}}');
});

test('every function folder has exactly one entry, and every entry a folder', () => {
  const names = rc.functions.map((entry) => entry.name);
  expect([...names].sort()).toEqual([...folders].sort());
  expect(new Set(names).size).toBe(names.length);
});

test.each(folders)('%s: runtime, handler, no cloud install, timeout and triggers as its config.json', (name) => {
  const entry = rc.functions.find((candidate) => candidate.name === name);
  const config = folderConfig(name);
  expect(entry).toEqual({
    name,
    handler: 'index.main',
    runtime: FUNCTION_RUNTIME,
    timeout: config.timeout,
    installDependency: false,
    ...(config.triggers?.length ? { triggers: config.triggers } : {}),
    ...(HTTP_ACCESS_PATHS[name] ? { path: HTTP_ACCESS_PATHS[name] } : {}),
  });
});

test('no entry carries envVariables: the CLI would replace the console’s secrets with them', () => {
  expect(text).not.toContain('envVariables');
});

test('the device function keeps its HTTP access path, and every path names a real function', () => {
  expect(HTTP_ACCESS_PATHS.device).toBe('/device');
  for (const name of Object.keys(HTTP_ACCESS_PATHS)) expect(folders).toContain(name);
});

test('the checked-in file is exactly what npm run cloudbaserc writes', () => {
  expect(text).toBe(cloudbaseConfigText(functionsRoot));
});

describe('generated from config.json', () => {
  let root: string;

  function folder(name: string, config: object): void {
    mkdirSync(path.join(root, name));
    writeFileSync(path.join(root, name, 'config.json'), JSON.stringify(config));
  }

  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'cloudbaserc-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  test('a timer trigger of config.json is carried over as it is', () => {
    const trigger = { name: 'every5min', type: 'timer', config: '0 */5 * * * * *' };
    folder('outbox', { timeout: 20, triggers: [trigger] });
    expect(JSON.parse(cloudbaseConfigText(root)).functions).toEqual([
      {
        name: 'outbox',
        handler: 'index.main',
        runtime: FUNCTION_RUNTIME,
        timeout: 20,
        installDependency: false,
        triggers: [trigger],
      },
    ]);
  });

  test('a config.json without a usable timeout or trigger is refused with the file named', () => {
    folder('broken', { timeout: '5' });
    expect(() => cloudbaseConfigText(root)).toThrow(/broken[/\\]config\.json: "timeout"/);
    rmSync(path.join(root, 'broken'), { recursive: true });
    folder('late', { timeout: 5, triggers: [{ name: 'x', type: 'cos' }] });
    expect(() => cloudbaseConfigText(root)).toThrow(/late[/\\]config\.json: each trigger/);
  });
});
