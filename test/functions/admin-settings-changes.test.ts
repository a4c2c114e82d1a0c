import type { PassSettingsView } from '../../miniprogram/core/api/admin';
import type { SettingsChangeView } from '../../miniprogram/core/api/admin-changes';
import type { ExitSlipSettings } from '../../miniprogram/core/api/admin-exit-slip';
import type { VisitorSettings } from '../../miniprogram/core/api/visitor';
import type { Envelope } from '../../miniprogram/core/envelope';
import { DEFAULT_EXIT_SLIP_SETTINGS } from '../../miniprogram/core/exit-slip-rules';
import { DEMO_OPENIDS, useAppCloud } from '../support/app-cloud';
import { setClock } from '../support/clock';
import { HX, addStaff, codeFor, cst, data, release, scan } from '../support/fixtures';
import { smsCode } from '../support/sms';
import { deviceVerify } from './support/device';

// 出门条设置 (P9) and 最近修改: every settings change of the admin function is recorded with who and when, in the same
// step as the change; and the release mode (P5) decides who releases a resident's pass at the next scan.

const { admin, guard, resident } = DEMO_OPENIDS;
const app = useAppCloud({ setsLocalcloudUrl: true });
let n = 0;
let demoRules: unknown;

beforeAll(() => {
  demoRules = app.lc.db.find('sites', { _id: HX }, {})[0].residentPass;
});

const where = { multi: true, merge: true, upsert: false };

/** Each test starts from the demo site: its settings as loaded, no restriction, no changes recorded. */
beforeEach(async () => {
  setClock(app, cst('2026-11-24 12:00'));
  await app.lc.db.modify('sites', { _id: HX }, { $unset: { exitSlipSettings: '', recordRetentionDays: '' } }, where);
  await app.lc.db.modify('sites', { _id: HX }, { $set: { releaseMode: 'guard', residentPass: demoRules } }, where);
  await app.lc.db.modify('houses', { siteId: HX }, { $unset: { restriction: '' } }, where);
  await app.lc.db.remove('settingsChanges', {}, true);
});

const call = <T>(action: string, openid: string, params: object = {}, requestId = `changes-req-${(n += 1)}`) =>
  app.call<Envelope<T>>('admin', { action, siteId: HX, requestId, ...params }, openid);

const changes = async (params: object = {}) =>
  data(await call<{ changes: SettingsChangeView[]; page: number; hasMore: boolean }>('settingsChanges', admin, params));

const rules = {
  countingMode: 'perPerson',
  periodDays: 1,
  exitsPerPeriod: 1,
  exitWindows: [],
  requireIdRegistration: false,
  requireTemperature: false,
};

test('出门条设置: the defaults, then what the administrator saves; a hidden field is never required', async () => {
  expect(data(await call<{ settings: ExitSlipSettings }>('exitSlipSettings', admin))).toEqual({
    settings: DEFAULT_EXIT_SLIP_SETTINGS,
  });
  const settings: ExitSlipSettings = {
    arrearsMayApply: true,
    fields: { ...DEFAULT_EXIT_SLIP_SETTINGS.fields, company: { show: false, required: true } },
  };
  const saved = data(await call<{ settings: ExitSlipSettings }>('setExitSlipSettings', admin, { settings }));
  expect(saved.settings.fields.company).toEqual({ show: false, required: false });
  expect(saved.settings.arrearsMayApply).toBe(true);
  expect(data(await call<{ settings: ExitSlipSettings }>('exitSlipSettings', admin))).toEqual(saved);
});

