import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClock } from '../../localcloud/clock';
import type { LocalcloudCore } from '../../localcloud/core';
import { bundleAllFunctions } from '../../scripts/bundle-function';
import { FunctionRunner, type CallerIdentity, type InvokeResult } from '../../localcloud/functions/runner';
import { LocalcloudServer } from '../../localcloud/server';
import { startTestCloud, useTestCloud, type TestCloud } from './harness';

let dir: string;
let lc: TestCloud;

useTestCloud(
  (started) => {
    ({ lc, functionsDir: dir } = started);
  },
  { fixtureFunctions: true },
);

const phone = (openid: string): CallerIdentity => ({
  openid,
  appid: 'wxfixtureapp',
  clientIp: '10.0.0.8',
  source: 'wx_client',
});

/** A fixture's JSON reply, walked field by field in assertions. */
type Reply = { [key: string]: Reply };

function ok(result: InvokeResult): Reply {
  if (!result.ok) throw new Error(`invocation failed: ${result.code} ${result.message}`);
  return result.result as Reply;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

test('lists the functions that have a bundle', () => {
  expect(lc.functions.list()).toEqual(
    expect.arrayContaining([
      'caller',
      'crasher',
      'dbcounter',
      'envcheck',
      'httpecho',
      'logger',
      'sleepy',
      'thrower',
      'whoami',
    ]),
  );
});

test('getWXContext is the invocation identity; identity-like fields in the event change nothing', async () => {
  const event = { openid: 'mallory', OPENID: 'mallory', userInfo: { openId: 'mallory', appId: 'wxevil' } };
  const out = ok(await lc.functions.invoke('whoami', event, phone('alice')));
  expect(out.wx).toEqual({
    OPENID: 'alice',
    APPID: 'wxfixtureapp',
    CLIENTIP: '10.0.0.8',
    ENV: lc.envId,
    SOURCE: 'wx_client',
  });
  expect(out.event).toEqual(event);
  expect(out.functionName).toBe('whoami');
});

test('an anonymous call on a warm instance has no OPENID left over from the previous caller', async () => {
  ok(await lc.functions.invoke('whoami', {}, { ...phone('bob'), unionid: 'union-bob' }));
  const anonymous = await lc.functions.invoke('whoami', {}, { source: 'wx_http' });
  expect(anonymous.ok && anonymous.coldStart).toBe(false);
  expect(ok(anonymous).wx).toEqual({ ENV: lc.envId, SOURCE: 'wx_http' });
});

test('the first call is a cold start, the next ones are warm in the same process', async () => {
  const first = await lc.functions.invoke('envcheck', {}, phone('alice'));
  const second = await lc.functions.invoke('envcheck', {}, phone('alice'));
  const third = await lc.functions.invoke('envcheck', {}, phone('alice'));
  expect([first.coldStart, second.coldStart, third.coldStart]).toEqual([true, false, false]);
  expect(lc.functions.instances('envcheck')).toHaveLength(1);
});

test('concurrent invocations run in separate instances and each keeps its own identity', async () => {
  const openids = Array.from({ length: 10 }, (_, i) => `user-${i}`);
  const results = await Promise.all(openids.map((openid) => lc.functions.invoke('sleepy', { ms: 300 }, phone(openid))));
  const outs = results.map(ok);
  outs.forEach((out, i) => expect([out.before, out.after]).toEqual([openids[i], openids[i]]));
  const pids = new Set(outs.map((out) => Number(out.pid)));
  expect(pids.size).toBe(10);
  expect(pids.has(process.pid)).toBe(false);

  // warm reuse: sequential calls afterwards land on those same processes
  const again = ok(await lc.functions.invoke('sleepy', { ms: 0 }, phone('user-x')));
  expect(pids.has(Number(again.pid))).toBe(true);
});

test('whoami under load: 10 parallel callers next to sleepy ones each see themselves', async () => {
  const calls = Array.from({ length: 10 }, (_, i) =>
    i % 2
      ? lc.functions.invoke('whoami', {}, phone(`w-${i}`))
      : lc.functions.invoke('sleepy', { ms: 100 }, phone(`w-${i}`)),
  );
  const outs = (await Promise.all(calls)).map(ok);
  outs.forEach((out, i) => expect(i % 2 ? out.wx.OPENID : out.after).toBe(`w-${i}`));
});

test('a call over the time limit kills its instance and reports the timeout', async () => {
  const warm = ok(await lc.functions.invoke('sleepy', { ms: 0 }, phone('t')));
  const started = Date.now();
  const slow = await lc.functions.invoke('sleepy', { ms: 5000 }, phone('t'));
  expect(slow).toMatchObject({
    ok: false,
    code: 'FUNCTION_TIMEOUT',
    message: 'Invoking task timed out after 1 seconds',
  });
  expect(Date.now() - started).toBeLessThan(3000);
  expect(slow.durationMs).toBeGreaterThanOrEqual(1000);
  await new Promise((resolve) => setTimeout(resolve, 100));
  // the instance that ran it (the warm one, reused) is gone
  expect(isAlive(Number(warm.pid))).toBe(false);
  expect(ok(await lc.functions.invoke('sleepy', { ms: 0 }, phone('t'))).after).toBe('t');
});

test('an exception reaches the caller as its message, without a stack', async () => {
  const result = await lc.functions.invoke('thrower', { message: '余额不足' }, phone('alice'));
  expect(result).toMatchObject({ ok: false, code: 'FUNCTIONS_EXECUTE_FAIL', message: '余额不足' });
  expect(JSON.stringify(result)).not.toMatch(/\bat |index\.js|\.ts:/);
});

test("onFunctionLog receives the functions' console lines instead of this process's console", async () => {
  const lines: string[] = [];
  const quiet = await startTestCloud({
    functionsDir: dir,
    onFunctionLog: (name, stream, line) => lines.push(`${name} ${stream} ${line}`),
  });
  try {
    expect(ok(await quiet.functions.invoke('logger', { text: '日志' }, phone('alice')))).toEqual({ logged: true });
    // the lines come through the instance's pipes, which may trail its answer by a moment
    for (let waited = 0; lines.length < 2 && waited < 5000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    expect(lines.sort()).toEqual(['logger stderr err: 日志', 'logger stdout out: 日志']);
  } finally {
    await quiet.stop();
  }
});

test('a crashing instance is an error, and the next call gets a fresh one', async () => {
  const crashed = await lc.functions.invoke('crasher', {}, phone('alice'));
  expect(crashed).toMatchObject({ ok: false, code: 'FUNCTION_CRASHED' });
  expect(crashed.ok || crashed.message).toMatch(/exited \(code 3\)/);
  const next = await lc.functions.invoke('crasher', { crash: false }, phone('alice'));
  expect(ok(next).pid).toEqual(expect.any(Number));
  expect(next.coldStart).toBe(true);
});

test('callFunction from a function: the callee sees the same user and SOURCE <caller>,scf', async () => {
  const out = ok(await lc.functions.invoke('caller', { data: { hello: 'b', openid: 'mallory' } }, phone('alice')));
  expect(out.mine).toMatchObject({ OPENID: 'alice', SOURCE: 'wx_client' });
  expect(out.callee.wx).toEqual({
    OPENID: 'alice',
    APPID: 'wxfixtureapp',
    CLIENTIP: '10.0.0.8',
    ENV: lc.envId,
    SOURCE: 'wx_client,scf',
  });
  expect(out.callee.event).toEqual({ hello: 'b', openid: 'mallory' });
  expect(out.callee.pid).not.toBe(process.pid);
  const history = lc.functions.recent();
  const callee = history.filter((record) => record.name === 'whoami').at(-1);
  const caller = history.filter((record) => record.name === 'caller').at(-1);
  expect(callee).toMatchObject({ openid: 'alice', source: 'wx_client,scf', parentId: caller?.id, ok: true });
});

test('callFunction errors come back with the SDK error codes', async () => {
  const thrown = ok(await lc.functions.invoke('caller', { target: 'thrower', data: { message: 'nope' } }, phone('a')));
  // wx-server-sdk 4.0.2 reports every callFunction failure as errCode -1 ("callFunction:fail <message>"):
  // @cloudbase/node-sdk throws on the wire code before wx-server-sdk's TCB_ERR_CODE mapping runs; the
  // wire code stays on the error as `code`
  expect(thrown.error).toEqual({ errCode: -1, errMsg: 'callFunction:fail nope', code: 'FUNCTIONS_EXECUTE_FAIL' });
  const missing = ok(await lc.functions.invoke('caller', { target: 'no-such-function' }, phone('a')));
  expect(missing.error).toMatchObject({ errCode: -1, code: 'FUNCTIONS_REQUEST_FAIL' });
  expect(missing.error.errMsg).toContain('no-such-function');
});

test('database calls are counted per invocation, nested calls included', async () => {
  const direct = await lc.functions.invoke('dbcounter', {}, phone('alice'));
  expect(direct.ok && direct.dbCalls).toBe(2);
  const nested = await lc.functions.invoke('caller', { target: 'dbcounter' }, phone('alice'));
  expect(nested.ok && nested.dbCalls).toBe(2);
  expect(ok(await lc.functions.invoke('whoami', {}, phone('alice')))).toBeTruthy();
  expect(lc.functions.recent().at(-1)?.dbCalls).toBe(0);
});

test('the runtime environment and context are SCF-like and carry the shifted clock', async () => {
  lc.clock.setOffset(86_400_000);
  try {
    const out = ok(await lc.functions.invoke('envcheck', {}, phone('alice')));
    expect(out).toMatchObject({
      tz: 'UTC',
      clockOffsetMs: '86400000',
      localcloudUrl: lc.url,
      tcbEnv: lc.envId,
      configured: '你好',
      leaked: [],
    });
    expect(JSON.parse(String(out.contextCnfg)).URL).toMatch(new RegExp(`^${lc.url}/tcb\\?inv=envcheck-[0-9a-f-]+&$`));
    expect(out.context).toMatchObject({
      function_name: 'envcheck',
      namespace: lc.envId,
      memory_limit_in_mb: 128,
      time_limit_in_ms: 5000,
      request_id: expect.stringMatching(/^envcheck-/),
    });
    expect(out.context.environ).toContain('WX_OPENID=alice');
    expect(out.clockFrozenAtMs).toBeNull();
  } finally {
    lc.clock.setOffset(0);
  }
});

test('a frozen clock reaches the function as one instant, and leaves no trace once it runs again', async () => {
  lc.clock.setFrozen(true);
  try {
    const frozen = ok(await lc.functions.invoke('envcheck', {}, phone('alice')));
    expect(frozen.clockFrozenAtMs).toBe(String(lc.clock.now()));
  } finally {
    lc.clock.setFrozen(false);
  }
  // the same warm instance: the variable is gone, not left from the frozen call
  expect(ok(await lc.functions.invoke('envcheck', {}, phone('alice'))).clockFrozenAtMs).toBeNull();
});

test('an unknown or malformed function name is a clear error, not a crash', async () => {
  for (const name of ['no-such-function', '../whoami', 'a/b', '']) {
    expect(await lc.functions.invoke(name, {}, phone('alice'))).toMatchObject({
      ok: false,
      code: 'FUNCTION_NOT_FOUND',
    });
  }
});

test('a rebuilt bundle is picked up on the next call, in a new instance', async () => {
  const folder = path.join(dir, 'hot');
  mkdirSync(folder, { recursive: true });
  const file = path.join(folder, 'index.js');
  writeFileSync(file, 'exports.main = async () => ({ version: 1, pid: process.pid });\n');
  const v1 = ok(await lc.functions.invoke('hot', {}, phone('alice')));
  expect(v1.version).toBe(1);
  writeFileSync(file, 'exports.main = async () => ({ version: 2, pid: process.pid });\n');
  const later = new Date(Date.now() + 5000);
  utimesSync(file, later, later);
  const v2 = ok(await lc.functions.invoke('hot', {}, phone('alice')));
  expect(v2.version).toBe(2);
  expect(v2.pid).not.toBe(v1.pid);
  expect(lc.functions.instances('hot')).toHaveLength(1);
});

test('recent() keeps the last invocations with who, outcome and cost', () => {
  const recent = lc.functions.recent();
  expect(recent.length).toBeGreaterThan(10);
  expect(recent.length).toBeLessThanOrEqual(100);
  expect(recent.find((record) => record.name === 'thrower')).toMatchObject({
    openid: 'alice',
    ok: false,
    code: 'FUNCTIONS_EXECUTE_FAIL',
    dbCalls: 0,
    at: expect.any(Number),
  });
});

describe('a runner with a small cap', () => {
  let runner: FunctionRunner;
  beforeAll(() => {
    const core = {
      server: new LocalcloudServer(),
      clock: createClock(),
      envId: 'cap-test',
      baseUrl: () => 'http://127.0.0.1:9',
    } as unknown as LocalcloudCore;
    runner = new FunctionRunner(core, dir, { maxInstances: 2, idleMs: 300 });
  });
  afterAll(() => runner.close());

  test('queues calls beyond the cap instead of starting more instances', async () => {
    const started = Date.now();
    const outs = (
      await Promise.all(Array.from({ length: 5 }, (_, i) => runner.invoke('sleepy', { ms: 200 }, phone(`q-${i}`))))
    ).map(ok);
    outs.forEach((out, i) => expect(out.after).toBe(`q-${i}`));
    expect(new Set(outs.map((out) => out.pid)).size).toBeLessThanOrEqual(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(600);
  });

  test('stops idle instances after a while', async () => {
    ok(await runner.invoke('whoami', {}, phone('idle')));
    expect(runner.instances('whoami')).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(runner.instances('whoami')).toHaveLength(0);
  });
});

test('bundleAllFunctions builds every <name>/src/index.ts into <name>/index.js', async () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'localcloud-bundle-'));
  try {
    for (const name of ['alpha', 'beta']) {
      mkdirSync(path.join(root, name, 'src'), { recursive: true });
      writeFileSync(path.join(root, name, 'src', 'util.ts'), `export const label: string = '${name}';\n`);
      writeFileSync(
        path.join(root, name, 'src', 'index.ts'),
        "import { label } from './util';\nexport async function main() { return label; }\n",
      );
    }
    mkdirSync(path.join(root, 'no-source'));
    const results = await bundleAllFunctions(root);
    expect(results.map((result) => result.name)).toEqual(['alpha', 'beta']);
    const script = `require(${JSON.stringify(path.join(root, 'beta', 'index.js'))}).main().then((v) => process.stdout.write(v))`;
    expect(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })).toBe('beta');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
