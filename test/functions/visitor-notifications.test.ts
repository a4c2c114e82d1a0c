import { VISITOR_PAGES } from '../../miniprogram/core/api/visitor';
import { DEMO_OPENIDS, useAppCloud } from '../support/app-cloud';
import { resetClock, setClock } from '../support/clock';
import { data, HX, release } from '../support/fixtures';
import { failSubscribeMessages, subscribeMessages } from '../support/outbox';
import { fireTimer } from '../support/timers';
import { bookingForm, setVisitorSettings, visitorCall, ZHANG_WEI } from '../support/visitors';
import { deviceVerify, setReleaseMode } from './support/device';

// The visitor journey's notifications end to end through localcloud: the visitor function queues them in the
// transaction of the booking, decision or invitation; the outbox function's timer (fired as the platform fires it)
// sends the subscription message and the SMS — the phone sealed by one function and opened by the other with the
// same NOTIFICATION_PHONE_KEY; the visitor's SMS carries a URL Link that opens the visit's detail.

const app = useAppCloud();
const { resident: ZHANGWEI, guard: GUARD } = DEMO_OPENIDS;

beforeEach(async () => {
  resetClock(app);
  data(await setVisitorSettings(app, {}));
});

let serial = 0;
/** A visitor of the test's own (WeChat identity and phone), so each test reads only its own messages. */
function newVisitor(): { openid: string; phone: string } {
  serial += 1;
  return { openid: `visitor-notified-${serial}`, phone: `1380077${String(serial).padStart(4, '0')}` };
}

const deliver = () => fireTimer<{ ok: boolean }>(app, 'outbox', 'deliver');

interface Sms {
  payload: { templateId: string; params: string[] };
}
async function smsTo(phone: string): Promise<Sms[]> {
  const response = await fetch(`${app.lc.url}/_dev/sms?recipient=${phone}`);
  return ((await response.json()) as { messages: Sms[] }).messages;
}

/** The SMS to 张伟 (the approver of every test here) about one visitor, by the name it carries. */
async function approverSms(visitorName: string): Promise<Sms[]> {
  return (await smsTo(ZHANG_WEI.phone)).filter((sms) => sms.payload.params[0] === visitorName);
}

async function resolveLink(url: string): Promise<{ status: number; link?: { path: string; query: string } }> {
  const ticket = url.split('/').pop()!;
  const response = await fetch(`${app.lc.url}/_dev/urllinks/${ticket}`);
  return { status: response.status, ...((await response.json()) as { link?: { path: string; query: string } }) };
}

const outboxOf = (visitId: string) => app.lc.db.find('outbox', { 'subject.id': visitId }, {});

test('book → the approver is told (WeChat + SMS) → approve → the visitor is told, with a link → the pass once', async () => {
  const visitor = newVisitor();
  const form = bookingForm(app, { visitorName: '钱多多', visitorPhone: visitor.phone });
  const visit = data(await visitorCall(app, visitor.openid, 'book', form)).visit;
  // queued in the booking's transaction, delivered by the timer
  expect(data(await visitorCall(app, visitor.openid, 'detail', { visitId: visit.id })).visit.notifications).toEqual([
    { to: 'approver', kind: 'visitRequested', wechat: 'queued', sms: 'queued' },
  ]);
  expect(await deliver()).toMatchObject({ ok: true });

  const approvalPage = `${VISITOR_PAGES.approval}?id=${visit.id}`;
  const toApprover = (await subscribeMessages(app, ZHANGWEI)).filter((m) => m.payload.page === approvalPage);
  expect(toApprover).toHaveLength(1);
  expect(toApprover[0].payload).toMatchObject({ templateId: 'localcloud-visitRequested', status: 'delivered' });
  const [requestSms, ...moreRequestSms] = await approverSms('钱多多');
  expect(moreRequestSms).toEqual([]);
  expect(requestSms.payload).toMatchObject({ templateId: 'localcloud-visitRequested' });
  expect(requestSms.payload.params.slice(0, 2)).toEqual(['钱多多', '海信慧园']);

  data(await visitorCall(app, ZHANGWEI, 'decide', { visitId: visit.id, approve: true }));
  expect(data(await visitorCall(app, ZHANGWEI, 'detail', { visitId: visit.id })).visit.notifications).toEqual([
    { to: 'approver', kind: 'visitRequested', wechat: 'sent', sms: 'smsSent' },
    { to: 'visitor', kind: 'visitApproved', wechat: 'queued', sms: 'queued' },
  ]);
  await deliver();

  const detailPage = `${VISITOR_PAGES.visit}?id=${visit.id}`;
  const [toVisitor, ...moreToVisitor] = await subscribeMessages(app, visitor.openid);
  expect(moreToVisitor).toEqual([]);
  expect(toVisitor.payload).toMatchObject({ templateId: 'localcloud-visitApproved', page: detailPage });
  const [approvedSms, ...moreApprovedSms] = await smsTo(visitor.phone);
  expect(moreApprovedSms).toEqual([]);
  expect(approvedSms.payload.templateId).toBe('localcloud-visitApproved');
  const link = approvedSms.payload.params[3];
  expect(link).toMatch(/^https:\/\/wxaurl\.cn\/[A-Za-z0-9]+$/);
  expect(await resolveLink(link)).toMatchObject({
    status: 200,
    link: { path: VISITOR_PAGES.visit, query: `id=${visit.id}` },
  });
  const shown = data(await visitorCall(app, visitor.openid, 'detail', { visitId: visit.id })).visit;
  expect(shown.notifications).toEqual([
    { to: 'approver', kind: 'visitRequested', wechat: 'sent', sms: 'smsSent' },
    { to: 'visitor', kind: 'visitApproved', wechat: 'sent', sms: 'smsSent' },
  ]);
  // the link outlives the visit by a day, no more
  setClock(app, new Date(Date.parse(visit.endsAt) + 25 * 3600_000));
  expect((await resolveLink(link)).status).toBe(410);

  setClock(app, new Date(Date.parse(visit.startsAt) + 60_000));
  expect(data(await release(app, GUARD, shown.pass!.code))).toMatchObject({ type: 'visitor' });
  expect(await release(app, GUARD, shown.pass!.code)).toMatchObject({ ok: false, code: 'PASS_USED' });
});

