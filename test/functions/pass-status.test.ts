import type { PassStatusResponse } from '../../miniprogram/core/api/pass';
import type { Envelope } from '../../miniprogram/core/envelope';
import { DEMO_OPENIDS, useAppCloud } from '../support/app-cloud';
import { setClock } from '../support/clock';
import { HX, cst, data, release, residentPass, setRules } from '../support/fixtures';
import { deviceVerify, setReleaseMode } from './support/device';

// pass.passStatus: what became of a pass, for home's light poll while its code is on screen — asked through the
// dev gateway, released by a guard and by a QR door device, in one database call, and only to the holder.

const { resident, guard } = DEMO_OPENIDS;
const app = useAppCloud({ setsLocalcloudUrl: true });

beforeEach(async () => {
  setClock(app, cst('2026-11-24 12:00'));
  await setRules(app, HX, { exitsPerPeriod: 0 });
  await setReleaseMode(app, HX, 'guard');
});

const status = (passId: unknown, openid: string = resident) =>
  app.invoke<Envelope<PassStatusResponse>>('pass', { action: 'passStatus', passId }, openid);

test('a fresh pass is valid until its expiry, in one database call', async () => {
  const pass = data(await residentPass(app, resident));
  const { body, dbCalls } = await status(pass.passId);
  expect(data(body)).toEqual({ state: 'valid', expiresAt: pass.expiresAt });
  expect(dbCalls).toBe(1);
});

test('released by a guard: used, at the guard’s gate, at the release time', async () => {
  const pass = data(await residentPass(app, resident));
  data(await release(app, guard, pass.code, { gate: '东门' }));
  const { body, dbCalls } = await status(pass.passId);
  expect(data(body)).toMatchObject({ state: 'used', gate: '东门' });
  const { at } = data(body) as { at: string };
  expect(Math.abs(Date.parse(at) - app.lc.clock.now())).toBeLessThan(10_000);
  expect(dbCalls).toBe(1);
});

test('released by a QR door device: used, at the device’s gate', async () => {
  await setReleaseMode(app, HX, 'device');
  const pass = data(await residentPass(app, resident));
  expect((await deviceVerify(app, { code: pass.code })).body.result).toBe('open');
  expect(data((await status(pass.passId)).body)).toMatchObject({ state: 'used', gate: '东门' });
});

test('past its ten minutes: expired', async () => {
  const pass = data(await residentPass(app, resident));
  setClock(app, cst('2026-11-24 12:11'));
  expect(data((await status(pass.passId)).body)).toEqual({ state: 'expired', expiresAt: pass.expiresAt });
});

test('someone else’s pass, or one that does not exist, is not found: ids cannot be probed', async () => {
  const pass = data(await residentPass(app, resident));
  expect((await status(pass.passId, guard)).body).toEqual({
    ok: false,
    code: 'NOT_FOUND',
    message: '找不到这张通行证',
  });
  expect((await status('0'.repeat(32))).body).toEqual({ ok: false, code: 'NOT_FOUND', message: '找不到这张通行证' });
});

test.each([
  ['no pass id', undefined],
  ['a number', 42],
  ['not a pass id', 'issue-abc'],
  ['too long', 'a'.repeat(64)],
])('bad input (%s) is a clear refusal, not a crash', async (_case, passId) => {
  expect((await status(passId)).body).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
});
