import { randomBytes } from 'node:crypto';
import type { Envelope } from '../../miniprogram/core/envelope';
import { deviceSecret, signDeviceRequest } from '../../server/devices/qr-devices';
import { DEMO_OPENIDS, startAppCloud, useAppCloud } from '../support/app-cloud';
import {
  DEVICE,
  deviceVerify,
  setReleaseMode as setReleaseModeOf,
  type DeviceAnswer,
  type Signing,
} from './support/device';
import { HX, codeFor, cst, data, residentPass, setRules } from '../support/fixtures';
import { setClock } from '../support/clock';

// QR door devices (P5): signed requests to the HTTP-triggered device function, and shake to open (R8).

const { resident } = DEMO_OPENIDS;
// the development DEVICE_MASTER_KEY localcloud's functions derive: the test signs as the device would
const app = useAppCloud({ setsLocalcloudUrl: true });

beforeEach(async () => {
  setClock(app, cst('2026-11-24 12:00'));
  await setRules(app, HX, { exitsPerPeriod: 0 });
  await setReleaseMode('device');
});

const verify = (payload: object, signing: Signing = {}) => deviceVerify(app, payload, signing);
const setReleaseMode = (mode: 'guard' | 'device') => setReleaseModeOf(app, HX, mode);

describe('device verify', () => {
  test('a site whose guards release (the default) refuses device releases', async () => {
    await setReleaseMode('guard');
    const code = await codeFor(app, resident);
    expect((await verify({ code })).body).toEqual({
      result: 'refuse',
      code: 'FORBIDDEN',
      message: '本小区未开通门禁二维码放行，请到门岗扫码',
    });
  });

  test('a signed request opens for a valid pass, once', async () => {
    const code = await codeFor(app, resident);
    const first = await verify({ code });
    expect(first).toEqual({
      status: 200,
      body: { result: 'open', holder: { name: '张伟', house: '3栋2单元301' }, at: expect.any(String) },
    });
    const second = await verify({ code });
    expect(second.body).toMatchObject({ result: 'refuse', code: 'PASS_USED', message: '该通行证已于12:00在东门使用' });
  });

  test('refusals carry the reason: expired, another site, quota', async () => {
    const code = await codeFor(app, resident);
    setClock(app, cst('2026-11-24 12:12'));
    expect((await verify({ code })).body).toMatchObject({ result: 'refuse', code: 'PASS_EXPIRED' });
    setClock(app, cst('2026-11-24 12:00'));
    await setRules(app, HX, { exitsPerPeriod: -1 });
    expect((await verify({ code })).body).toMatchObject({ result: 'refuse', code: 'QUOTA_EXHAUSTED' });
  });

  test.each<[string, (code: string) => Promise<DeviceAnswer>, string]>([
    ['bad signature', (code) => verify({ code }, { secret: 'f'.repeat(64) }), 'bad signature'],
    [
      'altered body',
      (code) => verify({ code }, { sentBody: JSON.stringify({ code, temperature: 36.5 }) }),
      'bad signature',
    ],
    [
      'stale timestamp',
      (code) => verify({ code }, { timestamp: String(Math.floor(app.lc.clock.now() / 1000) - 301) }),
      'stale timestamp',
    ],
    [
      'a timestamp from the future',
      (code) => verify({ code }, { timestamp: String(Math.floor(app.lc.clock.now() / 1000) + 301) }),
      'stale timestamp',
    ],
    ['unknown device', (code) => verify({ code }, { deviceId: 'device-nowhere' }), 'unknown device'],
    [
      'a rotated-out secret',
      (code) => verify({ code }, { secret: deviceSecret({ _id: DEVICE._id, secretVersion: 0 }) }),
      'bad signature',
    ],
  ])('%s → 401, and the pass is not used', async (_label, send, reason) => {
    const code = await codeFor(app, resident);
    const answer = await send(code);
    expect(answer).toEqual({ status: 401, body: { result: 'error', message: reason } });
    expect((await verify({ code })).body.result).toBe('open');
  });

  test('a replayed request (same nonce) is refused', async () => {
    const code = await codeFor(app, resident);
    const nonce = randomBytes(12).toString('hex');
    expect((await verify({ code }, { nonce })).body.result).toBe('open');
    expect(await verify({ code }, { nonce })).toEqual({
      status: 401,
      body: { result: 'error', message: 'nonce already used' },
    });
  });

  test('a refused request sent again is refused as a replay, even once the rules would let it through', async () => {
    const code = await codeFor(app, resident);
    const nonce = randomBytes(12).toString('hex');
    await setRules(app, HX, { exitsPerPeriod: -1 });
    expect((await verify({ code }, { nonce })).body).toMatchObject({ result: 'refuse', code: 'QUOTA_EXHAUSTED' });
    await setRules(app, HX, { exitsPerPeriod: 0 });
    expect(await verify({ code }, { nonce })).toEqual({
      status: 401,
      body: { result: 'error', message: 'nonce already used' },
    });
    expect((await verify({ code })).body.result).toBe('open');
  });

  test('one request sent several times at once opens the door once, 10 rounds of 2–8', async () => {
    for (let round = 0; round < 10; round += 1) {
      const code = await codeFor(app, resident);
      const nonce = randomBytes(12).toString('hex');
      const copies = 2 + (round % 7);
      const answers = await Promise.all(Array.from({ length: copies }, () => verify({ code }, { nonce })));
      const opened = answers.filter((a) => a.body.result === 'open').length;
      expect({ round, opened }).toEqual({ round, opened: 1 });
      for (const other of answers.filter((a) => a.body.result !== 'open')) {
        expect(other).toEqual({ status: 401, body: { result: 'error', message: 'nonce already used' } });
      }
    }
  });

  test('malformed requests get 4xx, never a crash', async () => {
    const code = await codeFor(app, resident);
    expect((await verify({ code }, { nonce: 'short' })).status).toBe(401);
    expect((await verify({ notACode: true })).status).toBe(400);
    expect((await verify({}, { rawBody: '{broken' })).status).toBe(400);
    const get = await fetch(`${app.lc.url}/http/device/verify`);
    expect(get.status).toBe(404);
  });

  test("a device verify costs at most 6 database calls (5 once the minute's counter exists)", async () => {
    const code = await codeFor(app, resident);
    const body = JSON.stringify({ code });
    const timestamp = String(Math.floor(app.lc.clock.now() / 1000));
    const nonce = randomBytes(12).toString('hex');
    const signature = signDeviceRequest(deviceSecret(DEVICE), {
      method: 'POST',
      operation: '/verify',
      timestamp,
      nonce,
      body,
    });
    const res = await fetch(`${app.lc.url}/http/device/verify`, {
      method: 'POST',
      headers: { 'x-device-id': DEVICE._id, 'x-timestamp': timestamp, 'x-nonce': nonce, 'x-signature': signature },
      body,
    });
    expect(((await res.json()) as { result: string }).result).toBe('open');
    expect(Number(res.headers.get('x-localcloud-db-calls'))).toBeLessThanOrEqual(6);
  });
});

