import { DEMO_VISIT_IDS, demoVisitDocuments } from '../../demo/visits';
import { DEMO_OPENIDS, useAppCloud } from '../support/app-cloud';
import { setClock } from '../support/clock';
import { data, release } from '../support/fixtures';
import { visitorCall } from '../support/visitors';

// The demo visits `npm start` loads (demo/visits.ts) work as the functions' own would: 张伟's inbox has the pending
// one to decide and the approved one among the decided; 李娜's approved visit carries a pass the gate takes once.

const app = useAppCloud();
const { resident: ZHANGWEI, resident2: LINA, guard: WANGQIANG } = DEMO_OPENIDS;

beforeAll(async () => {
  const { visits, accessRecords } = demoVisitDocuments(new Date(app.lc.clock.now()));
  await app.lc.db.insert('visits', visits as unknown as Array<Record<string, unknown>>);
  await app.lc.db.insert('accessRecords', accessRecords);
}, 120_000);

test('张伟’s inbox: 王强’s booking to decide, 李娜’s decided', async () => {
  const inbox = data(await visitorCall(app, ZHANGWEI, 'inbox', {}));
  expect(inbox.pending).toBe(1);
  expect(inbox.items.map((v) => [v.id, v.status])).toEqual([
    [DEMO_VISIT_IDS.pending, 'pending'],
    [DEMO_VISIT_IDS.approved, 'approved'],
  ]);
  const pending = data(await visitorCall(app, ZHANGWEI, 'detail', { visitId: DEMO_VISIT_IDS.pending })).visit;
  expect(pending).toMatchObject({ canDecide: true, visitor: { name: '王强' }, host: { name: '张伟' } });
  expect(data(await visitorCall(app, WANGQIANG, 'mine', {})).items.map((v) => v.id)).toEqual([DEMO_VISIT_IDS.pending]);
  // 海信慧园's administrators approve too
  expect(data(await visitorCall(app, DEMO_OPENIDS.admin, 'inbox', {})).pending).toBe(1);
});

test('李娜’s approved visit: the pass, not valid before tomorrow 14:00, released once then', async () => {
  const visit = data(await visitorCall(app, LINA, 'detail', { visitId: DEMO_VISIT_IDS.approved })).visit;
  expect(visit).toMatchObject({ status: 'approved', decision: { by: '张伟' }, pass: { state: 'notYet' } });
  expect(new Date(visit.startsAt).getTime()).toBeGreaterThan(app.lc.clock.now());
  setClock(app, new Date(Date.parse(visit.startsAt) + 5 * 60_000));
  expect(data(await release(app, WANGQIANG, visit.pass!.code))).toMatchObject({
    type: 'visitor',
    holder: { name: '李娜', host: '张伟', house: '3栋2单元301' },
  });
  expect(await release(app, WANGQIANG, visit.pass!.code)).toMatchObject({ ok: false, code: 'PASS_USED' });
});
