/**
 * The door screen at the gate (issue 13): while a code is on screen the phone is bright and kept on, and both are
 * given back when home hides; a screenshot is told it will not open the gate; a code a guard released turns into
 * 已使用 (where, when) within seconds, offering the next code only when the quota allows; and every state that is
 * not a code — loading, a network fault — shows no QR.
 */
import { HX, cst, data, release, setRules } from '../support/fixtures';
import { DEMO_OPENIDS, usePageTests } from './support/app';
import { openTab } from './support/account';
import type { MiniProgram } from './support/mini-program';
import { passCard, passCode } from './support/pass';
import { PASS_STATUS_POLL_MS } from '../../miniprogram/core/api/pass';
import { phoneTimePasses, setServerClock, usePhoneClock } from './support/phone-clock';
import { waitUntil } from './support/wait';
import { captureScreen } from './support/wx-client';

const app = usePageTests();
usePhoneClock();
const guard = DEMO_OPENIDS.guard;

beforeEach(async () => {
  await setServerClock(app.cloud, cst('2026-11-25 08:00'));
});

const statusCalls = (calls: Array<{ data: Record<string, unknown> }>) =>
  calls.filter((call) => call.data.action === 'passStatus');

/**
 * The status poll's interval passes on the phone's clock (its timers fire at once, not in real time): resolves
 * when the poll it made has been answered, or when there was no poll to wait for.
 */
async function pollIntervalPasses(mp: MiniProgram, intervals = 1): Promise<void> {
  phoneTimePasses(intervals * PASS_STATUS_POLL_MS);
  // a poll's cloud call may start a macrotask after its timer fired
  await new Promise((resolve) => setTimeout(resolve, 0));
  await mp.settled();
}

test('while the code shows the screen is at full brightness and kept on; hiding home gives both back', async () => {
  const mp = await app.launch('pages/home/index', 'resident');
  const home = mp.currentPage;
  await passCode(home);
  await waitUntil(() => mp.phone.screen.brightness === 1, 'the screen brightened');
  expect(mp.phone.screen.keepOn).toBe(true);
  expect(mp.phone.calls.setKeepScreenOn).toEqual([true]);

  await openTab(mp, 'mine');
  // the person's own brightness, read before it was raised
  expect(mp.phone.screen).toMatchObject({ brightness: 0.4, keepOn: false });
  expect(mp.phone.calls.setScreenBrightness).toEqual([1, 0.4]);
  // and no screenshot listener left behind
  expect(mp.phone.screen.captureListeners.size).toBe(0);

  await openTab(mp, 'home');
  await passCode(home);
  await waitUntil(() => mp.phone.screen.brightness === 1, 'the screen brightened again');
});

test('a screenshot of the code gets a clear hint that it will not open the gate', async () => {
  const mp = await app.launch('pages/home/index', 'resident');
  const home = mp.currentPage;
  await passCode(home);
  expect(home.has('.capture-hint')).toBe(false);

  captureScreen(mp.phone);
  await waitUntil(() => home.has('.capture-hint'), 'the hint');
  expect(home.text('.capture-hint')).toBe('截图无法开门：二维码会自动更换且只能使用一次，请在门岗出示本页面');
  // the code itself stays: the person may still show it
  expect(home.has('#pass-qr')).toBe(true);
});

test('tapping the code fetches a new one now', async () => {
  const mp = await app.launch('pages/home/index', 'resident');
  const home = mp.currentPage;
  const first = await passCode(home);
  home.tap('.pass-card__code');
  expect(await passCode(home, first, { waitingFor: 'the tap', timeoutMs: 5_000 })).not.toBe(first);
});

