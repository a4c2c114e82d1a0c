import type { Envelope } from '../../miniprogram/core/envelope';
import { LEGAL_EDITION } from '../../miniprogram/core/consent';
import { DEMO_OPENIDS, useAppCloud } from '../support/app-cloud';
import { resetClock, setClock } from '../support/clock';
import { addStaff, data, HJ, HX, release, scan } from '../support/fixtures';
import { bookingForm, setVisitorSettings, storedFacePhoto, visitorCall, VISITOR_ID } from '../support/visitors';

// 访客预约 through localcloud: book → approve → the pass through the gate once; rejection; invitations; faces; the
// Chinese-only purpose; who may read a visit; expiry. Delivery of the notifications is the outbox's (its own tests).

const app = useAppCloud();
const VISITOR = 'visitor-zhaomin';
const { resident: ZHANGWEI, resident2: LINA, admin: CHENJING, guard: GUARD, observer: OBSERVER } = DEMO_OPENIDS;

beforeEach(async () => {
  resetClock(app);
  data(await setVisitorSettings(app, {}));
});

async function booked(overrides: Parameters<typeof bookingForm>[1] = {}, visitor = VISITOR) {
  return data(await visitorCall(app, visitor, 'book', bookingForm(app, overrides))).visit;
}

test('the site’s settings: defaults, set by its administrator only', async () => {
  const answer = data(await visitorCall(app, VISITOR, 'settings', { siteId: HX }));
  expect(answer.site).toEqual({ id: HX, name: '海信慧园' });
  // the caller's own folder, where a face photo must be uploaded to be accepted (storedFacePhoto puts it there)
  expect(answer.faceFolder).toBe(`visitors/faces/${VISITOR}/`);
  expect(answer.settings).toMatchObject({ residentsMayInvite: true, maxVisitHours: 24, face: 'optional' });
  data(await setVisitorSettings(app, { maxVisitHours: 4 }));
  expect(data(await visitorCall(app, VISITOR, 'settings', { siteId: HX })).settings.maxVisitHours).toBe(4);
  expect(await setVisitorSettings(app, {}, HX, ZHANGWEI)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  expect(await setVisitorSettings(app, { maxVisitHours: 0 })).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
});

test('book → the host approves → the pass goes through the gate once, with visitor, host and house', async () => {
  const visit = await booked();
  expect(visit).toMatchObject({ status: 'pending', origin: 'booking', host: { name: '张伟' }, canCancel: true });
  expect(visit.pass).toBeUndefined();

  const inbox = data(await visitorCall(app, ZHANGWEI, 'inbox', {}));
  expect(inbox.items[0]).toMatchObject({ id: visit.id, status: 'pending' });
  expect(inbox.pending).toBeGreaterThanOrEqual(1);
  const seen = data(await visitorCall(app, ZHANGWEI, 'detail', { visitId: visit.id })).visit;
  expect(seen).toMatchObject({ canDecide: true, visitor: { name: '赵敏', phone: '13800138000' } });

  const approved = data(await visitorCall(app, ZHANGWEI, 'decide', { visitId: visit.id, approve: true })).visit;
  expect(approved).toMatchObject({ status: 'approved', decision: { by: '张伟' }, canDecide: false });
  // the host is not the pass's holder: only the visitor (and an inviter) see the code
  expect(approved.pass).toBeUndefined();

  const mine = data(await visitorCall(app, VISITOR, 'detail', { visitId: visit.id })).visit;
  expect(mine.pass).toMatchObject({ state: 'notYet', validFrom: visit.startsAt, expiresAt: visit.endsAt });
  const code = mine.pass!.code;

  const early = await release(app, GUARD, code);
  expect(early).toMatchObject({ ok: false, code: 'PASS_INVALID', message: expect.stringContaining('尚未生效') });

  setClock(app, new Date(Date.parse(visit.startsAt) + 5 * 60_000));
  expect(data(await scan(app, GUARD, code))).toMatchObject({
    type: 'visitor',
    holder: { name: '赵敏', host: '张伟', house: '3栋2单元301' },
    requires: { idRegistration: false },
  });
  expect(data(await release(app, GUARD, code, { gate: '东门' }))).toMatchObject({
    type: 'visitor',
    holder: { name: '赵敏', host: '张伟', house: '3栋2单元301' },
  });
  expect(await release(app, GUARD, code)).toMatchObject({ ok: false, code: 'PASS_USED' });

  const [record] = app.lc.db.find('accessRecords', { kind: 'release', visitId: visit.id }, {});
  expect(record).toMatchObject({ passType: 'visitor', holderName: '赵敏', host: '张伟', house: '3栋2单元301' });
  const after = data(await visitorCall(app, VISITOR, 'detail', { visitId: visit.id })).visit;
  expect(after.pass).toMatchObject({ state: 'used', used: { gate: '东门' } });
});

test('the temperature rule applies to visitor passes too (P3)', async () => {
  const visit = await booked();
  data(await visitorCall(app, ZHANGWEI, 'decide', { visitId: visit.id, approve: true }));
  const code = data(await visitorCall(app, VISITOR, 'detail', { visitId: visit.id })).visit.pass!.code;
  await app.lc.db.modify(
    'sites',
    { _id: HX },
    { $set: { 'residentPass.requireTemperature': true } },
    {
      multi: false,
      merge: true,
      upsert: false,
    },
  );
  try {
    setClock(app, new Date(Date.parse(visit.startsAt) + 60_000));
    expect(await release(app, GUARD, code)).toMatchObject({ ok: false, code: 'TEMPERATURE_REQUIRED' });
    expect(data(await release(app, GUARD, code, { temperature: 36.5 }))).toMatchObject({ type: 'visitor' });
  } finally {
    await app.lc.db.modify(
      'sites',
      { _id: HX },
      { $set: { 'residentPass.requireTemperature': false } },
      {
        multi: false,
        merge: true,
        upsert: false,
      },
    );
  }
});

test('past the visit’s end the pass is refused as expired; a cancelled visit voids its pass', async () => {
  const visit = await booked();
  data(await visitorCall(app, ZHANGWEI, 'decide', { visitId: visit.id, approve: true }));
  const code = data(await visitorCall(app, VISITOR, 'detail', { visitId: visit.id })).visit.pass!.code;
  setClock(app, new Date(Date.parse(visit.endsAt) + 2 * 60_000));
  expect(await release(app, GUARD, code)).toMatchObject({ ok: false, code: 'PASS_EXPIRED' });
  expect(data(await visitorCall(app, VISITOR, 'detail', { visitId: visit.id })).visit.pass?.state).toBe('expired');

  resetClock(app);
  const other = await booked();
  data(await visitorCall(app, ZHANGWEI, 'decide', { visitId: other.id, approve: true }));
  const otherCode = data(await visitorCall(app, VISITOR, 'detail', { visitId: other.id })).visit.pass!.code;
  expect(data(await visitorCall(app, VISITOR, 'cancel', { visitId: other.id })).visit.status).toBe('cancelled');
  setClock(app, new Date(Date.parse(other.startsAt) + 60_000));
  expect(await release(app, GUARD, otherCode)).toMatchObject({ ok: false, message: '该访客预约已取消' });
});

test('rejection: a reason, no pass, and a second decision is CONFLICT', async () => {
  const visit = await booked();
  const rejected = data(
    await visitorCall(app, ZHANGWEI, 'decide', { visitId: visit.id, approve: false, reason: '本人不在家' }),
  ).visit;
  expect(rejected).toMatchObject({ status: 'rejected', decision: { by: '张伟', reason: '本人不在家' } });
  expect(data(await visitorCall(app, VISITOR, 'detail', { visitId: visit.id })).visit.pass).toBeUndefined();
  expect(await visitorCall(app, ZHANGWEI, 'decide', { visitId: visit.id, approve: true })).toMatchObject({
    ok: false,
    code: 'CONFLICT',
  });
  expect(app.lc.db.find('accessRecords', { kind: 'issue', visitId: visit.id }, {})).toHaveLength(0);
});

test('approvers: the host alone by default; with adminsApprove, the site’s administrators too; nobody else', async () => {
  const hostOnly = await booked();
  expect(await visitorCall(app, CHENJING, 'detail', { visitId: hostOnly.id })).toMatchObject({ code: 'NOT_FOUND' });
  data(await setVisitorSettings(app, { adminsApprove: true }));
  const both = await booked();
  expect(data(await visitorCall(app, CHENJING, 'detail', { visitId: both.id })).visit.canDecide).toBe(true);
  // a host no resident of the site has: the administrators decide, so no booking is left without an approver
  const unknownHost = await booked({ hostName: '王五', hostPhone: '13700000000' });
  expect(data(await visitorCall(app, CHENJING, 'detail', { visitId: unknownHost.id })).visit.canDecide).toBe(true);
});

test('a resident’s invitation: the pass at once when the site allows; a booking its administrators decide when not', async () => {
  const form = bookingForm(app, { visitorName: '孙丽', visitorPhone: '13800138001' });
  const { hostName: _n, hostPhone: _p, ...invitation } = form;
  const invited = data(await visitorCall(app, ZHANGWEI, 'invite', invitation)).visit;
  expect(invited).toMatchObject({ origin: 'invitation', status: 'approved', host: { name: '张伟' } });
  expect(invited.pass).toMatchObject({ state: 'notYet' });

  data(await setVisitorSettings(app, { residentsMayInvite: false }));
  const pending = data(await visitorCall(app, ZHANGWEI, 'invite', invitation)).visit;
  expect(pending).toMatchObject({ status: 'pending', canDecide: false });
  expect(await visitorCall(app, ZHANGWEI, 'decide', { visitId: pending.id, approve: true })).toMatchObject({
    code: 'FORBIDDEN',
  });
  const approved = data(await visitorCall(app, CHENJING, 'decide', { visitId: pending.id, approve: true })).visit;
  expect(approved.status).toBe('approved');
  expect(data(await visitorCall(app, ZHANGWEI, 'detail', { visitId: pending.id })).visit.pass).toBeDefined();
  // only residents invite
  expect(await visitorCall(app, VISITOR, 'invite', invitation)).toMatchObject({ code: 'FORBIDDEN' });
});

test('来访目的 with a digit, a Latin letter, a symbol or a space is refused by the function', async () => {
  for (const purpose of ['送快递1件', '拜访Mr张', '探亲！', '探亲 访友', '探']) {
    const answer = await visitorCall(app, VISITOR, 'book', bookingForm(app, { purpose }));
    expect(answer).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
  }
});

test('the visit window: end after start, within the site’s longest visit, not in the past', async () => {
  const now = app.lc.clock.now();
  const at = (minutes: number) => new Date(now + minutes * 60_000).toISOString();
  for (const [startsAt, endsAt] of [
    [at(120), at(60)],
    [at(-120), at(60)],
    [at(60), at(60 + 25 * 60)],
    [at(40 * 24 * 60), at(40 * 24 * 60 + 60)],
  ]) {
    expect(await visitorCall(app, VISITOR, 'book', bookingForm(app, { startsAt, endsAt }))).toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
  }
});

test('ID numbers: shown and required by the site, consent first, check digit, sealed and masked', async () => {
  const idRequired = { idNumber: { show: true, required: true } };
  data(await setVisitorSettings(app, { fields: { ...bookingFields(), ...idRequired } }));
  expect(await visitorCall(app, VISITOR, 'book', bookingForm(app))).toMatchObject({ code: 'INVALID_ARGUMENT' });
  expect(await visitorCall(app, VISITOR, 'book', bookingForm(app, { idNumber: VISITOR_ID }))).toMatchObject({
    code: 'INVALID_ARGUMENT',
    message: expect.stringContaining('同意'),
  });
  const badDigit = bookingForm(app, { idNumber: '110105194912310021', consentEdition: LEGAL_EDITION });
  expect(await visitorCall(app, VISITOR, 'book', badDigit)).toMatchObject({ code: 'INVALID_ARGUMENT' });
  const visit = await booked({ idNumber: VISITOR_ID, consentEdition: LEGAL_EDITION });
  expect(visit.visitor.idNumber).toBe('110***********002X');
  const [stored] = app.lc.db.find('visits', { _id: visit.id }, {});
  expect(JSON.stringify(stored)).not.toContain(VISITOR_ID);
  expect(stored).toMatchObject({
    consent: { edition: LEGAL_EDITION },
    visitor: { idNumber: { masked: '110***********002X' } },
  });
});

function bookingFields() {
  return {
    idNumber: { show: false, required: false },
    plate: { show: true, required: false },
    companions: { show: true, required: false },
    company: { show: false, required: false },
  };
}

test('faces: off, optional or required; at the gate, or uploaded in the app where the site’s switch allows it', async () => {
  data(await setVisitorSettings(app, { face: 'off' }));
  const photo = storedFacePhoto(app, VISITOR);
  const consent = { consentEdition: LEGAL_EDITION };
  expect(
    await visitorCall(app, VISITOR, 'book', bookingForm(app, { face: { fileId: photo }, ...consent })),
  ).toMatchObject({ code: 'INVALID_ARGUMENT' });
  expect((await booked()).face).toBe('none');

  data(await setVisitorSettings(app, { face: 'optional', faceCapture: 'gate' }));
  expect((await booked({ face: 'skip' })).face).toBe('skipped');
  expect((await booked()).face).toBe('atGate');
  // the switch is off: no photo is taken in the app
  expect(
    await visitorCall(app, VISITOR, 'book', bookingForm(app, { face: { fileId: photo }, ...consent })),
  ).toMatchObject({ code: 'INVALID_ARGUMENT' });

  data(await setVisitorSettings(app, { face: 'required', faceCapture: 'app' }));
  expect(await visitorCall(app, VISITOR, 'book', bookingForm(app, { face: 'skip' }))).toMatchObject({
    code: 'INVALID_ARGUMENT',
  });
  expect(await visitorCall(app, VISITOR, 'book', bookingForm(app, { face: { fileId: photo } }))).toMatchObject({
    code: 'INVALID_ARGUMENT',
    message: expect.stringContaining('同意'),
  });
  // only from the caller's own upload folder: a file id naming someone else's photo is refused
  const othersPhoto = storedFacePhoto(app, ZHANGWEI);
  expect(
    await visitorCall(app, VISITOR, 'book', bookingForm(app, { face: { fileId: othersPhoto }, ...consent })),
  ).toMatchObject({ code: 'INVALID_ARGUMENT', message: '人脸照片无效' });
  const uploaded = await booked({ face: { fileId: photo }, ...consent });
  expect(uploaded.face).toBe('uploaded');
  expect(uploaded.faceUrl).toBeUndefined();
  const approverView = data(await visitorCall(app, ZHANGWEI, 'detail', { visitId: uploaded.id })).visit;
  expect(approverView.faceUrl).toMatch(/^http/);
});

test('only the visitor, host, inviter and approvers read a visit: anyone else is NOT_FOUND with nothing personal', async () => {
  const visit = await booked();
  await addStaff(app, 'hj-admin', HJ, 'admin');
  for (const stranger of ['hj-admin', LINA, OBSERVER, GUARD, DEMO_OPENIDS.newcomer]) {
    for (const answer of [
      await visitorCall(app, stranger, 'detail', { visitId: visit.id }),
      await visitorCall(app, stranger, 'decide', { visitId: visit.id, approve: true }),
      await visitorCall(app, stranger, 'cancel', { visitId: visit.id }),
    ]) {
      expect(answer).toEqual({ ok: false, code: 'NOT_FOUND', message: '该预约不存在' });
    }
    expect(data(await visitorCall(app, stranger, 'inbox', {})).items.map((v) => v.id)).not.toContain(visit.id);
  }
  const anonymous = (await visitorCall(app, undefined, 'detail', { visitId: visit.id })) as Envelope<unknown>;
  expect(anonymous).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
  expect(JSON.stringify(anonymous)).not.toContain('赵敏');
  // the visitor reads but does not decide
  expect(await visitorCall(app, VISITOR, 'decide', { visitId: visit.id, approve: true })).toMatchObject({
    code: 'FORBIDDEN',
  });
  expect(data(await visitorCall(app, VISITOR, 'mine', {})).items.map((v) => v.id)).toContain(visit.id);
});

test('a retried booking (same requestId) makes one visit', async () => {
  const form = { ...bookingForm(app, { visitorPhone: '13800139999' }), requestId: 'visit-retry-0001' };
  const first = data(await visitorCall(app, VISITOR, 'book', form)).visit;
  const again = data(await visitorCall(app, VISITOR, 'book', form)).visit;
  expect(again.id).toBe(first.id);
  expect(app.lc.db.find('visits', { 'visitor.phone': '13800139999' }, {})).toHaveLength(1);
});
