import type { ExitSlipForAdmin, ExitSlipForm, ExitSlipView } from '../../miniprogram/core/api/admin-exit-slip';
import type { Envelope } from '../../miniprogram/core/envelope';
import { DEFAULT_EXIT_SLIP_SETTINGS } from '../../miniprogram/core/exit-slip-rules';
import { DEMO_OPENIDS, useAppCloud } from '../support/app-cloud';
import { setClock } from '../support/clock';
import {
  applyExitSlip,
  decideExitSlip,
  myExitSlip,
  setArrears,
  setExitSlipSettings,
  storedGoodsPhoto,
} from '../support/exit-slips';
import { HX, addStaff, cst, data, release, scan, setRules } from '../support/fixtures';
import { ROUND_SIZES, tally, warmInstances } from './support/races';

// 出门条 (P9): a household applies for the day it moves out, an administrator decides once, and the approved slip
// is a single-use pass for that day, released by a guard through the gate's one release path.

const { admin, guard, resident, resident2, observer } = DEMO_OPENIDS;
const ZHANG_HOUSE = 'house-hx-3-2-301';
const app = useAppCloud();
const GUARDS = [guard, 'wx-slip-guard-2', 'wx-slip-guard-3'];

beforeAll(async () => {
  for (const openid of GUARDS.slice(1)) await addStaff(app, openid, HX, 'guard');
  await setRules(app, HX, { exitsPerPeriod: 0, requireTemperature: false, requireIdRegistration: false });
});

beforeEach(async () => {
  setClock(app, cst('2026-12-03 10:00'));
  await setExitSlipSettings(app, {});
  await setArrears(app, ZHANG_HOUSE, false);
  await fresh();
});

/** No slips waiting (the per-house limit) and no applications counted today (the daily cap). */
async function fresh(): Promise<void> {
  await app.lc.db.remove('exitSlips', {}, true);
  await app.lc.db.remove('rateCounters', {}, true);
}

async function faults(body: object): Promise<void> {
  await fetch(`${app.lc.url}/_dev/faults`, { method: 'POST', body: JSON.stringify(body) });
}

const approved = async (openid = resident, params: object = {}): Promise<ExitSlipView> => {
  const { slip } = data(await applyExitSlip(app, openid, params));
  data(await decideExitSlip(app, admin, slip.id, true));
  return data(await myExitSlip(app, openid, slip.id)).slip;
};

test('a resident applies, is told the form; the administrators are told; 陈静 approves and the resident is told', async () => {
  const form = data(await app.call<Envelope<ExitSlipForm>>('pass', { action: 'exitSlipForm', siteId: HX }, resident));
  expect(form).toMatchObject({
    site: { id: HX, name: '海信慧园' },
    house: '3栋2单元301',
    fields: DEFAULT_EXIT_SLIP_SETTINGS.fields,
    firstDate: '2026-12-03',
    lastDate: '2027-01-02',
    photoFolder: `exitSlips/photos/${resident}/`,
  });
  expect(form.refusal).toBeUndefined();

  const { slip } = data(await applyExitSlip(app, resident, { plate: '鲁B12345', remark: '' }));
  expect(slip).toMatchObject({ status: 'pending', house: '3栋2单元301', applicant: '张伟', date: '2026-12-05' });
  expect(slip).not.toHaveProperty('remark');
  expect(slip.pass).toBeUndefined();
  expect(app.lc.db.find('outbox', { 'subject.id': slip.id }, {})).toEqual([
    expect.objectContaining({ kind: 'exitSlipApplied', to: 'approver', openid: admin }),
  ]);

  const listed = data(
    await app.call<Envelope<{ slips: ExitSlipForAdmin[] }>>('admin', { action: 'exitSlips', siteId: HX }, admin),
  );
  expect(listed.slips).toEqual([
    expect.objectContaining({
      id: slip.id,
      goods: '沙发一套、纸箱6个',
      plate: '鲁B12345',
      maskedPhone: expect.stringMatching(/^\d{3}\*{4}\d{4}$/),
    }),
  ]);

  expect(data(await decideExitSlip(app, admin, slip.id, true)).slip).toMatchObject({ status: 'approved' });
  expect(app.lc.db.find('outbox', { 'subject.id': slip.id, kind: 'exitSlipApproved' }, {})).toEqual([
    expect.objectContaining({
      to: 'visitor',
      openid: resident,
      page: `packages/exits/pages/detail/index?id=${slip.id}`,
    }),
  ]);
  const mine = data(await myExitSlip(app, resident, slip.id)).slip;
  expect(mine.pass).toMatchObject({
    state: 'notYet',
    validFrom: '2026-12-04T16:00:00.000Z',
    expiresAt: '2026-12-05T16:00:00.000Z',
  });
  // nobody else sees it
  expect(await myExitSlip(app, resident2, slip.id)).toMatchObject({ ok: false, code: 'NOT_FOUND' });
});

