/**
 * 注销账号 (X7): a person who used everything — an account, a nickname, a bound card, an ID number registered at
 * the gate, passes released, a visitor invited, a visit to them booked and approved — deletes their account with
 * an SMS code, and then no collection holds their phone, name, ID number, nickname or openid (every collection is
 * searched, whole). The site keeps its records, anonymised; the person's WeChat starts afresh.
 */
import { randomUUID } from 'node:crypto';
import { LEGAL_EDITION } from '../../miniprogram/core/consent';
import type { Envelope } from '../../miniprogram/core/envelope';
import { ON_DELETION } from '../../server/accounts/personal-data';
import { DEMO_OPENIDS, useAppCloud, type AppCloud } from '../support/app-cloud';
import { HX, codeFor, cst, data, release, residentPass, setRules } from '../support/fixtures';
import { setClock } from '../support/clock';
import { applyExitSlip, decideExitSlip, myExitSlip } from '../support/exit-slips';
import { lastSmsCode, smsCode } from '../support/sms';
import { VISITOR_ID, ZHANG_WEI, bookingForm, visitorCall } from '../support/visitors';
import manifest from '../../docs/database.json';

const app = useAppCloud();
const { resident: zhangwei, guard, newcomer } = DEMO_OPENIDS;
const NICKNAME = '伟哥跑步中';
/** 张伟's own ID number, registered at the gate (his visitor's is VISITOR_ID) */
const HIS_ID = '320102198002151232';

beforeEach(() => setClock(app, cst('2026-11-24 12:00')));

const account = <T>(action: string, openid: string, params: object = {}) =>
  app.call<Envelope<T>>('account', { action, requestId: randomUUID(), ...params }, openid);

/** Every document of every collection, as JSON text, with the collection's name. */
function everything(cloud: AppCloud): Array<{ collection: string; text: string; doc: Record<string, unknown> }> {
  const out = [];
  for (const collection of cloud.lc.db.collectionNames()) {
    for (let offset = 0; ; offset += 1000) {
      const page = cloud.lc.db.find(collection, {}, { offset, limit: 1000 });
      for (const doc of page) out.push({ collection, text: JSON.stringify(doc), doc });
      if (page.length < 1000) break;
    }
  }
  return out;
}

/** 张伟 uses everything the app has. */
async function liveALife(): Promise<void> {
  data(await account('updateProfile', zhangwei, { nickname: NICKNAME }));
  // a card bound with its SMS code
  const card = { siteId: HX, type: 'member', number: 'HX1001', phone: ZHANG_WEI.phone };
  data(await app.call('card', { action: 'sendCode', requestId: randomUUID(), ...card }, zhangwei));
  data(
    await app.call(
      'card',
      { action: 'bind', requestId: randomUUID(), ...card, code: await lastSmsCode(app, card.phone) },
      zhangwei,
    ),
  );
  // his ID number registered at the gate, and two passes released
  await setRules(app, HX, { requireIdRegistration: true, exitsPerPeriod: 0 });
  data(await release(app, guard, await codeFor(app, zhangwei), { idNumber: HIS_ID }));
  data(await release(app, guard, await codeFor(app, zhangwei)));
  // he also carries a 专用通行证 (P6) for the courier he works for: his name, phone and ID number on the member, bound
  // to his account, released at the gate
  const admin = <T>(action: string, params: object) =>
    app.call<Envelope<T>>('admin', { action, siteId: HX, requestId: randomUUID(), ...params }, DEMO_OPENIDS.admin);
  const org = data(
    await admin<{ organisation: { id: string } }>('createSpecialOrganisation', { name: '顺丰快递', siteIds: [HX] }),
  );
  const made = data(
    await admin<{ code: string }>('createSpecialMember', {
      member: {
        organisationId: org.organisation.id,
        name: ZHANG_WEI.name,
        phone: ZHANG_WEI.phone,
        idNumber: HIS_ID,
        validFrom: '2026-11-01',
        validTo: '2026-12-31',
      },
    }),
  );
  data(await app.call('pass', { action: 'bindSpecialMember', code: made.code, requestId: randomUUID() }, zhangwei));
  const special = data(await app.call<Envelope<{ code: string }>>('pass', { action: 'specialPass' }, zhangwei));
  data(await release(app, guard, special.code));
  // he applies to live at 鸿锦阁 too (申请入住): the application carries his name
  data(
    await app.call(
      'site',
      {
        action: 'applyResidence',
        siteId: 'site-hongjin-ge',
        houseId: 'house-hj-8-1-1203',
        name: ZHANG_WEI.name,
        relation: 'family',
        requestId: randomUUID(),
      },
      zhangwei,
    ),
  );
  // an exit slip for moving a bookcase out (出门条): approved, and released at the gate
  const { slip } = data(await applyExitSlip(app, zhangwei, { date: '2026-11-24', goods: '书柜一个' }));
  data(await decideExitSlip(app, DEMO_OPENIDS.admin, slip.id, true));
  const approved = data(await myExitSlip(app, zhangwei, slip.id)).slip;
  data(await release(app, guard, approved.pass?.code ?? ''));
  // a visit booked to him (he approves it), and a visitor he invites
  const booked = data(
    await visitorCall(app, guard, 'book', bookingForm(app, { idNumber: VISITOR_ID, consentEdition: LEGAL_EDITION })),
  );
  data(await visitorCall(app, zhangwei, 'decide', { visitId: booked.visit.id, approve: true }));
  data(
    await visitorCall(app, zhangwei, 'invite', {
      siteId: HX,
      visitorName: '赵敏',
      visitorPhone: '13800138000',
      purpose: '探亲访友',
      idNumber: VISITOR_ID,
      consentEdition: LEGAL_EDITION,
      startsAt: bookingForm(app).startsAt,
      endsAt: bookingForm(app).endsAt,
    }),
  );
  // 观察员 (P11): 海信慧园's administrator makes him an observer; he reads and exports the records (the audit log
  // holds his name), and a second invitation for his phone stays open
  const observer = { siteId: HX, phone: ZHANG_WEI.phone, name: ZHANG_WEI.name, organisation: '街道办' };
  const { code } = data(await admin<{ code: string }>('addObserver', observer));
  data(await app.call('site', { action: 'acceptInvitation', requestId: randomUUID(), code }, zhangwei));
  data(await app.call('admin', { action: 'records', siteId: HX }, zhangwei));
  data(await app.call('admin', { action: 'exportRecords', siteId: HX, requestId: randomUUID() }, zhangwei));
  data(await admin('addObserver', observer));
}

