import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { RetentionSettings } from '../../miniprogram/core/api/admin-retention';
import { LEGAL_EDITION } from '../../miniprogram/core/consent';
import type { Envelope } from '../../miniprogram/core/envelope';
import { diskPathOf } from '../../localcloud/storage/paths';
import { DEMO_OPENIDS, useAppCloud } from '../support/app-cloud';
import { setClock } from '../support/clock';
import { HX, data } from '../support/fixtures';
import { bookingForm, setVisitorSettings, storedFacePhoto, visitorCall, VISITOR_ID } from '../support/visitors';

// Retention (X7): the visitor function's daily `retention` timer deletes a visit's sealed ID number and face photo
// the site's number of days after the visit (数据保存期限, `admin.setRetention`'s `visitorDataDays`), and nothing else.

const app = useAppCloud();

beforeAll(async () => {
  data(
    await setVisitorSettings(app, {
      face: 'optional',
      faceCapture: 'app',
      fields: {
        idNumber: { show: true, required: true },
        plate: { show: true, required: false },
        companions: { show: true, required: false },
        company: { show: false, required: false },
      },
    }),
  );
  // 30 days is the default too; set here so the test says where the number comes from
  data(await setRetention(30));
}, 120_000);

const setRetention = (visitorDataDays: unknown) =>
  app.call<Envelope<RetentionSettings>>(
    'admin',
    { action: 'setRetention', siteId: HX, accessRecordsDays: 180, visitorDataDays, requestId: randomUUID() },
    DEMO_OPENIDS.admin,
  );

/** a visit booked by `openid` with an ID number and a face photo, approved by its host */
async function approvedVisit(openid: string): Promise<{ id: string; endsAt: string }> {
  const fileId = storedFacePhoto(app, openid);
  const form = { idNumber: VISITOR_ID, face: { fileId }, consentEdition: LEGAL_EDITION };
  const visit = data(await visitorCall(app, openid, 'book', bookingForm(app, form))).visit;
  data(await visitorCall(app, DEMO_OPENIDS.resident, 'decide', { visitId: visit.id, approve: true }));
  return visit;
}

const stored = (id: string) => app.lc.db.find('visits', { _id: id }, {})[0] as Record<string, unknown>;
const purged = (id: string) => stored(id).purgedAt !== undefined && stored(id).faceFileId === undefined;

const runRetention = () =>
  app.call('visitor', { Type: 'Timer', TriggerName: 'retention', Time: '', Message: '' }, undefined, {
    source: 'wx_trigger',
  });

test('after the retention period the ID number and photo go; the masked summary and everything else stay', async () => {
  const fileId = storedFacePhoto(app, 'visitor-retained');
  const form = { idNumber: VISITOR_ID, face: { fileId }, consentEdition: LEGAL_EDITION };
  const visit = data(await visitorCall(app, 'visitor-retained', 'book', bookingForm(app, form))).visit;
  data(await visitorCall(app, DEMO_OPENIDS.resident, 'decide', { visitId: visit.id, approve: true }));
  const [before] = app.lc.db.find('visits', { _id: visit.id }, {});
  const disk = diskPathOf(path.join(app.lc.dataDir, 'storage'), fileId.split('/').slice(3).join('/'));
  expect(existsSync(disk)).toBe(true);

  // a day short of the period: nothing happens
  setClock(app, new Date(Date.parse(visit.endsAt) + 29 * 86_400_000));
  expect(await runRetention()).toEqual({ ok: true, data: { purged: 0 } });
  expect(app.lc.db.find('visits', { _id: visit.id }, {})[0]).toEqual(before);

  setClock(app, new Date(Date.parse(visit.endsAt) + 30 * 86_400_000 + 60_000));
  expect(await runRetention()).toEqual({ ok: true, data: { purged: 1 } });
  const [after] = app.lc.db.find('visits', { _id: visit.id }, {});
  const { visitor, faceFileId: _photo, ...rest } = before as typeof before & { visitor: Record<string, unknown> };
  expect(after).toEqual({
    ...rest,
    visitor: { ...visitor, idNumber: { masked: '110***********002X' } },
    purgedAt: expect.any(Date),
  });
  expect(existsSync(disk)).toBe(false);
  // the masked summary still reads
  const seen = data(await visitorCall(app, DEMO_OPENIDS.resident, 'detail', { visitId: visit.id })).visit;
  expect(seen).toMatchObject({ visitor: { idNumber: '110***********002X' }, face: 'uploaded' });
  expect(seen.faceUrl).toBeUndefined();
  // a second run finds nothing more to do
  expect(await runRetention()).toEqual({ ok: true, data: { purged: 0 } });
});

test('数据保存期限 sets the period: a visit booked after a change keeps its data that many days, one booked before its own', async () => {
  const before = await approvedVisit('visitor-retention-before');
  expect(data(await setRetention(7))).toEqual({ accessRecordsDays: 180, visitorDataDays: 7 });
  const after = await approvedVisit('visitor-retention-after');
  const day = 86_400_000;
  expect(stored(before.id).retainUntil).toEqual(new Date(Date.parse(before.endsAt) + 30 * day));
  expect(stored(after.id).retainUntil).toEqual(new Date(Date.parse(after.endsAt) + 7 * day));

  setClock(app, new Date(Date.parse(after.endsAt) + 7 * day - 60_000));
  expect(await runRetention()).toEqual({ ok: true, data: { purged: 0 } });

  // a week on, only the visit booked under the 7 days goes
  setClock(app, new Date(Date.parse(after.endsAt) + 7 * day + 60_000));
  expect(await runRetention()).toEqual({ ok: true, data: { purged: 1 } });
  expect([purged(after.id), purged(before.id)]).toEqual([true, false]);
  expect(stored(before.id).visitor).toMatchObject({ idNumber: { sealed: expect.anything() } });

  setClock(app, new Date(Date.parse(before.endsAt) + 30 * day + 60_000));
  expect(await runRetention()).toEqual({ ok: true, data: { purged: 1 } });
  expect(purged(before.id)).toBe(true);
});

test("a period out of range is refused in the rule's words, and nothing changes", async () => {
  for (const days of [0, 181, 1.5, '30']) {
    expect(await setRetention(days)).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
  }
  expect(await setRetention(0)).toMatchObject({ message: '访客资料保存天数应在1到180之间' });
  expect(
    data(await app.call<Envelope<RetentionSettings>>('admin', { action: 'retention', siteId: HX }, DEMO_OPENIDS.admin)),
  ).toEqual({
    accessRecordsDays: 180,
    visitorDataDays: 7,
  });
});

test('the retention timer is not an action: a user cannot start it', async () => {
  expect(await app.call('visitor', { action: 'retention' }, DEMO_OPENIDS.admin)).toMatchObject({ code: 'NOT_FOUND' });
});