test('a guard releases the code: within 3 s home shows 已使用 with the gate and the time, no QR, and the next code', async () => {
  await setRules(app.cloud, HX, { exitsPerPeriod: 3 });
  const mp = await app.launch('pages/home/index', 'resident');
  const home = mp.currentPage;
  const code = await passCode(home);

  data(await release(app.cloud, guard, code, { gate: '东门' }));
  // on the phone's clock: the poll's interval, then the poll's own call
  const releasedAt = Date.now();
  await pollIntervalPasses(mp);
  await waitUntil(() => home.has('.pass-card__used'), '已使用', 3_000);
  expect(Date.now() - releasedAt).toBeLessThan(3_000);
  expect(await passCard(home)).toBe('已使用东门 · 11月25日 08:00获取新通行证');
  expect(home.has('#pass-qr')).toBe(false);
  // the code is gone from the screen: so is its brightness, and the poll
  expect(mp.phone.screen).toMatchObject({ brightness: 0.4, keepOn: false });
  const polled = statusCalls(mp.phone.calls.callFunction).length;
  await pollIntervalPasses(mp, 2);
  expect(statusCalls(mp.phone.calls.callFunction)).toHaveLength(polled);

  home.tap('.pass-next', '.t-button');
  expect(await passCode(home, code)).not.toBe(code);
  expect(home.text('.pass-card')).toContain('今日还可出门 2 次');
});

test('the last exit of the day: 已使用, and when exits come back instead of a next code', async () => {
  await setRules(app.cloud, HX, { exitsPerPeriod: 1 });
  const mp = await app.launch('pages/home/index', 'resident');
  const home = mp.currentPage;
  data(await release(app.cloud, guard, await passCode(home), { gate: '北门' }));
  await pollIntervalPasses(mp);
  await waitUntil(() => home.has('.pass-card__used'), '已使用', 3_000);
  expect(home.text('.pass-card')).toBe('已使用北门 · 11月25日 08:00今日 1 次出门次数已用完，明日 0 点恢复');
  expect(home.has('.pass-next')).toBe(false);
  expect(home.has('.shake-hint')).toBe(false);
});

test('the status poll runs only while the code is on screen', async () => {
  const mp = await app.launch('pages/home/index', 'resident');
  const home = mp.currentPage;
  await passCode(home);
  const before = statusCalls(mp.phone.calls.callFunction).length;
  await pollIntervalPasses(mp);
  await pollIntervalPasses(mp);
  expect(statusCalls(mp.phone.calls.callFunction)).toHaveLength(before + 2);
  await openTab(mp, 'mine');
  await mp.settled();
  const polled = statusCalls(mp.phone.calls.callFunction).length;
  await pollIntervalPasses(mp, 2);
  expect(statusCalls(mp.phone.calls.callFunction)).toHaveLength(polled);
});

test('while the pass is being fetched: a loading line and no QR', async () => {
  // the pass's issue record is slow to write; the site answers at once
  await app.injectFaults({ mode: 'slow', delayMs: 2_000, count: 1, collection: 'accessRecords' });
  const mp = await app.launch('pages/home/index', 'resident');
  const home = mp.currentPage;
  await waitUntil(() => home.text('.pass-card').includes('正在获取通行证'), 'the loading line');
  expect(home.has('#pass-qr')).toBe(false);
  await app.clearFaults();
});

test('when the pass cannot be fetched: the fault in words, 重试, no QR, no shake, the screen left alone', async () => {
  // the pass's issue record cannot be written; the site still answers
  await app.injectFaults({ mode: 'fail', count: 1000, collection: 'accessRecords' });
  const mp = await app.launch('pages/home/index', 'resident');
  const home = mp.currentPage;
  await waitUntil(() => home.has('.pass-retry'), 'the fault');
  expect(home.has('#pass-qr')).toBe(false);
  expect(home.text('.pass-retry')).toBe('重试');
  expect(home.has('.shake-hint')).toBe(false);
  expect(mp.phone.calls.setKeepScreenOn).toEqual([]);

  await app.clearFaults();
  home.tap('.pass-retry', '.t-button');
  await passCode(home);
});