test.each([
  [{ arrearsMayApply: 'yes', fields: DEFAULT_EXIT_SLIP_SETTINGS.fields }, '欠费住户可申请格式不正确'],
  [
    { arrearsMayApply: true, fields: { ...DEFAULT_EXIT_SLIP_SETTINGS.fields, goods: { show: 1 } } },
    '是否显示格式不正确',
  ],
  [{ arrearsMayApply: true }, '请求格式不正确'],
])('bad 出门条设置 are refused in the envelope, and leave no change: %j', async (settings, message) => {
  expect(await call('setExitSlipSettings', admin, { settings })).toEqual({
    ok: false,
    code: 'INVALID_ARGUMENT',
    message,
  });
  expect((await changes()).changes).toEqual([]);
});

test('only the administrators of the site read or change them, or read the changes', async () => {
  for (const who of [guard, resident, DEMO_OPENIDS.observer]) {
    expect(await call('exitSlipSettings', who)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await call('setExitSlipSettings', who, { settings: DEFAULT_EXIT_SLIP_SETTINGS })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
    expect(await call('settingsChanges', who)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  }
  expect(await call('settingsChanges', admin, { siteId: 'site-hongjin-ge' })).toMatchObject({ code: 'FORBIDDEN' });
});

test('every settings change is recorded with who and when, field by field, newest first', async () => {
  data(await call('updatePassSettings', admin, { residentPass: rules, releaseMode: 'device' }));
  setClock(app, cst('2026-11-24 12:05'));
  const { settings: demoVisitorSettings } = data(await call<{ settings: VisitorSettings }>('visitorSettings', admin));
  data(
    await call('setVisitorSettings', admin, {
      settings: { ...demoVisitorSettings, residentsMayInvite: false, maxVisitHours: 8 },
    }),
  );
  setClock(app, cst('2026-11-24 12:10'));
  data(
    await call('setExitSlipSettings', admin, { settings: { ...DEFAULT_EXIT_SLIP_SETTINGS, arrearsMayApply: true } }),
  );
  data(await call('restrictHouse', admin, { houseId: 'house-hx-3-2-301', restriction: { kind: 'banned' } }));
  const { device } = data(
    await call<{ device: { id: string } }>('registerDevice', admin, { name: '西门读头', gate: '西门' }),
  );
  data(await call('setDeviceStatus', admin, { deviceId: device.id, status: 'disabled' }));
  data(await call('rotateDeviceSecret', admin, { deviceId: device.id }));
  data(await call('setRetention', admin, { accessRecordsDays: 90, visitorDataDays: 14 }));

  const listed = await changes();
  expect(listed.hasMore).toBe(false);
  const by = { name: '陈静', accountId: '20260004' };
  expect(listed.changes.map((c) => [c.area, c.subject, c.action])).toEqual([
    ['retention', undefined, undefined],
    ['device', '西门读头（西门）', '更换密钥'],
    ['device', '西门读头（西门）', undefined],
    ['device', '西门读头（西门）', '添加设备'],
    ['restriction', '3栋2单元301', undefined],
    ['exitSlip', undefined, undefined],
    ['visitorPass', undefined, undefined],
    ['residentPass', undefined, undefined],
  ]);
  expect(listed.changes.every((c) => c.by.name === by.name && c.by.accountId === by.accountId)).toBe(true);
  const [retention, , status, , restriction, exitSlip, visitor, resident_] = listed.changes;
  expect(retention.changes).toEqual([
    { field: '出入记录保存', before: '180天', after: '90天' },
    { field: '访客资料保存', before: '30天', after: '14天' },
  ]);
  expect(status.changes).toEqual([{ field: '设备状态', before: '启用', after: '停用' }]);
  expect(restriction.changes).toEqual([{ field: '限制出入', before: '不限制', after: '禁止出入' }]);
  expect(exitSlip.changes).toEqual([{ field: '欠费住户申请出门条', before: '不允许', after: '允许' }]);
  expect(visitor.at).toMatch(/^2026-11-24T04:05/);
  expect(visitor).toMatchObject({
    changes: [
      { field: '住户邀请访客', before: '无需审核', after: '需管理员审核' },
      { field: '最长来访时长', before: '24小时', after: '8小时' },
    ],
  });
  expect(resident_.at).toMatch(/^2026-11-24T04:0[01]/);
  expect(resident_).toMatchObject({
    changes: [
      { field: '周期内可出门次数', before: '3次', after: '1次' },
      { field: '可出门时间段', before: '05:00-23:30', after: '全天' },
      { field: '放行方式', before: '门岗扫码', after: '门禁二维码' },
    ],
  });
  expect((await changes({ area: 'device' })).changes).toHaveLength(3);
  // the same area twice in a row, nothing changed: no line
  data(await call('setRetention', admin, { accessRecordsDays: 90, visitorDataDays: 14 }));
  expect((await changes()).changes).toHaveLength(8);
});

test('a retried request is answered as the first time and records its change once', async () => {
  const first = await call<PassSettingsView>(
    'updatePassSettings',
    admin,
    { residentPass: rules, releaseMode: 'guard' },
    'changes-retry-0001',
  );
  const again = await call<PassSettingsView>(
    'updatePassSettings',
    admin,
    { residentPass: rules, releaseMode: 'guard' },
    'changes-retry-0001',
  );
  expect(again).toEqual(first);
  expect((await changes()).changes).toHaveLength(1);
  expect(app.lc.db.count('settingsChanges', {})).toBe(1);
});

test('the changes come 20 a page', async () => {
  for (let days = 31; days <= 51; days += 1)
    data(await call('setRetention', admin, { accessRecordsDays: days, visitorDataDays: 30 }));
  const first = await changes();
  expect(first.changes).toHaveLength(20);
  expect(first.hasMore).toBe(true);
  expect(first.changes[0].changes[0].after).toBe('51天');
  const second = await changes({ page: 2 });
  expect(second).toMatchObject({ page: 2, hasMore: false });
  expect(second.changes.map((c) => c.changes[0].after)).toEqual(['31天']);
  expect(await call('settingsChanges', admin, { area: 'everything' })).toMatchObject({ code: 'INVALID_ARGUMENT' });
});

test('门禁二维码: the guard is refused a resident pass, at scan and at release, and the device opens for it', async () => {
  const anyExits = { ...rules, exitsPerPeriod: 0 };
  data(await call('updatePassSettings', admin, { residentPass: anyExits, releaseMode: 'device' }));
  const code = await codeFor(app, resident);
  const refusal = {
    ok: false,
    code: 'FORBIDDEN',
    message: '本小区住户通行证由门禁设备扫码放行，请到门禁设备扫码出门',
  };
  expect(await scan(app, guard, code)).toEqual(refusal);
  expect(await release(app, guard, code)).toEqual(refusal);
  expect((await deviceVerify(app, { code })).body).toMatchObject({ result: 'open' });

  data(await call('updatePassSettings', admin, { residentPass: anyExits, releaseMode: 'guard' }));
  expect((await deviceVerify(app, { code: await codeFor(app, resident) })).body).toMatchObject({ result: 'refuse' });
});

// last: 陈静's account is gone after it
test('an administrator who deletes their account leaves the site its changes, with who anonymised', async () => {
  data(await call('setRetention', admin, { accessRecordsDays: 120, visitorDataDays: 30 }));
  // a site keeps an administrator (LAST_ADMIN): another one first
  await addStaff(app, 'changes-second-admin', HX, 'admin');
  const account = (action: string, params: object = {}) =>
    app.call<Envelope<unknown>>('account', { action, requestId: `delete-${(n += 1)}-req`, ...params }, admin);
  data(await account('sendDeletionCode'));
  data(await account('deleteAccount', { code: await smsCode(app, '13912340005') }));

  const lines = app.lc.db.find('settingsChanges', { siteId: HX }, {});
  expect(lines).toHaveLength(1);
  expect(lines[0].by).toEqual({ userId: 'deleted', name: '已注销用户' });
  expect(JSON.stringify(lines)).not.toMatch(/陈静|20260004|13912340005/);
});
