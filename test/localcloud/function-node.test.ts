import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RUNTIME_NODE, checkRuntimeNode } from '../support/function-node';
import { startTestCloud, type TestCloud } from './harness';

// Runs where jest.config.js runs the function tests on the platform's Node: that Node comes from the lockfile on Linux x64 only.
const onLinuxX64 = process.platform === 'linux' && process.arch === 'x64';

let functionsDir: string;

beforeAll(() => {
  functionsDir = mkdtempSync(path.join(os.tmpdir(), 'localcloud-function-node-'));
  mkdirSync(path.join(functionsDir, 'version'));
  writeFileSync(
    path.join(functionsDir, 'version', 'index.js'),
    'exports.main = async () => ({ version: process.version, execPath: process.execPath });\n',
  );
});
afterAll(() => rmSync(functionsDir, { recursive: true, force: true }));

async function versionOn(options: { functionNode?: string }): Promise<Record<string, string>> {
  let lc: TestCloud | undefined;
  try {
    lc = await startTestCloud({ functionsDir, ...options });
    const result = await lc.functions.invoke('version', {}, { source: 'wx_http' });
    if (!result.ok) throw new Error(`invocation failed: ${result.code} ${result.message}`);
    return result.result as Record<string, string>;
  } finally {
    await lc?.stop();
  }
}

test('by default a function runs on the Node that runs localcloud', async () => {
  expect(await versionOn({})).toEqual({ version: process.version, execPath: process.execPath });
});

(onLinuxX64 ? describe : describe.skip)("on Linux x64, with the lockfile's Node 18", () => {
  test('functionNode picks the Node binary function instances run on', async () => {
    const version = checkRuntimeNode();
    expect(version).not.toBe(process.version);
    expect(await versionOn({ functionNode: RUNTIME_NODE })).toEqual({ version, execPath: RUNTIME_NODE });
  });
});

test('a functionNode that is not an executable file stops localcloud from starting, naming it', async () => {
  const missing = path.join(functionsDir, 'no-such-node');
  // a data folder of its own inside functionsDir: the harness cannot delete what a failed start made
  const dataDir = path.join(functionsDir, 'data');
  await expect(startTestCloud({ functionsDir, dataDir, functionNode: missing })).rejects.toThrow(
    `localcloud: functionNode ${missing} is not an executable file`,
  );
  await expect(startTestCloud({ functionsDir, dataDir, functionNode: functionsDir })).rejects.toThrow(
    'is not an executable file',
  );
});
