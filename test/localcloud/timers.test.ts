import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TimerRun, TimerTriggerInfo } from '../../localcloud';
import { startTestCloud, useTestCloud, type TestCloud } from './harness';

// Timer triggers (config.json `triggers`): fired by hand through POST /_dev/timers in a localcloud whose timers do
// not run by themselves (the harness default), and by localcloud's clock in one started with `timers: true`.

let lc: TestCloud;
let functionsDir: string;

useTestCloud(
  (started) => {
    ({ lc, functionsDir } = started);
  },
  { fixtureFunctions: true },
);

/** A copy of the `ticker` fixture under another name, with its own config.json. */
function tickerAs(dir: string, name: string, config: object): void {
  mkdirSync(path.join(dir, name), { recursive: true });
  copyFileSync(path.join(functionsDir, 'ticker', 'index.js'), path.join(dir, name, 'index.js'));
  writeFileSync(path.join(dir, name, 'config.json'), JSON.stringify(config));
}

const trigger = (config: string, name = 'deliver') => ({ triggers: [{ name, type: 'timer', config }] });

const post = (body: unknown) =>
  fetch(`${lc.url}/_dev/timers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

async function listed(cloud: TestCloud): Promise<{ enabled: boolean; triggers: TimerTriggerInfo[] }> {
  return (await (await fetch(`${cloud.url}/_dev/timers`)).json()) as { enabled: boolean; triggers: TimerTriggerInfo[] };
}

interface TickerResult {
  event: unknown;
  wx: Record<string, unknown>;
  startedAt: number;
  endedAt: number;
}

afterEach(() => {
  lc.clock.setFrozen(false);
  lc.clock.setOffset(0);
});

test('GET /_dev/timers lists each trigger and when it fires next; nothing fires by itself in tests', async () => {
  const { enabled, triggers } = await listed(lc);
  expect(enabled).toBe(false);
  const ticker = triggers.find((t) => t.function === 'ticker');
  expect(ticker).toMatchObject({ trigger: 'deliver', config: '* * * * * * *', running: false, skipped: 0 });
  const next = Date.parse(ticker?.nextAt ?? '');
  expect(next - lc.clock.now()).toBeGreaterThan(0);
  expect(next - lc.clock.now()).toBeLessThanOrEqual(1000);
  expect(lc.functions.recent().filter((r) => r.source === 'wx_trigger')).toEqual([]);
});

test('POST /_dev/timers runs the function with the timer event, SOURCE wx_trigger and no user', async () => {
  lc.clock.setOffset(Date.parse('2030-01-01T00:00:00.700Z') - Date.now());
  lc.clock.setFrozen(true);
  const res = await post({ function: 'ticker', trigger: 'deliver' });
  expect(res.status).toBe(200);
  const run = (await res.json()) as Extract<TimerRun, { ok: true }>;
  const event = { Type: 'Timer', TriggerName: 'deliver', Time: '2030-01-01T00:00:00Z', Message: '' };
  expect(run).toMatchObject({ function: 'ticker', trigger: 'deliver', ok: true, event });
  const result = run.result as TickerResult;
  expect(result.event).toEqual(event);
  // no OPENID, APPID or UNIONID: the timer runs for nobody
  expect(result.wx).toEqual({ CLIENTIP: undefined, ENV: lc.envId, SOURCE: 'wx_trigger' });
  expect(lc.functions.recent().at(-1)).toMatchObject({ name: 'ticker', source: 'wx_trigger', ok: true });
  expect((await listed(lc)).triggers.find((t) => t.function === 'ticker')?.lastRun).toMatchObject({ ok: true, event });
});

test('the trigger may be left out (a function has one); unknown ones are 404, a bad body 400', async () => {
  expect(((await (await post({ function: 'ticker' })).json()) as TimerRun).trigger).toBe('deliver');
  expect((await post({ function: 'ticker', trigger: 'hourly' })).status).toBe(404);
  const noTrigger = await post({ function: 'whoami' });
  expect(noTrigger.status).toBe(404);
  expect(await noTrigger.json()).toMatchObject({ code: 'NOT_FOUND' });
  expect((await post({ trigger: 'deliver' })).status).toBe(400);
});

test('a run still going is not started again: the next one waits for it', async () => {
  tickerAs(functionsDir, 'slowticker', {
    timeout: 5,
    envVariables: { TICKER_SLEEP_MS: '400' },
    ...trigger('0 * * * * * *'),
  });
  const [first, second] = await Promise.all([post({ function: 'slowticker' }), post({ function: 'slowticker' })]);
  const runs = [await first.json(), await second.json()].map((r) => (r as { result: TickerResult }).result);
  runs.sort((a, b) => a.startedAt - b.startedAt);
  expect(runs[1].startedAt).toBeGreaterThanOrEqual(runs[0].endedAt);
});

test.each([
  ['a 5-field cron', trigger('0 */1 * * *'), /bad cron: "0 \*\/1 \* \* \*" has 5 fields/],
  ['a value out of range', trigger('0 61 * * * * *'), /minute field: 61 is outside 0-59/],
  ['a name not starting with a letter', trigger('0 * * * * * *', '1st'), /trigger name "1st"/],
  ['another type', { triggers: [{ name: 'deliver', type: 'cos', config: '0 * * * * * *' }] }, /type must be "timer"/],
  [
    'two triggers (the platform takes one)',
    { triggers: [...trigger('0 * * * * * *').triggers, ...trigger('0 0 * * * * *', 'hourly').triggers] },
    /one trigger per function/,
  ],
])(
  '%s: the function’s triggers are refused, logged, listed with the reason, and 409 when fired',
  async (_label, config, reason) => {
    const name = `bad${Math.random().toString(36).slice(2, 8)}`;
    tickerAs(functionsDir, name, config);
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const entries = (await listed(lc)).triggers.filter((t) => t.function === name);
      expect(entries.length).toBeGreaterThan(0);
      for (const entry of entries) {
        expect(entry.error).toMatch(reason);
        expect(entry.nextAt).toBeUndefined();
      }
      expect(warn).toHaveBeenCalledWith(
        expect.stringMatching(new RegExp(`function ${name}: timer triggers not started`)),
      );
      const res = await post({ function: name });
      expect(res.status).toBe(409);
      expect(await res.json()).toMatchObject({ code: 'TRIGGER_INVALID', message: expect.stringMatching(reason) });
    } finally {
      warn.mockRestore();
      rmSync(path.join(functionsDir, name), { recursive: true, force: true });
    }
  },
);

/** Polls `what` until it gives a value. */
async function until<T>(what: () => Promise<T | undefined>, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await what();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('with timers: true, triggers fire by localcloud’s clock', () => {
  let timed: TestCloud;
  let dir: string;
  // the slow trigger's skipped ticks are logged every second: kept off the console, and checked
  let warn: jest.SpyInstance;

  beforeAll(async () => {
    warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    dir = mkdtempSync(path.join(os.tmpdir(), 'localcloud-timers-'));
    tickerAs(dir, 'ticker', trigger('* * * * * * *'));
    // Beijing 03:00 every day
    tickerAs(dir, 'nightly', trigger('0 0 3 * * * *', 'cleanup'));
    tickerAs(dir, 'slow', { timeout: 10, envVariables: { TICKER_SLEEP_MS: '2500' }, ...trigger('* * * * * * *') });
    timed = await startTestCloud({ functionsDir: dir, timers: true });
  });
  afterAll(async () => {
    await timed?.stop();
    rmSync(dir, { recursive: true, force: true });
    warn.mockRestore();
  });

  const entry = async (fn: string) => (await listed(timed)).triggers.find((t) => t.function === fn);

  test('an every-second trigger runs on its own, with the time it was due', async () => {
    const lastRun = await until(async () => (await entry('ticker'))?.lastRun);
    expect(lastRun).toMatchObject({ ok: true, event: { Type: 'Timer', TriggerName: 'deliver', Message: '' } });
    expect(lastRun.event.Time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(timed.functions.recent().find((r) => r.name === 'ticker')).toMatchObject({ source: 'wx_trigger' });
  });

  test('a slow run is not started twice: the ticks that come meanwhile are skipped', async () => {
    const slow = await until(async () => {
      const e = await entry('slow');
      return e && e.skipped >= 2 ? e : undefined;
    });
    expect(slow.running || slow.lastRun).toBeTruthy();
    // every run took its 2.5 s: none was cut short or doubled up
    const runs = timed.functions.recent().filter((r) => r.name === 'slow');
    expect(runs.every((r) => r.durationMs >= 2500)).toBe(true);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('timer slow/deliver: previous run still going'));
  });

  test('moving the clock to just before 03:00 Beijing fires the nightly trigger at 03:00', async () => {
    // 03:00 Beijing on 2030-01-02 is 19:00 UTC on 2030-01-01
    timed.clock.setOffset(Date.parse('2030-01-01T18:59:58.500Z') - Date.now());
    try {
      const lastRun = await until(async () => (await entry('nightly'))?.lastRun);
      expect(lastRun.event).toEqual({
        Type: 'Timer',
        TriggerName: 'cleanup',
        Time: '2030-01-01T19:00:00Z',
        Message: '',
      });
      expect((await entry('nightly'))?.nextAt).toBe('2030-01-02T19:00:00.000Z');
    } finally {
      timed.clock.setOffset(0);
    }
  });
});