test('a rejection tells the visitor, with the reason', async () => {
  const visitor = newVisitor();
  const form = bookingForm(app, { visitorName: '孙悟', visitorPhone: visitor.phone });
  const visit = data(await visitorCall(app, visitor.openid, 'book', form)).visit;
  data(await visitorCall(app, ZHANGWEI, 'decide', { visitId: visit.id, approve: false, reason: '本人出差' }));
  await deliver();
  const [message] = await subscribeMessages(app, visitor.openid);
  expect(message.payload).toMatchObject({ templateId: 'localcloud-visitRejected' });
  expect(JSON.stringify(message.payload.data)).toContain('本人出差');
  expect((await smsTo(visitor.phone)).map((sms) => sms.payload.templateId)).toEqual(['localcloud-visitRejected']);
  expect(data(await visitorCall(app, visitor.openid, 'detail', { visitId: visit.id })).visit.notifications).toEqual([
    { to: 'approver', kind: 'visitRequested', wechat: 'sent', sms: 'smsSent' },
    { to: 'visitor', kind: 'visitRejected', wechat: 'sent', sms: 'smsSent' },
  ]);
});

test('an invitation tells the visitor at once (no approval); by SMS alone when they have no WeChat identity', async () => {
  const visitor = newVisitor();
  const {
    hostName: _n,
    hostPhone: _p,
    ...invitation
  } = bookingForm(app, {
    visitorName: '周到',
    visitorPhone: visitor.phone,
  });
  const visit = data(await visitorCall(app, ZHANGWEI, 'invite', invitation)).visit;
  expect(visit.status).toBe('approved');
  await deliver();
  const [sms, ...more] = await smsTo(visitor.phone);
  expect(more).toEqual([]);
  expect(sms.payload.templateId).toBe('localcloud-visitInvited');
  expect(sms.payload.params[0]).toBe('张伟');
  const { query } = (await resolveLink(sms.payload.params[3])).link!;
  const params = new URLSearchParams(query);
  expect(params.get('id')).toBe(visit.id);
  expect(params.get('k')).toMatch(/^[0-9a-f]{32}$/);
  expect(data(await visitorCall(app, ZHANGWEI, 'detail', { visitId: visit.id })).visit.notifications).toEqual([
    { to: 'visitor', kind: 'visitInvited', wechat: 'noSubscription', sms: 'smsSent' },
  ]);

  // the visitor has no app: opening the link in WeChat makes them the visit's visitor, who sees the pass
  const key = params.get('k')!;
  expect(await visitorCall(app, visitor.openid, 'detail', { visitId: visit.id })).toMatchObject({ code: 'NOT_FOUND' });
  const opened = data(await visitorCall(app, visitor.openid, 'detail', { visitId: visit.id, key })).visit;
  expect(opened.pass?.code).toMatch(/^TX2:/);
  expect(data(await visitorCall(app, visitor.openid, 'detail', { visitId: visit.id })).visit.id).toBe(visit.id);
  // a forwarded SMS opens nothing for anyone else
  const stranger = 'visitor-link-forwarded-to';
  expect(await visitorCall(app, stranger, 'detail', { visitId: visit.id, key })).toMatchObject({ code: 'NOT_FOUND' });
});

test('a link key claims its visit once: a wrong key opens nothing; of several openers at once exactly one is the visitor', async () => {
  for (let round = 0; round < 10; round += 1) {
    const visitor = newVisitor();
    const { hostName: _n, hostPhone: _p, ...invitation } = bookingForm(app, { visitorPhone: visitor.phone });
    const visit = data(await visitorCall(app, ZHANGWEI, 'invite', invitation)).visit;
    await deliver();
    const [sms] = await smsTo(visitor.phone);
    const key = new URLSearchParams((await resolveLink(sms.payload.params[3])).link!.query).get('k')!;
    const wrong = key.replace(/^./, key[0] === 'a' ? 'b' : 'a');
    expect(await visitorCall(app, `claim-${round}-guesser`, 'detail', { visitId: visit.id, key: wrong })).toMatchObject(
      { code: 'NOT_FOUND' },
    );
    const openers = Array.from({ length: 2 + (round % 4) }, (_v, i) => `claim-${round}-${i}`);
    const answers = await Promise.all(openers.map((o) => visitorCall(app, o, 'detail', { visitId: visit.id, key })));
    expect({ round, opened: answers.filter((a) => a.ok).length }).toEqual({ round, opened: 1 });
  }
});

