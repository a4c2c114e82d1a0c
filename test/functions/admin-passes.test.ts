import { randomUUID } from 'node:crypto';
import type { ActivePassView } from '../../miniprogram/core/api/admin-passes';
import type { AccessRecordView } from '../../miniprogram/core/api/admin';
import type { Envelope } from '../../miniprogram/core/envelope';
import { DEMO_OPENIDS, useAppCloud } from '../support/app-cloud';
import { setClock } from '../support/clock';
import { HX, codeFor, cst, data, release, residentPass, scan } from '../support/fixtures';
import { bookingForm, setVisitorSettings, visitorCall } from '../support/visitors';
import { deviceVerify, setReleaseMode } from './support/device';

// 有效通行证 (X4): administrators list the passes in force at their site and take any back (收回); a revoked pass is
// refused at the next scan, at the QR door and when the resident refreshes the screen, each refusal recorded.

const { admin: chenjing, guard: wangqiang, resident: zhangwei } = DEMO_OPENIDS;
const ZHANG_WEI_MEMBERSHIP = 'm-user-zhangwei-site-haixin-huiyuan-resident';

const app = useAppCloud({ setsLocalcloudUrl: true });

beforeEach(() => setClock(app, cst('2026-11-24 12:00')));

const call = <T>(action: string, params: object = {}, openid: string = chenjing) =>
  app.call<Envelope<T>>('admin', { action, siteId: HX, requestId: randomUUID(), ...params }, openid);
const passes = async (kind: 'resident' | 'visitor', page = 1) =>
  data(await call<{ passes: ActivePassView[]; page: number; hasMore: boolean }>('activePasses', { kind, page }));
const refusals = async () =>
  data(await call<{ records: AccessRecordView[] }>('records', { result: 'refused' })).records;

test('the residents’ passes in force: who and which house, standing (no end)', async () => {
  const { passes: list, hasMore } = await passes('resident');
  expect(hasMore).toBe(false);
  expect(list).toContainEqual({
    kind: 'resident',
    id: ZHANG_WEI_MEMBERSHIP,
    holder: '张伟',
    house: '3栋2单元301',
    revoked: false,
  });
  expect(list.every((p) => p.validUntil === undefined)).toBe(true);
});

test('a resident’s pass taken back: the code on screen is refused at the gate, no new code, until lifted', async () => {
  const shown = await codeFor(app, zhangwei);
  data(await call('revokePass', { kind: 'resident', id: ZHANG_WEI_MEMBERSHIP }));
  expect((await passes('resident')).passes.find((p) => p.id === ZHANG_WEI_MEMBERSHIP)?.revoked).toBe(true);

  expect(await scan(app, wangqiang, shown)).toMatchObject({ ok: false, code: 'PASS_REVOKED' });
  expect(await release(app, wangqiang, shown)).toMatchObject({ ok: false, code: 'PASS_REVOKED' });
  // refreshing the screen brings no new code
  expect(await residentPass(app, zhangwei)).toMatchObject({ ok: false, code: 'PASS_REVOKED' });
  expect(await app.call('gate', { action: 'shakeOpen', siteId: HX, requestId: randomUUID() }, zhangwei)).toMatchObject({
    ok: false,
    code: 'PASS_REVOKED',
  });
  const recorded = (await refusals()).filter((r) => r.reason === 'PASS_REVOKED');
  expect(recorded.length).toBeGreaterThanOrEqual(2);
  expect(recorded[0]).toMatchObject({ holderName: '张伟', house: '3栋2单元301', result: 'refused' });

  data(await call('restorePass', { id: ZHANG_WEI_MEMBERSHIP }));
  data(await release(app, wangqiang, await codeFor(app, zhangwei)));
});

test('at a QR door too: a revoked resident’s code opens nothing, and the refusal is recorded', async () => {
  await setReleaseMode(app, HX, 'device');
  try {
    const shown = await codeFor(app, zhangwei);
    data(await call('revokePass', { kind: 'resident', id: ZHANG_WEI_MEMBERSHIP }));
    const answer = await deviceVerify(app, { code: shown });
    expect(answer.body).toMatchObject({ result: 'refuse', code: 'PASS_REVOKED' });
    // each test starts at 12:00 again, so this one's record is found by who refused, not by being the newest
    expect(await refusals()).toContainEqual(
      expect.objectContaining({ reason: 'PASS_REVOKED', actor: expect.objectContaining({ kind: 'device' }) }),
    );
  } finally {
    await setReleaseMode(app, HX, 'guard');
    data(await call('restorePass', { id: ZHANG_WEI_MEMBERSHIP }));
  }
});

test('a visitor’s pass: listed with its window and host until revoked, then refused at the gate for good', async () => {
  data(await setVisitorSettings(app, {}));
  const {
    hostName: _n,
    hostPhone: _p,
    ...invitation
  } = bookingForm(app, {
    visitorName: '孙丽',
    visitorPhone: '13800138001',
  });
  const invited = data(await visitorCall(app, zhangwei, 'invite', invitation)).visit;
  const listed = (await passes('visitor')).passes.find((p) => p.id === invited.id);
  expect(listed).toEqual({
    kind: 'visitor',
    id: invited.id,
    holder: '孙丽',
    house: '3栋2单元301',
    host: '张伟',
    validFrom: invited.startsAt,
    validUntil: invited.endsAt,
    revoked: false,
  });

  data(await call('revokePass', { kind: 'visitor', id: invited.id }));
  expect((await passes('visitor')).passes.find((p) => p.id === invited.id)).toBeUndefined();
  setClock(app, new Date(Date.parse(invited.startsAt) + 60_000));
  const code = invited.pass?.code ?? '';
  expect(await release(app, wangqiang, code)).toMatchObject({ ok: false, code: 'PASS_REVOKED' });
  expect((await refusals())[0]).toMatchObject({ reason: 'PASS_REVOKED', holderName: '孙丽' });
});

test('a pass of another site, an unknown one, a kind that does not exist are refused', async () => {
  for (const [kind, id] of [
    ['resident', 'm-user-lina-site-hongjin-ge-resident'],
    ['resident', 'm-user-wangqiang-site-haixin-huiyuan-guard'],
    ['visitor', 'no-such-visit'],
  ]) {
    expect(await call('revokePass', { kind, id })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  }
  expect(await call('activePasses', { kind: 'special' })).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
});