test('a rejection needs a reason, and the resident is told it', async () => {
  const { slip } = data(await applyExitSlip(app, resident));
  expect(await decideExitSlip(app, admin, slip.id, false)).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
  expect(data(await decideExitSlip(app, admin, slip.id, false, '请先预约电梯')).slip).toMatchObject({
    status: 'rejected',
    reason: '请先预约电梯',
  });
  expect(app.lc.db.find('outbox', { 'subject.id': slip.id, kind: 'exitSlipRejected' }, {})).toEqual([
    expect.objectContaining({ values: expect.objectContaining({ reason: '请先预约电梯' }) }),
  ]);
  expect(data(await myExitSlip(app, resident, slip.id)).slip).toMatchObject({
    status: 'rejected',
    reason: '请先预约电梯',
  });
  expect(await decideExitSlip(app, admin, slip.id, true)).toMatchObject({ ok: false, code: 'CONFLICT' });
});

test('a household in arrears is refused, unless the site lets it apply', async () => {
  await setArrears(app, ZHANG_HOUSE, true);
  const form = data(await app.call<Envelope<ExitSlipForm>>('pass', { action: 'exitSlipForm' }, resident));
  expect(form.refusal).toMatch(/欠缴的物业费/);
  expect(await applyExitSlip(app, resident)).toMatchObject({
    ok: false,
    code: 'FORBIDDEN',
    message: expect.stringMatching(/欠缴/),
  });
  expect(app.lc.db.count('exitSlips', {})).toBe(0);

  await setExitSlipSettings(app, { arrearsMayApply: true });
  expect(data(await applyExitSlip(app, resident)).slip.status).toBe('pending');
});

test('the site’s form: a required field missing, a hidden field given and a day out of range are refused', async () => {
  await setExitSlipSettings(app, {
    fields: {
      ...DEFAULT_EXIT_SLIP_SETTINGS.fields,
      plate: { show: true, required: true },
      company: { show: false, required: false },
    },
  });
  expect(await applyExitSlip(app, resident)).toMatchObject({
    ok: false,
    code: 'INVALID_ARGUMENT',
    message: '请填写车牌号',
  });
  expect(await applyExitSlip(app, resident, { plate: '鲁B12345', goods: '' })).toMatchObject({
    ok: false,
    message: '请填写物品清单',
  });
  expect(await applyExitSlip(app, resident, { plate: '鲁B12345', company: '蚂蚁搬家' })).toMatchObject({
    ok: false,
    message: '本小区出门条不填写搬家公司',
  });
  expect(await applyExitSlip(app, resident, { plate: '鲁B12345', date: '2026-12-02' })).toMatchObject({
    ok: false,
    message: '出门日期不能早于今天',
  });
  expect(await applyExitSlip(app, resident, { plate: '鲁B12345', date: '2027-02-01' })).toMatchObject({ ok: false });
  expect(await applyExitSlip(app, resident, { plate: '鲁B12345', date: '2026-02-30' })).toMatchObject({ ok: false });
  // a photo someone else uploaded is not theirs to attach
  expect(
    await applyExitSlip(app, resident, { plate: '鲁B12345', photos: ['cloud://env/exitSlips/photos/other/a.jpg'] }),
  ).toMatchObject({ ok: false, message: '物品照片无效' });
  expect(app.lc.db.count('exitSlips', {})).toBe(0);
  expect(data(await applyExitSlip(app, resident, { plate: '鲁B12345' })).slip).toMatchObject({ plate: '鲁B12345' });
});

test('photos of the goods: the resident’s own uploads only; the administrators see them through short-lived links', async () => {
  const photo = storedGoodsPhoto(app, resident);
  const { slip } = data(await applyExitSlip(app, resident, { photos: [photo] }));
  expect(slip.photos).toEqual([photo]);
  // someone else's upload, even in the right folder layout, is not the applicant's to attach
  expect(await applyExitSlip(app, resident, { photos: [storedGoodsPhoto(app, resident2)] })).toMatchObject({
    ok: false,
    message: '物品照片无效',
  });
  const listed = data(
    await app.call<Envelope<{ slips: ExitSlipForAdmin[] }>>('admin', { action: 'exitSlips', siteId: HX }, admin),
  );
  expect(listed.slips[0].photoUrls).toEqual([expect.stringMatching(/^http/)]);
  expect(listed.slips[0]).not.toHaveProperty('photos');
  // a site that hides photos refuses them
  await setExitSlipSettings(app, {
    fields: { ...DEFAULT_EXIT_SLIP_SETTINGS.fields, photos: { show: false, required: false } },
  });
  expect(await applyExitSlip(app, resident, { photos: [photo] })).toMatchObject({
    ok: false,
    message: '本小区出门条不填写物品照片',
  });
});