// The platform's route `/device` matches by prefix and, unless 路径透传 is on, strips itself: the function sees
// `/verify` where the device sent `/device/verify`. The device signs the operation `/verify` either way.
describe('the HTTP access route /device, however it is mounted', () => {
  test('route stripped (the platform default): a request signed as docs/devices.md says opens', async () => {
    const code = await codeFor(app, resident);
    expect(await verify({ code })).toMatchObject({ status: 200, body: { result: 'open' } });
  });

  test('with 路径透传: the same signed request opens', async () => {
    const passthrough = await startAppCloud({ localcloud: { httpPathPassthrough: true } });
    try {
      setClock(passthrough, cst('2026-11-24 12:00'));
      await setRules(passthrough, HX, { exitsPerPeriod: 0 });
      await setReleaseModeOf(passthrough, HX, 'device');
      const code = await codeFor(passthrough, resident);
      expect(await deviceVerify(passthrough, { code })).toMatchObject({ status: 200, body: { result: 'open' } });
      expect((await deviceVerify(passthrough, { code }, { urlPath: '/http/device' })).status).toBe(404);
    } finally {
      await passthrough.stop();
    }
  });

  test.each([
    '/http/device',
    '/http/device/',
    '/http/device/open',
    '/http/device/verify/again',
    '/http/device/xverify',
  ])('a path that names no /verify (%s) is 404, and the pass is not used', async (urlPath) => {
    const code = await codeFor(app, resident);
    expect(await verify({ code }, { urlPath })).toEqual({
      status: 404,
      body: { result: 'error', message: 'POST /device/verify' },
    });
    expect((await verify({ code })).body.result).toBe('open');
  });
});

