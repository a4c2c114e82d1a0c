import { existsSync } from 'node:fs';
import path from 'node:path';
import { LEGAL_EDITION } from '../../miniprogram/core/consent';
import { diskPathOf } from '../../localcloud/storage/paths';
import { DEMO_OPENIDS, useAppCloud } from '../support/app-cloud';
import { setClock } from '../support/clock';
import { data } from '../support/fixtures';
import { bookingForm, setVisitorSettings, storedFacePhoto, visitorCall, VISITOR_ID } from '../support/visitors';

// Retention (X7): the visitor function's daily `retention` timer deletes a visit's sealed ID number and face photo
// the site's number of days after the visit, and nothing else.

const app = useAppCloud();

beforeAll(async () => {
  data(
    await setVisitorSettings(app, {
      face: 'optional',
      faceCapture: 'app',
      retentionDays: 30,
      fields: {
        idNumber: { show: true, required: true },
        plate: { show: true, required: false },
        companions: { show: true, required: false },
        company: { show: false, required: false },
      },
    }),
  );
}, 120_000);

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

test('the retention timer is not an action: a user cannot start it', async () => {
  expect(await app.call('visitor', { action: 'retention' }, DEMO_OPENIDS.admin)).toMatchObject({ code: 'NOT_FOUND' });
});