/** What would name him: his ID number is stored sealed, so its keyed hash and masked form stand for it */
let TRACES: string[] = [];

test('a wrong code deletes nothing; a WeChat user with no account deletes without one', async () => {
  data(await account('sendDeletionCode', zhangwei));
  expect(await account('deleteAccount', zhangwei, { code: '000000' })).toMatchObject({
    ok: false,
    code: 'INVALID_ARGUMENT',
  });
  expect(await account('deleteAccount', zhangwei, {})).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
  expect(data(await account<{ profile: { hasAccount: boolean } }>('profile', zhangwei)).profile.hasAccount).toBe(true);
  expect(data(await residentPass(app, zhangwei, HX))).toHaveProperty('code');

  // no phone, no code to send: the WeChat session is all there is
  expect(await account('sendDeletionCode', newcomer)).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  data(await account('updateProfile', newcomer, { nickname: '新来的' }));
  expect(data(await account('deleteAccount', newcomer))).toEqual({ deleted: true });
  expect(everything(app).some((d) => d.text.includes('新来的') || d.text.includes(newcomer))).toBe(false);
});

test('after 注销账号 no collection holds his phone, name, ID number, nickname or openid; the site keeps its records', async () => {
  // minutes after the other test's codes: a new code may be sent
  setClock(app, cst('2026-11-24 12:10'));
  await liveALife();
  const me = app.lc.db.find('users', { openid: zhangwei })[0] as unknown as {
    idNumber: { hash: string; masked: string };
  };
  TRACES = [ZHANG_WEI.phone, ZHANG_WEI.name, HIS_ID, me.idNumber.hash, me.idNumber.masked, NICKNAME, zhangwei];
  const before = everything(app);
  // he is everywhere before: the search would find him
  for (const trace of TRACES.filter((t) => t !== HIS_ID)) expect(before.some((d) => d.text.includes(trace))).toBe(true);
  const records = before.filter((d) => d.collection === 'accessRecords').length;

  const sent = data(await account<{ phone: string }>('sendDeletionCode', zhangwei));
  expect(sent.phone).toBe('139****0001');
  const request = { action: 'deleteAccount', requestId: randomUUID(), code: await smsCode(app, ZHANG_WEI.phone) };
  const ask = () => app.call<Envelope<{ deleted: true }>>('account', request, zhangwei);
  expect(data(await ask())).toEqual({ deleted: true });
  // a retry of the same request answers the same, though the account is gone
  expect(data(await ask())).toEqual({ deleted: true });

  const after = everything(app);
  const left = after.filter(
    (d) =>
      TRACES.some((trace) => d.text.includes(trace)) &&
      // the property's own card list keeps its cards' phones (personal-data.ts says why)
      d.collection !== 'cardRegistry' &&
      // other people's stored answers echo what they typed (the host's phone on a booking): gone within a day
      !(
        d.collection === 'requests' && new Date(d.doc.expiresAt as string).getTime() <= app.lc.clock.now() + 86_400_000
      ),
  );
  expect(left.map((d) => `${d.collection}: ${TRACES.filter((t) => d.text.includes(t)).join()} ${d.text}`)).toEqual([]);
  // the site's records stay, anonymised
  expect(after.filter((d) => d.collection === 'accessRecords').length).toBe(records);
  expect(after.some((d) => d.collection === 'accessRecords' && d.text.includes('已注销用户'))).toBe(true);

  // his WeChat starts afresh: no account, no longer a resident
  const profile = data(await account<{ profile: { hasAccount: boolean } }>('profile', zhangwei));
  expect(profile.profile.hasAccount).toBe(false);
  expect(await residentPass(app, zhangwei, HX)).toMatchObject({ ok: false });
  // his phone may register again
  data(await account('sendCode', newcomer, { phone: ZHANG_WEI.phone, purpose: 'register' }));
});

test('every collection of docs/database.json says what deletion does to it', () => {
  expect(Object.keys(ON_DELETION).sort()).toEqual(Object.keys(manifest.collections).sort());
});