/** Shakes the demo resident's phone at 海信慧园. */
const shake = (requestId: string, doorId?: string) =>
  app.call<Envelope<{ opened: true; door: { id: string; name: string }; remaining: number | null }>>(
    'gate',
    { action: 'shakeOpen', siteId: HX, requestId, ...(doorId ? { doorId } : {}) },
    resident,
  );
const openings = async () =>
  ((await (await fetch(`${app.lc.url}/_dev/doors`)).json()) as { openings: Array<{ recipient: string }> }).openings;

describe('shake to open (R8)', () => {
  test('opens the default door once, records it, counts an exit; a retry opens nothing more', async () => {
    await setRules(app, HX, { exitsPerPeriod: 3 });
    setClock(app, cst('2026-11-25 08:00'));
    const before = (await openings()).length;
    const opened = data(await shake('shake-req-0001'));
    expect(opened).toEqual({ opened: true, door: { id: 'door-hx-east', name: '东门' }, remaining: 2 });
    expect((await openings()).slice(before).map((o) => o.recipient)).toEqual(['door-hx-east']);
    expect(data(await residentPass(app, resident)).quota).toMatchObject({ used: 1 });
    expect(app.lc.db.count('accessRecords', { kind: 'open', userId: 'user-zhangwei' })).toBe(1);
    setClock(app, cst('2026-11-25 08:00:30'));
    expect(data(await shake('shake-req-0001'))).toEqual(opened);
    expect((await openings()).length).toBe(before + 1);
    expect(data(await residentPass(app, resident)).quota).toMatchObject({ used: 1 });
  });

  test('a second shake within 5 s is refused; later it opens the chosen door', async () => {
    setClock(app, cst('2026-11-26 08:00'));
    data(await shake('shake-req-0002'));
    expect(await shake('shake-req-0003')).toMatchObject({ ok: false, code: 'RATE_LIMITED' });
    setClock(app, cst('2026-11-26 08:01'));
    expect(data(await shake('shake-req-0004', 'door-hx-north')).door.name).toBe('北门');
  });

  test('the rules apply: outside the windows, or a temperature required, the door stays shut', async () => {
    setClock(app, cst('2026-11-27 08:00'));
    await setRules(app, HX, { exitWindows: [{ start: '09:00', end: '18:00' }] });
    expect(await shake('shake-req-0005')).toMatchObject({ ok: false, code: 'OUTSIDE_HOURS' });
    await setRules(app, HX, { requireTemperature: true });
    expect(await shake('shake-req-0006')).toMatchObject({ ok: false, code: 'TEMPERATURE_REQUIRED' });
  });

  test('a refused shake, retried with the same request id after the cause went away: the same refusal', async () => {
    setClock(app, cst('2026-11-27 07:00'));
    await setRules(app, HX, { exitWindows: [{ start: '09:00', end: '18:00' }] });
    const first = await shake('shake-req-0010');
    expect(first).toMatchObject({ ok: false, code: 'OUTSIDE_HOURS' });
    await setRules(app, HX, {});
    expect(await shake('shake-req-0010')).toEqual(first);
    expect(data(await shake('shake-req-0011')).opened).toBe(true);
  });

  test('a controller that does not answer: a plain refusal, the exit and the 5 s wait given back', async () => {
    await setRules(app, HX, { exitsPerPeriod: 3 });
    setClock(app, cst('2026-11-28 08:00'));
    await fetch(`${app.lc.url}/_dev/doors`, { method: 'POST', body: JSON.stringify({ failNext: 1 }) });
    expect(await shake('shake-req-0007')).toMatchObject({
      ok: false,
      code: 'INTERNAL',
      message: '门禁暂时无法开启，请稍后再试或找门岗',
    });
    expect(data(await residentPass(app, resident)).quota).toMatchObject({ used: 0, remaining: 3 });
    // shaking again at once (a new request) is not "too often": the first shake opened nothing
    expect(data(await shake('shake-req-0008'))).toMatchObject({ opened: true, remaining: 2 });
  });
});