test('a visitor who did not subscribe (43101) is shown noSubscription, and still gets the SMS', async () => {
  const visitor = newVisitor();
  const form = bookingForm(app, { visitorName: '吴用', visitorPhone: visitor.phone });
  const visit = data(await visitorCall(app, visitor.openid, 'book', form)).visit;
  await deliver();
  data(await visitorCall(app, ZHANGWEI, 'decide', { visitId: visit.id, approve: true }));
  await failSubscribeMessages(app, 43101);
  await deliver();
  expect(data(await visitorCall(app, visitor.openid, 'detail', { visitId: visit.id })).visit.notifications).toEqual([
    { to: 'approver', kind: 'visitRequested', wechat: 'sent', sms: 'smsSent' },
    { to: 'visitor', kind: 'visitApproved', wechat: 'noSubscription', sms: 'smsSent' },
  ]);
  expect(await smsTo(visitor.phone)).toHaveLength(1);
});

test('a URL Link that cannot be made does not fail the decision: the SMS goes without it', async () => {
  const visitor = newVisitor();
  const form = bookingForm(app, { visitorName: '郑和', visitorPhone: visitor.phone });
  const visit = data(await visitorCall(app, visitor.openid, 'book', form)).visit;
  await fetch(`${app.lc.url}/_dev/openapi`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ errcode: -1, times: 1, apiName: 'urllink.generate' }),
  });
  expect(data(await visitorCall(app, ZHANGWEI, 'decide', { visitId: visit.id, approve: true })).visit.status).toBe(
    'approved',
  );
  await deliver();
  const [sms] = await smsTo(visitor.phone);
  expect(sms.payload.templateId).toBe('localcloud-visitApproved');
  expect(sms.payload.params[3]).not.toMatch(/^https:/);
  const [entry] = outboxOf(visit.id).filter((e) => e.kind === 'visitApproved');
  expect(entry.link).toBeUndefined();
});

test('a retried booking, decision or invitation (same requestId) queues nothing twice', async () => {
  const visitor = newVisitor();
  const form = { ...bookingForm(app, { visitorName: '冯宝', visitorPhone: visitor.phone }), requestId: 'notify-1' };
  const first = data(await visitorCall(app, visitor.openid, 'book', form)).visit;
  expect(data(await visitorCall(app, visitor.openid, 'book', form)).visit.id).toBe(first.id);
  const decision = { visitId: first.id, approve: true, requestId: 'notify-decide-1' };
  data(await visitorCall(app, ZHANGWEI, 'decide', decision));
  data(await visitorCall(app, ZHANGWEI, 'decide', decision));
  expect(outboxOf(first.id).map((e) => e.kind)).toEqual(['visitRequested', 'visitApproved']);

  const invited = newVisitor();
  const {
    hostName: _n,
    hostPhone: _p,
    ...invitation
  } = bookingForm(app, {
    visitorName: '陈默',
    visitorPhone: invited.phone,
  });
  const again = { ...invitation, requestId: 'notify-invite-1' };
  const visit = data(await visitorCall(app, ZHANGWEI, 'invite', again)).visit;
  expect(data(await visitorCall(app, ZHANGWEI, 'invite', again)).visit.id).toBe(visit.id);
  expect(outboxOf(visit.id)).toHaveLength(1);

  await deliver();
  await deliver();
  expect(await approverSms('冯宝')).toHaveLength(1);
  expect(await smsTo(visitor.phone)).toHaveLength(1);
  expect(await smsTo(invited.phone)).toHaveLength(1);
});

test('a visitor pass at a QR door device: released once', async () => {
  await setReleaseMode(app, HX, 'device');
  process.env.LOCALCLOUD_URL = app.lc.url;
  try {
    const visitor = newVisitor();
    const form = bookingForm(app, { visitorName: '卫青', visitorPhone: visitor.phone });
    const visit = data(await visitorCall(app, visitor.openid, 'book', form)).visit;
    data(await visitorCall(app, ZHANGWEI, 'decide', { visitId: visit.id, approve: true }));
    const code = data(await visitorCall(app, visitor.openid, 'detail', { visitId: visit.id })).visit.pass!.code;
    setClock(app, new Date(Date.parse(visit.startsAt) + 60_000));
    expect((await deviceVerify(app, { code })).body).toMatchObject({ result: 'open', holder: { name: '卫青' } });
    expect((await deviceVerify(app, { code })).body).toMatchObject({ result: 'refuse', code: 'PASS_USED' });
  } finally {
    await setReleaseMode(app, HX, 'guard');
  }
});
