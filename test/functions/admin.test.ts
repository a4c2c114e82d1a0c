import { randomBytes } from 'node:crypto';
import type { DeviceView, PassSettingsView } from '../../miniprogram/core/api/admin';
import type { Envelope } from '../../miniprogram/core/envelope';
import { signDeviceRequest } from '../../server/devices/qr-devices';
import { DEMO_OPENIDS, useAppCloud } from '../support/app-cloud';
import { HX, codeFor, cst, data, residentPass } from '../support/fixtures';
import { setClock } from '../support/clock';

// The admin function: pass settings (P2–P5), house restrictions (P10), QR door devices (P5).

const { admin, guard, resident } = DEMO_OPENIDS;
const app = useAppCloud();
let n = 0;

beforeEach(() => {
  setClock(app, cst('2026-11-24 12:00'));
});

const call = <T>(action: string, openid: string, params: object = {}) =>
  app.call<Envelope<T>>('admin', { action, siteId: HX, requestId: `admin-req-${(n += 1)}`, ...params }, openid);

const rules = {
  countingMode: 'perHousehold',
  periodDays: 2,
  exitsPerPeriod: 1,
  exitWindows: [{ start: '06:00', end: '22:00' }],
  requireIdRegistration: false,
  requireTemperature: true,
};

test('an administrator sets the pass rules; residents and guards live by them', async () => {
  const saved = data(
    await call<PassSettingsView>('updatePassSettings', admin, { residentPass: rules, releaseMode: 'guard' }),
  );
  expect(saved.residentPass).toMatchObject({ ...rules, periodAnchor: '2026-11-24' });
  expect(data(await call<PassSettingsView>('passSettings', admin))).toEqual(saved);
  expect(data(await residentPass(app, resident))).toMatchObject({
    quota: { limit: 1, countingMode: 'perHousehold' },
    requires: { temperature: true },
  });
});