test('a device is limited to 60 requests a minute; the 61st is refused with 429', async () => {
  setClock(app, cst('2026-11-29 10:00'));
  const codes = await Promise.all(Array.from({ length: 61 }, () => codeFor(app, resident)));
  const answers = [];
  for (const code of codes) answers.push(await verify({ code }));
  expect(answers.slice(0, 60).map((a) => a.body.result)).toEqual(Array.from({ length: 60 }, () => 'open'));
  expect(answers[60]).toEqual({ status: 429, body: { result: 'error', message: 'too many requests' } });
  setClock(app, cst('2026-11-29 10:01'));
  expect((await verify({ code: await codeFor(app, resident) })).body.result).toBe('open');
});

/** A code issued at 08:00, with the clock moved to 08:30. */
const expiredCode = async () => {
  setClock(app, cst('2026-11-30 08:00'));
  const code = await codeFor(app, resident);
  setClock(app, cst('2026-11-30 08:30'));
  return code;
};

describe('a device proves who it is before anything is said about the code (issue 10)', () => {
  beforeAll(async () => {
    await app.lc.db.insert('devices', [
      {
        _id: 'device-hx-disabled',
        siteId: HX,
        name: '西门二维码门禁（停用）',
        gate: '西门',
        secretVersion: 1,
        status: 'disabled',
        createdAt: new Date(),
      },
    ]);
  });

  test.each<[string, () => Signing, string]>([
    ['an unknown device', () => ({ deviceId: 'device-nowhere' }), 'unknown device'],
    ['a signature of zeros', () => ({ secret: '0'.repeat(64) }), 'bad signature'],
    [
      'a disabled device',
      () => ({ deviceId: 'device-hx-disabled', secret: deviceSecret({ _id: 'device-hx-disabled', secretVersion: 1 }) }),
      'device disabled',
    ],
  ])('%s: 401 for a forged, an expired, a genuine and an unreadable code alike', async (_label, signingOf, reason) => {
    const signing = signingOf();
    const expired = await expiredCode();
    const genuine = await codeFor(app, resident);
    const answers = [
      await verify({ code: `${genuine.slice(0, -6)}AAAAAA` }, signing),
      await verify({ code: expired }, signing),
      await verify({ code: genuine }, signing),
      await verify({}, { ...signing, rawBody: 'not json' }),
    ];
    for (const answer of answers) expect(answer).toEqual({ status: 401, body: { result: 'error', message: reason } });
    expect((await verify({ code: genuine })).body.result).toBe('open');
  });

  test('a forged code at a device leaves a refusal record with the device, its gate and a short prefix only', async () => {
    setClock(app, cst('2026-11-30 09:00'));
    const since = new Date(app.lc.clock.now());
    const forged = `${(await codeFor(app, resident)).slice(0, -6)}AAAAAA`;
    expect(await verify({ code: forged })).toEqual({
      status: 200,
      body: { result: 'refuse', code: 'PASS_INVALID', message: '无效的通行码' },
    });
    const records = app.lc.db.find('accessRecords', { kind: 'refusal', at: { $gte: since } }, {});
    expect(records).toEqual([
      expect.objectContaining({
        siteId: HX,
        reason: 'PASS_INVALID',
        gate: '东门',
        actor: { kind: 'device', id: DEVICE._id, name: expect.any(String) },
        codePrefix: forged.slice(0, 12),
      }),
    ]);
    expect(JSON.stringify(records)).not.toContain(forged.slice(0, 13));
  });
});
