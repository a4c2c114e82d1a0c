import { randomUUID } from 'node:crypto';
import type { AccessRecordView } from '../../miniprogram/core/api/admin';
import {
  RECORDS_EXPORT_LIMIT,
  type AuditEntryView,
  type ObserverView,
} from '../../miniprogram/core/api/admin-observers';
import type { Envelope } from '../../miniprogram/core/envelope';
import { DEMO_OPENIDS, useAppCloud } from '../support/app-cloud';
import { setClock } from '../support/clock';
import { HX, codeFor, cst, data, release, setRules } from '../support/fixtures';
import { ROUND_SIZES, freezeClock, tally, warmInstances } from './support/races';

// 观察员 (P11), the records' filters (P12) and the export (X6): an administrator invites an observer by phone, name
// and organisation; the person binds the code signed in with that phone and reads 海信慧园's records masked, each
// read written to the audit log the administrator reads; expired and revoked observers hear why they are refused;
// the CSV export masks names, holds no phones, ID numbers or openids, stops at its row limit, and is audited.

const { admin: chenjing, guard: wangqiang, resident: zhangwei, resident2: lina } = DEMO_OPENIDS;
const LI_NA_PHONE = '13912340003';
/** 张伟's ID number, registered at the gate: no export may carry it */
const HIS_ID = '320102198002151232';

const app = useAppCloud();

const adminCall = <T>(action: string, openid: string, params: object = {}) =>
  app.call<Envelope<T>>('admin', { action, siteId: HX, requestId: randomUUID(), ...params }, openid);
const accept = (openid: string, code: string, requestId = randomUUID()) =>
  app.call<Envelope<{ role: string; site: { id: string } }>>(
    'site',
    { action: 'acceptInvitation', requestId, code },
    openid,
  );
const invite = (params: object = {}) =>
  adminCall<{ observer: ObserverView; code: string }>('addObserver', chenjing, {
    phone: LI_NA_PHONE,
    name: '李娜',
    organisation: '派出所',
    ...params,
  });
const observers = async () => data(await adminCall<{ observers: ObserverView[] }>('observers', chenjing)).observers;
const records = (openid: string, params: object = {}) =>
  adminCall<{ records: AccessRecordView[]; hasMore: boolean }>('records', openid, params);
const auditLog = async () =>
  data(await adminCall<{ entries: AuditEntryView[]; hasMore: boolean }>('auditLog', chenjing)).entries;
const exportRecords = (openid: string, params: object = {}) =>
  adminCall<{ url: string; rows: number; truncated: boolean; fileName: string }>('exportRecords', openid, params);
const rolesAtHx = async (openid: string) => {
  const { items } = data(
    await app.call<Envelope<{ items: Array<{ id: string; roles: string[] }> }>>('site', { action: 'mine' }, openid),
  );
  return items.find((site) => site.id === HX)?.roles ?? [];
};
const download = async (url: string) => {
  const res = await fetch(url);
  expect(res.status).toBe(200);
  return new TextDecoder().decode(await res.arrayBuffer());
};

beforeAll(async () => {
  // records to read: 张伟 released twice at 东门 by 王强 (the second refused: used), his ID number registered
  setClock(app, cst('2026-11-25 09:00'));
  await setRules(app, HX, { requireIdRegistration: true, exitsPerPeriod: 0 });
  const code = await codeFor(app, zhangwei);
  data(await release(app, wangqiang, code, { gate: '东门', idNumber: HIS_ID }));
  await release(app, wangqiang, code, { gate: '东门' });
});

beforeEach(() => setClock(app, cst('2026-11-25 12:00')));

let liNaObserver = '';