test('only residents apply; a house has at most 3 slips waiting', async () => {
  expect(await applyExitSlip(app, guard)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  for (let i = 0; i < 3; i += 1) data(await applyExitSlip(app, resident));
  expect(await applyExitSlip(app, resident)).toMatchObject({ ok: false, code: 'RATE_LIMITED' });
});

test('only the site’s administrators list and decide slips', async () => {
  const { slip } = data(await applyExitSlip(app, resident));
  for (const who of [guard, resident, observer]) {
    expect(await app.call('admin', { action: 'exitSlips', siteId: HX }, who)).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
    expect(await decideExitSlip(app, who, slip.id, true)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  }
  expect(data(await myExitSlip(app, resident, slip.id)).slip.status).toBe('pending');
});

test('an approved slip goes through the gate once, on its day only', async () => {
  await setExitSlipSettings(app, {
    fields: { ...DEFAULT_EXIT_SLIP_SETTINGS.fields, carrier: { show: true, required: false } },
  });
  const slip = await approved(resident, { plate: '鲁B12345', carrier: '李师傅 13800001111' });
  const code = slip.pass?.code ?? '';
  // the day before: not yet, and the refusal says which day
  expect(await release(app, guard, code)).toMatchObject({
    ok: false,
    code: 'PASS_INVALID',
    message: '出门条尚未生效，仅限12月5日当天使用',
  });
  setClock(app, cst('2026-12-05 09:30'));
  expect(data(await scan(app, guard, code))).toMatchObject({
    type: 'exitSlip',
    holder: { name: '张伟', house: '3栋2单元301' },
    exitSlip: {
      date: '2026-12-05',
      goods: '沙发一套、纸箱6个',
      plate: '鲁B12345',
      carrier: '李师傅 13800001111',
      photos: 0,
    },
  });
  expect(data(await release(app, guard, code, { gate: '东门' }))).toMatchObject({ released: true, type: 'exitSlip' });
  expect(await release(app, guard, code)).toMatchObject({ ok: false, code: 'PASS_USED' });
  expect(app.lc.db.find('accessRecords', { passId: slip.pass?.passId, kind: 'release' }, {})).toEqual([
    expect.objectContaining({ passType: 'exitSlip', holderName: '张伟', house: '3栋2单元301', gate: '东门' }),
  ]);
  expect(data(await myExitSlip(app, resident, slip.id)).slip.pass).toMatchObject({
    state: 'used',
    used: { gate: '东门' },
  });

  // another slip, not used on its day: void after it
  setClock(app, cst('2026-12-03 10:00'));
  const late = await approved(resident);
  setClock(app, cst('2026-12-06 08:00'));
  expect(await release(app, guard, late.pass?.code ?? '')).toMatchObject({
    ok: false,
    code: 'PASS_EXPIRED',
    message: '出门条已过期，仅限12月5日当天使用',
  });
  expect(data(await myExitSlip(app, resident, late.id)).slip.pass?.state).toBe('expired');
});

test('a slip whose day has passed can no longer be approved', async () => {
  const { slip } = data(await applyExitSlip(app, resident, { date: '2026-12-03' }));
  setClock(app, cst('2026-12-04 08:00'));
  expect(await decideExitSlip(app, admin, slip.id, true)).toMatchObject({ ok: false, code: 'CONFLICT' });
});

test('20 rounds of administrators deciding one slip at once: exactly one decides', async () => {
  await warmInstances(app, 'admin');
  for (const [round, size] of ROUND_SIZES.entries()) {
    await fresh();
    const { slip } = data(await applyExitSlip(app, resident));
    const n = Math.min(size, 10);
    const answers = await Promise.all(
      Array.from({ length: n }, (_v, i) => decideExitSlip(app, admin, slip.id, i % 2 === 0, '不行')),
    );
    expect([round, tally(answers)]).toEqual([round, { ok: 1, CONFLICT: n - 1 }]);
    const [decided] = app.lc.db.find('exitSlips', { _id: slip.id }, {});
    const passes = decided?.passId ? app.lc.db.count('accessRecords', { passId: decided.passId, kind: 'issue' }) : 0;
    expect([round, passes]).toEqual([round, decided?.status === 'approved' ? 1 : 0]);
  }
}, 240_000);

test('20 rounds of guards releasing one slip at once: exactly one releases', async () => {
  await warmInstances(app, 'gate');
  for (const [round, size] of ROUND_SIZES.entries()) {
    setClock(app, cst('2026-12-03 10:00'));
    await fresh();
    const slip = await approved(resident);
    setClock(app, cst('2026-12-05 10:00'));
    const n = Math.min(size, 20);
    // every contender reads the slip unreleased before anyone writes the release record
    await faults({ mode: 'slow', count: n, delayMs: 150, collection: 'accessRecords' });
    const answers = await Promise.all(
      Array.from({ length: n }, (_v, i) => release(app, GUARDS[i % GUARDS.length], slip.pass?.code ?? '')),
    );
    await faults({ clear: true });
    expect([round, tally(answers)]).toEqual([round, n === 1 ? { ok: 1 } : { ok: 1, PASS_USED: n - 1 }]);
    expect(app.lc.db.count('accessRecords', { passId: slip.pass?.passId, kind: 'release' })).toBe(1);
  }
}, 240_000);
