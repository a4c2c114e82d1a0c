import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleFunction } from '../../scripts/bundle-function';
import { DEMO_OPENIDS, useAppCloud } from '../support/app-cloud';
import { timerEvent } from '../support/timers';

// A timer-triggered run through the router: SOURCE wx_trigger and no OPENID reach the function's timers, by the
// timer event's TriggerName; nothing a user sends does. Driven through localcloud's gateway (X-WX-SOURCE).

let functionsDir: string;

beforeAll(async () => {
  functionsDir = mkdtempSync(path.join(os.tmpdir(), 'tongxing-timed-'));
  mkdirSync(path.join(functionsDir, 'timed'));
  await bundleFunction(
    path.join(__dirname, 'fixtures', 'timed', 'src', 'index.ts'),
    path.join(functionsDir, 'timed', 'index.js'),
  );
}, 120_000);

const cloud = useAppCloud(() => ({ localcloud: { functionsDir } }));

// after the cloud has stopped: afterAll hooks run in the order they are declared
afterAll(() => {
  rmSync(functionsDir, { recursive: true, force: true });
});

test('a timer run with no caller reaches the timer its trigger names', async () => {
  const answer = await cloud.call('timed', timerEvent('everyMinute'), undefined, { source: 'wx_trigger' });
  expect(answer).toEqual({ ok: true, data: { ranAt: expect.any(String), triggerName: 'everyMinute' } });
});

test('a timer run naming no timer of the function is NOT_FOUND, not a crash', async () => {
  for (const event of [timerEvent('hourly'), timerEvent('toString'), { action: 'whoAmI' }, {}]) {
    const answer = await cloud.call('timed', event, undefined, { source: 'wx_trigger' });
    expect(answer).toEqual({ ok: false, code: 'NOT_FOUND', message: '没有这个定时任务' });
  }
});

test('a call from a user never reaches a timer', async () => {
  const resident = DEMO_OPENIDS.resident;
  expect(await cloud.call('timed', timerEvent('everyMinute'), resident)).toMatchObject({ code: 'NOT_FOUND' });
  expect(await cloud.call('timed', { action: 'everyMinute' }, resident)).toMatchObject({ code: 'NOT_FOUND' });
  // anonymous, as the platform's timer is, but from the mini-program
  expect(await cloud.call('timed', timerEvent('everyMinute'))).toMatchObject({ code: 'NOT_FOUND' });
  expect(await cloud.call('timed', { action: 'whoAmI' })).toMatchObject({ code: 'UNAUTHENTICATED' });
});

test('a wx_trigger run that carries a WeChat user is refused', async () => {
  const answer = await cloud.call('timed', timerEvent('everyMinute'), DEMO_OPENIDS.resident, { source: 'wx_trigger' });
  expect(answer).toMatchObject({ ok: false, code: 'FORBIDDEN' });
});

test('user actions still answer their caller', async () => {
  const answer = await cloud.call('timed', { action: 'whoAmI' }, DEMO_OPENIDS.resident);
  expect(answer).toEqual({ ok: true, data: { openid: DEMO_OPENIDS.resident } });
});