test('an administrator invites 李娜 as an observer; the code binds only for her phone, once', async () => {
  const { observer, code } = data(await invite({ expiresOn: '2026-12-31' }));
  expect(observer).toMatchObject({
    status: 'pending',
    name: '李娜',
    organisation: '派出所',
    phone: '139****0003',
    expiresAt: cst('2027-01-01 00:00').toISOString(),
  });
  expect((await observers()).map((o) => o.status)).toEqual(['pending', 'active']);
  // the staff list does not show an observer's invitation
  const staff = data(await adminCall<{ invitations: unknown[] }>('staff', chenjing));
  expect(staff.invitations).toEqual([]);

  // someone else with the code gets nothing, and the code stays good
  expect(await accept(zhangwei, code)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  expect(data(await accept(lina, code))).toMatchObject({ role: 'observer', site: { id: HX } });
  expect(await accept(lina, code)).toMatchObject({ ok: false, code: 'CONFLICT', message: '该邀请码已被使用' });

  const list = await observers();
  const bound = list.find((o) => o.name === '李娜');
  expect(bound).toMatchObject({ status: 'active', organisation: '派出所', phone: '139****0003' });
  liNaObserver = bound?.id ?? '';
  const current = data(await app.call<Envelope<{ roles: string[] }>>('site', { action: 'current' }, lina));
  expect(current.roles).toContain('observer');
});

test('bad invitations are refused: a phone, an empty name, a day already past; only administrators invite', async () => {
  expect(await invite({ phone: '123' })).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
  expect(await invite({ name: '' })).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
  expect(await invite({ expiresOn: '2026-11-24' })).toMatchObject({
    ok: false,
    code: 'INVALID_ARGUMENT',
    message: '截止日期不能早于今天',
  });
  expect(
    await adminCall('addObserver', lina, { phone: LI_NA_PHONE, name: '李娜', organisation: '派出所' }),
  ).toMatchObject({ ok: false, code: 'FORBIDDEN' });
});

test('the observer reads the records masked, and every read is in the audit log', async () => {
  const before = (await auditLog()).length;
  const answer = data(await records(lina, { from: '2026-11-25T00:00:00+08:00', gate: '东门' }));
  // the pass's issue was at no gate: the gate filter leaves it out
  expect(answer.records.map((r) => r.kind)).toEqual(['refusal', 'release']);
  expect(answer.records[1]).toMatchObject({ holderName: '张*', gate: '东门', actor: { kind: 'guard', name: '王*' } });
  const text = JSON.stringify(answer);
  for (const secret of ['张伟', '王强', '13912340001', HIS_ID, zhangwei, 'userId', 'openid']) {
    expect(text).not.toContain(secret);
  }
  // the administrator still reads names (the back office's own view), and is not audited for it
  const asAdmin = data(await records(chenjing, { from: '2026-11-25T00:00:00+08:00' }));
  expect(asAdmin.records[1]).toMatchObject({ holderName: '张伟' });

  const entries = await auditLog();
  expect(entries).toHaveLength(before + 1);
  expect(entries[0]).toMatchObject({
    action: 'records',
    actor: { name: '李娜', role: 'observer' },
    filters: { from: '2026-11-25T00:00:00+08:00', gate: '东门', page: 1 },
    rows: 2,
  });
  expect(Date.parse(entries[0].at) - cst('2026-11-25 12:00').getTime()).toBeLessThan(60_000);
});

test('the filters: gate, pass type, result and dates narrow the records', async () => {
  const day = { from: '2026-11-25T00:00:00+08:00', to: '2026-11-26T00:00:00+08:00' };
  const kinds = async (params: object) => data(await records(lina, { ...day, ...params })).records.map((r) => r.kind);
  expect(await kinds({ gate: '西门' })).toEqual([]);
  expect(await kinds({ passType: 'resident', result: 'ok' })).toEqual(['release', 'issue']);
  expect(await kinds({ passType: 'visitor' })).toEqual([]);
  expect(await kinds({ result: 'refused', gate: '东门' })).toEqual(['refusal']);
  expect(await kinds({ to: '2026-11-25T00:00:00+08:00', from: '2026-11-24T00:00:00+08:00' })).toEqual([]);
  expect(await records(lina, { passType: 'car' })).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
});

test('an observer is refused every writing action and the back office’s other reads', async () => {
  for (const action of ['passSettings', 'staff', 'observers', 'auditLog', 'activePasses']) {
    expect(await adminCall(action, lina, { kind: 'resident' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  }
  expect(await adminCall('revokeObserver', lina, { id: liNaObserver })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
});

test('the export: a CSV with a Chinese header, Shanghai times, names masked, no phones or ID numbers; audited', async () => {
  setClock(app, cst('2026-11-25 13:00'));
  const before = (await auditLog()).length;
  const answer = data(await exportRecords(lina, { from: '2026-11-25T00:00:00+08:00', result: 'ok' }));
  expect(answer).toMatchObject({ rows: 2, truncated: false });
  expect(answer.fileName).toMatch(/^出入记录-\d{12}\.csv$/);
  const csv = await download(answer.url);
  const lines = csv
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n');
  expect(lines[0]).toBe('时间,事件,结果,原因,通行证类型,持证人,房屋,受访人,门岗,方向,体温,操作方');
  expect(lines.slice(1)).toEqual([
    expect.stringMatching(/^2026-11-25 09:00:\d\d,放行,成功,,住户通行证,张\*,3栋2单元301,,东门,出,,门岗 王\*$/),
    expect.stringMatching(/^2026-11-25 09:00:\d\d,领取通行码,成功,,住户通行证,张\*,3栋2单元301,,,出,,/),
  ]);
  for (const secret of ['张伟', '王强', '13912340001', HIS_ID, zhangwei]) expect(csv).not.toContain(secret);
  expect(csv).not.toMatch(/1\d{10}/);

  // the administrator's export is masked the same way, and audited too
  const mine = data(await exportRecords(chenjing, { from: '2026-11-25T00:00:00+08:00' }));
  expect(await download(mine.url)).not.toContain('张伟');
  const entries = await auditLog();
  expect(entries.slice(0, 2)).toEqual([
    expect.objectContaining({ action: 'exportRecords', actor: { name: '陈静', role: 'admin' }, rows: 3 }),
    expect.objectContaining({
      action: 'exportRecords',
      actor: { name: '李娜', role: 'observer' },
      rows: 2,
      filters: { from: '2026-11-25T00:00:00+08:00', result: 'ok' },
    }),
  ]);
  expect(entries).toHaveLength(before + 2);
});

test(`an export stops at ${RECORDS_EXPORT_LIMIT} rows and says so`, async () => {
  setClock(app, cst('2026-11-25 14:00'));
  // a busy day of 2026-10-01: more records than an export holds, several at the same instant
  const start = cst('2026-10-01 08:00').getTime();
  const docs = Array.from({ length: RECORDS_EXPORT_LIMIT + 7 }, (_v, i) => ({
    siteId: HX,
    at: new Date(start + Math.floor(i / 3) * 1000),
    kind: 'scan',
    result: 'ok',
    passType: 'resident',
    holderName: '赵六',
    house: `H${i}`,
    gate: '北门',
    direction: 'out',
    actor: { kind: 'guard', id: 'g', name: '王强' },
  }));
  await app.lc.db.insert('accessRecords', docs);
  const day = { from: '2026-10-01T00:00:00+08:00', to: '2026-10-02T00:00:00+08:00' };
  const answer = data(await exportRecords(lina, { ...day, gate: '北门' }));
  expect(answer).toMatchObject({ rows: RECORDS_EXPORT_LIMIT, truncated: true });
  const lines = (await download(answer.url)).trim().split('\r\n');
  expect(lines).toHaveLength(RECORDS_EXPORT_LIMIT + 1);
  // newest first, and no record twice though three share each instant: the 7 oldest are left out
  expect(lines[1]).toMatch(/^2026-10-01 08:55:35,扫码,成功,,住户通行证,赵\*,H1000[56],,北门,出,,门岗 王\*$/);
  expect(lines[lines.length - 1]).toMatch(/^2026-10-01 08:00:02,.*,H7,/);
  expect(new Set(lines.slice(1).map((l) => l.split(',')[6])).size).toBe(RECORDS_EXPORT_LIMIT);
  const narrower = data(await exportRecords(lina, { ...day, to: '2026-10-01T08:00:02+08:00' }));
  expect(narrower).toMatchObject({ rows: 6, truncated: false });
  expect((await auditLog())[0]).toMatchObject({ action: 'exportRecords', rows: 6 });
});

test('a retried export or invitation answers the first answer: one file, one audit entry, one code', async () => {
  setClock(app, cst('2026-11-25 14:10'));
  const before = (await auditLog()).length;
  const exportOnce = { action: 'exportRecords', siteId: HX, requestId: randomUUID(), result: 'ok' };
  const first = data(await app.call<Envelope<{ url: string }>>('admin', exportOnce, lina));
  const again = data(await app.call<Envelope<{ url: string }>>('admin', exportOnce, lina));
  expect(again).toEqual(first);
  expect(await auditLog()).toHaveLength(before + 1);

  const inviteOnce = {
    action: 'addObserver',
    siteId: HX,
    requestId: randomUUID(),
    phone: '13912340001',
    name: '张伟',
    organisation: '居委会',
  };
  const made = data(await app.call<Envelope<{ code: string }>>('admin', inviteOnce, chenjing));
  expect(data(await app.call<Envelope<{ code: string }>>('admin', inviteOnce, chenjing)).code).toBe(made.code);
  expect((await observers()).filter((o) => o.name === '张伟')).toHaveLength(1);
});

test('the daily purge deletes export files a day old, and the audit entries stay', async () => {
  setClock(app, cst('2026-11-25 15:00'));
  const { url } = data(await exportRecords(chenjing, { from: '2026-11-25T00:00:00+08:00' }));
  const named = () => app.lc.db.find('auditLog', { fileId: { $exists: true } }, {}).length;
  expect(named()).toBeGreaterThanOrEqual(5);
  const entries = (await auditLog()).length;

  setClock(app, cst('2026-11-26 14:30'));
  await app.lc.timers.fire('admin', 'purge');
  expect(named()).toBe(1);
  setClock(app, cst('2026-11-26 15:01'));
  const run = await app.lc.timers.fire('admin', 'purge');
  expect(run).toMatchObject({ ok: true, result: { data: { exportFiles: 1 } } });
  expect(named()).toBe(0);
  expect((await fetch(url)).status).not.toBe(200);
  expect(await auditLog()).toHaveLength(entries);
});

test('an expired observer is refused and told since when', async () => {
  setClock(app, cst('2027-01-01 00:00'));
  expect(await records(lina)).toMatchObject({
    ok: false,
    code: 'FORBIDDEN',
    message: '您的观察员权限已于 2026-12-31 到期，请联系物业',
  });
  expect(await exportRecords(lina)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  expect((await observers()).find((o) => o.id === liNaObserver)).toMatchObject({ status: 'expired' });
  // and 我的 no longer offers her the records: the role is gone from the site's roles
  expect(await rolesAtHx(lina)).not.toContain('observer');
  setClock(app, cst('2026-12-31 23:59'));
  data(await records(lina));
  expect(await rolesAtHx(lina)).toContain('observer');
});

test('a revoked observer is refused and told so; a withdrawn invitation binds nobody', async () => {
  data(await adminCall('revokeObserver', chenjing, { id: liNaObserver }));
  expect(await records(lina)).toMatchObject({ ok: false, code: 'FORBIDDEN', message: '您的观察员权限已被物业撤销' });
  expect((await observers()).some((o) => o.id === liNaObserver)).toBe(false);

  const { observer, code } = data(await invite());
  data(await adminCall('revokeObserver', chenjing, { id: observer.id }));
  expect(await accept(lina, code)).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  expect(await adminCall('revokeObserver', chenjing, { id: 'abcdef0123456789abcdef0123456789' })).toMatchObject({
    ok: false,
    code: 'NOT_FOUND',
  });

  // invited again, she binds again (no expiry this time) and reads again
  const again = data(await invite());
  data(await accept(lina, again.code));
  data(await records(lina));
});

test('an observer invitation is used once however many accepts race for it (20 rounds)', async () => {
  await warmInstances(app, 'site');
  await freezeClock(app, '2026-11-25T12:00:00+08:00');
  for (const size of ROUND_SIZES.map((s) => Math.min(s, 20))) {
    const { code } = data(await invite());
    const answers = await Promise.all(Array.from({ length: size }, () => accept(lina, code)));
    expect(tally(answers)).toEqual(size === 1 ? { ok: 1 } : { ok: 1, CONFLICT: size - 1 });
  }
}, 120_000);
