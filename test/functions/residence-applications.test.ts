import type { ResidenceApplicationForAdmin, ResidenceApplicationView } from '../../miniprogram/core/api/residence';
import type { Envelope } from '../../miniprogram/core/envelope';
import { DEMO_OPENIDS, useAppCloud } from '../support/app-cloud';
import { setClock } from '../support/clock';
import { HX, HJ, cst, data, residentPass } from '../support/fixtures';
import { ROUND_SIZES, tally, warmInstances } from './support/races';

// 申请入住 (X1): a newcomer applies to join a house, the site's administrators are told and decide once.

const { admin, guard, resident, observer } = DEMO_OPENIDS;
const app = useAppCloud();
let n = 0;
const rid = () => `residence-req-${(n += 1)}`;

beforeEach(() => setClock(app, cst('2026-12-02 10:00')));

type Answer = { application: ResidenceApplicationView };
const apply = (openid: string, params: object = {}) =>
  app.call<Envelope<Answer>>(
    'site',
    {
      action: 'applyResidence',
      siteId: HX,
      houseId: 'house-hx-3-2-302',
      name: '周杰',
      relation: 'tenant',
      requestId: rid(),
      ...params,
    },
    openid,
  );
const mine = (openid: string) =>
  app.call<Envelope<{ application: ResidenceApplicationView | null }>>(
    'site',
    { action: 'myResidenceApplication', siteId: HX },
    openid,
  );
const adminCall = <T>(action: string, openid: string | undefined, params: object = {}) =>
  app.call<Envelope<T>>('admin', { action, siteId: HX, requestId: rid(), ...params }, openid);
const decide = (applicationId: string, approve: boolean, reason?: string, openid: string = admin) =>
  adminCall<Answer>('decideResidenceApplication', openid, { applicationId, approve, ...(reason ? { reason } : {}) });
const activeResidences = (openid: string) => {
  const [user] = app.lc.db.find('users', { openid }, {});
  return app.lc.db.find('memberships', { userId: user?._id, role: 'resident', status: 'active' }, {});
};

test('a newcomer applies, the administrator is told and approves: the newcomer is a resident with a pass', async () => {
  const newcomer = 'residence-newcomer-1';
  expect(await residentPass(app, newcomer, HX)).toMatchObject({ ok: false });
  const houses = data(
    await app.call<Envelope<{ houses: Array<{ label: string }> }>>(
      'site',
      { action: 'residenceHouses', siteId: HX, query: '3-2-3' },
      newcomer,
    ),
  );
  expect(houses.houses.map((h) => h.label)).toEqual(['3栋2单元301', '3栋2单元302']);

  const { application } = data(await apply(newcomer));
  expect(application).toMatchObject({ status: 'pending', house: '3栋2单元302', name: '周杰', relation: 'tenant' });
  expect(await apply(newcomer, { houseId: 'house-hx-5-1-102' })).toMatchObject({ ok: false, code: 'CONFLICT' });
  expect(data(await mine(newcomer)).application).toMatchObject({ status: 'pending' });

  const [notice] = app.lc.db.find('outbox', { 'subject.id': application.id }, {});
  expect(notice).toMatchObject({
    kind: 'residenceApplied',
    to: 'approver',
    openid: admin,
    page: 'packages/admin/pages/applications/index',
    values: { visitorName: '周杰', house: '3栋2单元302', siteName: '海信慧园' },
  });

  const listed = data(
    await adminCall<{ applications: ResidenceApplicationForAdmin[] }>('residenceApplications', admin),
  );
  expect(listed.applications.map((a) => a.id)).toContain(application.id);

  expect(data(await decide(application.id, true)).application).toMatchObject({ status: 'approved' });
  expect(await decide(application.id, false, '不认识')).toMatchObject({ ok: false, code: 'CONFLICT' });
  expect(activeResidences(newcomer)).toEqual([expect.objectContaining({ houseId: 'house-hx-3-2-302', siteId: HX })]);
  expect(data(await mine(newcomer)).application).toMatchObject({ status: 'approved' });
  expect(data(await residentPass(app, newcomer, HX))).toMatchObject({ code: expect.any(String) });
  // the name the property now knows them by
  expect(app.lc.db.find('users', { openid: newcomer }, {})[0]).toMatchObject({ name: '周杰' });
  expect(await apply(newcomer)).toMatchObject({ ok: false, code: 'CONFLICT', message: '您已是该场区的住户' });
});

test('a rejection needs a reason, the applicant reads it and may apply again', async () => {
  const newcomer = 'residence-newcomer-2';
  const { application } = data(await apply(newcomer, { relation: 'owner' }));
  expect(await decide(application.id, false)).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
  data(await decide(application.id, false, '房屋信息不符'));
  expect(data(await mine(newcomer)).application).toMatchObject({ status: 'rejected', reason: '房屋信息不符' });
  expect(activeResidences(newcomer)).toEqual([]);
  expect(data(await apply(newcomer, { houseId: 'house-hx-5-1-102' })).application).toMatchObject({
    status: 'pending',
    house: '5栋1单元102',
  });
});

test('bad applications are refused with a clear word', async () => {
  expect(await apply('residence-bad', { relation: 'friend' })).toMatchObject({
    ok: false,
    code: 'INVALID_ARGUMENT',
    message: '请选择与房屋的关系',
  });
  expect(await apply('residence-bad', { name: '' })).toMatchObject({ ok: false, message: '请填写姓名' });
  expect(await apply('residence-bad', { houseId: 'house-hj-8-1-1203' })).toMatchObject({
    ok: false,
    code: 'NOT_FOUND',
  });
  expect(await apply('residence-bad', { siteId: HJ, houseId: 'house-hx-3-2-301' })).toMatchObject({
    ok: false,
    code: 'NOT_FOUND',
  });
});

test('20 rounds: parallel applications make one waiting application, parallel approvals one residence', async () => {
  await warmInstances(app, 'site');
  await warmInstances(app, 'admin');
  for (const [round, size] of ROUND_SIZES.entries()) {
    const newcomer = `residence-race-${round}`;
    const applies = await Promise.all(Array.from({ length: Math.min(size, 10) }, () => apply(newcomer)));
    expect([round, tally(applies)]).toEqual([round, { ok: 1, CONFLICT: Math.min(size, 10) - 1 }]);
    const id = applies.find((a) => a.ok)?.ok ? (applies.find((a) => a.ok) as { data: Answer }).data.application.id : '';
    const approvals = await Promise.all(Array.from({ length: Math.min(size, 10) }, () => decide(id, true)));
    expect([round, tally(approvals)]).toEqual([round, { ok: 1, CONFLICT: Math.min(size, 10) - 1 }]);
    expect(activeResidences(newcomer)).toHaveLength(1);
  }
}, 240_000);

test('only the administrators of that site see and decide applications', async () => {
  const { application } = data(await apply('residence-newcomer-3'));
  for (const who of [guard, resident, observer, 'residence-newcomer-3']) {
    expect(await adminCall('residenceApplications', who)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await decide(application.id, true, undefined, who)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  }
  expect(await adminCall('residenceApplications', undefined)).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
  expect(await apply('')).toMatchObject({ ok: false });
  expect(activeResidences('residence-newcomer-3')).toEqual([]);
});