test('only administrators of that site', async () => {
  for (const who of [guard, resident, DEMO_OPENIDS.observer]) {
    expect(await call('passSettings', who)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await call('registerDevice', who, { name: 'x', gate: '东门' })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
  }
});

test.each([
  [{ ...rules, exitsPerPeriod: -2 }, '周期内可出门次数应在-1到100之间'],
  [{ ...rules, exitWindows: [{ start: '25:00', end: '06:00' }] }, '时间段不正确'],
  [{ ...rules, periodDays: 0 }, '出门间隔周期应在1到365之间'],
  [{ ...rules, countingMode: 'perDog' }, '请选择出门计算方式'],
])('bad rules are refused: %j', async (badRules, message) => {
  expect(await call('updatePassSettings', admin, { residentPass: badRules, releaseMode: 'guard' })).toEqual({
    ok: false,
    code: 'INVALID_ARGUMENT',
    message,
  });
});

test('a house restriction bans, or gives the house its own count, and can be lifted', async () => {
  await call('updatePassSettings', admin, {
    residentPass: { ...rules, exitsPerPeriod: 0, requireTemperature: false },
    releaseMode: 'guard',
  });
  data(await call('restrictHouse', admin, { houseId: 'house-hx-3-2-301', restriction: { kind: 'banned' } }));
  expect(await residentPass(app, resident)).toMatchObject({ ok: false, code: 'HOUSE_RESTRICTED' });
  data(
    await call('restrictHouse', admin, {
      houseId: 'house-hx-3-2-301',
      restriction: { kind: 'ownQuota', exitsPerPeriod: 2 },
    }),
  );
  expect(data(await residentPass(app, resident)).quota.limit).toBe(2);
  data(await call('restrictHouse', admin, { houseId: 'house-hx-3-2-301', restriction: null }));
  expect(data(await residentPass(app, resident)).quota.limit).toBeNull();
  expect(await call('restrictHouse', admin, { houseId: 'house-hj-8-1-1203', restriction: null })).toMatchObject({
    code: 'NOT_FOUND',
  });
});

test('a registered device works with the secret shown once; rotation and disabling lock the old one out', async () => {
  await call('updatePassSettings', admin, {
    residentPass: { ...rules, exitsPerPeriod: 0, requireTemperature: false },
    releaseMode: 'device',
  });
  const { device, secret } = data(
    await call<{ device: DeviceView; secret: string }>('registerDevice', admin, { name: '西门读头', gate: '西门' }),
  );
  expect(secret).toMatch(/^[0-9a-f]{64}$/);
  expect((await verify(device.id, secret, await codeFor(app, resident))).status).toBe(200);

  const rotated = data(
    await call<{ device: DeviceView; secret: string }>('rotateDeviceSecret', admin, { deviceId: device.id }),
  );
  expect(rotated.device.secretVersion).toBe(2);
  expect((await verify(device.id, secret, await codeFor(app, resident))).status).toBe(401);
  expect((await verify(device.id, rotated.secret, await codeFor(app, resident))).body).toMatchObject({
    result: 'open',
  });

  data(await call('setDeviceStatus', admin, { deviceId: device.id, status: 'disabled' }));
  expect(await verify(device.id, rotated.secret, await codeFor(app, resident))).toEqual({
    status: 401,
    body: { result: 'error', message: 'device disabled' },
  });
  const listed = data(await call<{ devices: DeviceView[] }>('devices', admin)).devices;
  expect(listed.find((d) => d.id === device.id)).toEqual({ ...rotated.device, status: 'disabled' });
});

async function verify(deviceId: string, secret: string, code: string) {
  const body = JSON.stringify({ code });
  const timestamp = String(Math.floor(app.lc.clock.now() / 1000));
  const nonce = randomBytes(12).toString('hex');
  const signature = signDeviceRequest(secret, { method: 'POST', operation: '/verify', timestamp, nonce, body });
  const res = await fetch(`${app.lc.url}/http/device/verify`, {
    method: 'POST',
    headers: { 'x-device-id': deviceId, 'x-timestamp': timestamp, 'x-nonce': nonce, 'x-signature': signature },
    body,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

test('access records: newest first, refusals only on request, and only for administrators', async () => {
  await call('updatePassSettings', admin, {
    residentPass: { ...rules, exitsPerPeriod: 0, requireTemperature: false },
    releaseMode: 'guard',
  });
  setClock(app, cst('2026-11-25 09:00'));
  const code = await codeFor(app, resident);
  const release = (c: string) =>
    app.call(
      'gate',
      { action: 'release', code: c, siteId: HX, gate: '东门', requestId: `records-req-${(n += 1)}` },
      guard,
    );
  expect(await release(code)).toMatchObject({ ok: true });
  setClock(app, cst('2026-11-25 09:01'));
  await release(code);
  const all = data(
    await call<{ records: Array<{ kind: string; at: string; gate?: string }>; hasMore: boolean }>('records', admin, {
      from: '2026-11-25T00:00:00+08:00',
    }),
  );
  expect(all.records.slice(0, 3).map((r) => r.kind)).toEqual(['refusal', 'release', 'issue']);
  expect(all.records[1]).toMatchObject({
    gate: '东门',
    holderName: '张伟',
    house: '3栋2单元301',
    actor: { kind: 'guard', name: '王强' },
  });
  const refused = data(
    await call<{ records: Array<{ result: string; reason?: string }> }>('records', admin, {
      from: '2026-11-25T00:00:00+08:00',
      result: 'refused',
    }),
  );
  expect(refused.records).toEqual([expect.objectContaining({ result: 'refused', reason: 'PASS_USED' })]);
  expect(await call('records', guard)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  expect(await call('records', admin, { from: 'yesterday' })).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
});

test('cards imported from CSV can then be bound by their owners; bad lines are reported', async () => {
  const csv = [
    'number,type,phone,validTo,balanceFen,plate',
    'HXN001,会员卡/车卡,13955550001,2027-01-31,,鲁B66666',
    'HXN002,stored,13955550002,,12345,',
    'X,门禁卡,13955550003,,,',
    'HXN004,月卡,13955550004,,,',
    'HXN005,access,139,,,',
    'HXN006,access,13955550006,31/12/2027,,',
  ].join('\n');
  const result = data(
    await call<{ imported: number; problems: Array<{ line: number; message: string }> }>('importCards', admin, { csv }),
  );
  expect(result).toEqual({
    imported: 2,
    problems: [
      { line: 4, message: '卡号应为4到32位字母或数字' },
      { line: 5, message: '卡类型应为会员卡/车卡、储值卡或门禁卡' },
      { line: 6, message: '手机号应为11位' },
      { line: 7, message: '日期格式应为YYYY-MM-DD' },
    ],
  });
  const card = { siteId: HX, type: 'member', number: 'HXN001', phone: '13955550001' };
  const send = await app.call<Envelope<unknown>>(
    'card',
    { action: 'sendCode', requestId: `imp-${(n += 1)}abcdef`, ...card },
    resident,
  );
  expect(send.ok).toBe(true);
  expect(await call('importCards', admin, { siteId: 'site-hongjin-ge', csv })).toMatchObject({
    ok: false,
    code: 'FORBIDDEN',
  });
  expect(await call('importCards', guard, { csv })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
});
