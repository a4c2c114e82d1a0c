/**
 * 专用通行证 (P6): an administrator keeps organisations (linked to the communities they serve) and their members; a
 * member binds their WeChat with a single-use invitation code and shows a pass that the gate releases only at a
 * linked community, only inside the member's validity period, only while the member is not disabled — each refusal
 * recorded like any other, and the release recorded as a 专用通行证.
 */
import { randomUUID } from 'node:crypto';
import type { SpecialMemberView, SpecialOrganisationView } from '../../miniprogram/core/api/admin-special';
import type { SpecialPassResponse } from '../../miniprogram/core/api/pass';
import type { Envelope } from '../../miniprogram/core/envelope';
import { DEMO_OPENIDS, useAppCloud } from '../support/app-cloud';
import { setClock } from '../support/clock';
import { HJ, HX, addStaff, cst, data, release, scan } from '../support/fixtures';
import { deviceVerify, setReleaseMode } from './support/device';
import { setVisitorSettings } from '../support/visitors';

const { admin: chenjing, guard: wangqiang, resident: zhangwei, resident2: lina } = DEMO_OPENIDS;
// LOCALCLOUD_URL in the test's process too: the device test signs as a door device, with the development key
const app = useAppCloud({ setsLocalcloudUrl: true });
/** each test's member is a new WeChat user: the data folder lives through the file */
let COURIER = '';
let couriers = 0;
const MEMBER = { name: '赵磊', phone: '13700001111', idNumber: '110101199003074514' };

beforeEach(() => {
  COURIER = `courier-${(couriers += 1)}`;
  setClock(app, cst('2026-11-24 12:00'));
});

const admin = <T>(action: string, params: object = {}, openid: string = chenjing) =>
  app.call<Envelope<T>>('admin', { action, siteId: HX, requestId: randomUUID(), ...params }, openid);
const pass = <T>(action: string, params: object, openid: string) =>
  app.call<Envelope<T>>('pass', { action, ...params }, openid);
const bind = (code: string, openid: string = COURIER) =>
  pass<{ organisation: string; name: string; sites: Array<{ id: string }> }>(
    'bindSpecialMember',
    { code, requestId: randomUUID() },
    openid,
  );
const specialPass = (siteId?: string, openid: string = COURIER) =>
  pass<SpecialPassResponse>('specialPass', siteId ? { siteId } : {}, openid);

async function organisation(name = '顺丰快递', siteIds = [HX]): Promise<SpecialOrganisationView> {
  return data(await admin<{ organisation: SpecialOrganisationView }>('createSpecialOrganisation', { name, siteIds }))
    .organisation;
}

async function member(
  organisationId: string,
  extra: object = {},
): Promise<{ member: SpecialMemberView; code: string }> {
  return data(
    await admin<{ member: SpecialMemberView; code: string }>('createSpecialMember', {
      member: { organisationId, validFrom: '2026-11-01', validTo: '2026-12-01', ...MEMBER, ...extra },
    }),
  );
}

/** A member bound to COURIER (or `openid`), ready to show a pass. */
async function boundMember(extra: object = {}, openid: string = COURIER) {
  const org = await organisation();
  const made = await member(org.id, extra);
  data(await bind(made.code, openid));
  return { org, member: made.member };
}

const lastRecord = (passId: string) =>
  app.lc.db
    .find('accessRecords', { passId }, {})
    .filter((r) => r.kind === 'release' || r.kind === 'refusal')
    .sort((a, b) => new Date(String(b.at)).getTime() - new Date(String(a.at)).getTime())[0];

test('organisations: created and listed for their sites, ID numbers sealed and masked, phones masked', async () => {
  const org = await organisation('顺丰快递');
  expect(org).toMatchObject({ name: '顺丰快递', sites: [{ id: HX, name: '海信慧园' }], activeMembers: 0 });
  const made = await member(org.id);
  expect(made.code).toMatch(/^[2-9A-Z]{10}$/);
  expect(made.member).toMatchObject({
    name: '赵磊',
    phone: '137****1111',
    maskedIdNumber: '110***********4514',
    status: 'active',
    bound: false,
    expired: false,
    organisation: { id: org.id, name: '顺丰快递' },
  });
  const stored = app.lc.db.find('specialMembers', { _id: made.member.id })[0];
  expect(JSON.stringify(stored)).not.toContain(MEMBER.idNumber);
  expect(JSON.stringify(stored)).not.toContain(made.code);

  // the demo's 顺丰快递 has its own 赵磊: this organisation's members alone
  const listed = data(
    await admin<{ members: SpecialMemberView[]; hasMore: boolean }>('specialMembers', { organisationId: org.id }),
  );
  expect(listed.members.map((m) => m.id)).toEqual([made.member.id]);
  const all = data(await admin<{ members: SpecialMemberView[] }>('specialMembers'));
  expect(all.members.map((m) => m.id).sort()).toEqual([made.member.id, 'special-zhaolei'].sort());
  const orgs = data(
    await admin<{ organisations: SpecialOrganisationView[]; linkableSites: Array<{ id: string }> }>(
      'specialOrganisations',
    ),
  );
  expect(orgs.organisations.find((o) => o.id === org.id)).toMatchObject({ name: '顺丰快递', activeMembers: 1 });
  expect(orgs.organisations.map((o) => o.id).sort()).toEqual([org.id, 'org-sf-express'].sort());
  expect(orgs.linkableSites.map((s) => s.id)).toEqual([HX]);
  // a bad ID number and a period ending before it starts are refused
  expect(
    await admin('createSpecialMember', {
      member: {
        organisationId: org.id,
        ...MEMBER,
        idNumber: '110101199003074515',
        validFrom: '2026-11-01',
        validTo: '2026-12-01',
      },
    }),
  ).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
  expect(
    await admin('createSpecialMember', {
      member: { organisationId: org.id, ...MEMBER, validFrom: '2026-12-02', validTo: '2026-12-01' },
    }),
  ).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
});

test('photos: the member form uploads to the folder specialMembers gives, the only one accepted; a face only where the site collects faces in the app; an edit without photos keeps them', async () => {
  const org = await organisation();
  const listing = () => admin<{ photoFolder: string; facePhotos: boolean }>('specialMembers');
  const { photoFolder, facePhotos } = data(await listing());
  expect(photoFolder).toBe(`special/photos/${chenjing}/`);
  const fileId = (cloudPath: string) => `cloud://${app.lc.envId}.bucket/${cloudPath}`;
  // by default the site's faces are taken at the gate's terminal (faceCapture gate): no face photo in the app
  expect(facePhotos).toBe(false);
  const withFace = {
    organisationId: org.id,
    ...MEMBER,
    validFrom: '2026-11-01',
    validTo: '2026-12-01',
    facePhotoFileId: fileId(`${photoFolder}face-0.png`),
  };
  const members = () => app.lc.db.count('specialMembers', {});
  const before = members();
  expect(await admin('createSpecialMember', { member: withFace })).toMatchObject({
    ok: false,
    code: 'INVALID_ARGUMENT',
    message: '本小区未开启在小程序内采集人脸，请勿上传人脸照片',
  });
  expect(members()).toBe(before);
  data(await setVisitorSettings(app, { faceCapture: 'app' }));
  expect(data(await listing()).facePhotos).toBe(true);
  // a file in another person's folder is refused
  expect(
    await admin('createSpecialMember', {
      member: {
        organisationId: org.id,
        ...MEMBER,
        validFrom: '2026-11-01',
        validTo: '2026-12-01',
        idPhotoFileId: fileId(`special/photos/${zhangwei}/a.jpg`),
      },
    }),
  ).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT', message: '照片无效，请重新上传' });
  const made = await member(org.id, {
    idPhotoFileId: fileId(`${photoFolder}id-1.jpg`),
    facePhotoFileId: fileId(`${photoFolder}face-1.png`),
  });
  expect(made.member).toMatchObject({ hasIdPhoto: true, hasFacePhoto: true });
  data(
    await admin('updateSpecialMember', {
      memberId: made.member.id,
      member: { organisationId: org.id, ...MEMBER, validFrom: '2026-11-01', validTo: '2026-12-31' },
    }),
  );
  const listed = data(await admin<{ members: SpecialMemberView[] }>('specialMembers', { organisationId: org.id }));
  expect(listed.members[0]).toMatchObject({ validTo: '2026-12-31', hasIdPhoto: true, hasFacePhoto: true });
  expect(app.lc.db.find('specialMembers', { _id: made.member.id })[0]).toMatchObject({
    idPhotoFileId: fileId(`${photoFolder}id-1.jpg`),
  });
  // the form shows the phone masked: an edit that leaves it out keeps it
  const { phone: _phone, ...withoutPhone } = MEMBER;
  const renamed = data(
    await admin<{ member: SpecialMemberView }>('updateSpecialMember', {
      memberId: made.member.id,
      member: {
        organisationId: org.id,
        ...withoutPhone,
        name: '钱二多',
        validFrom: '2026-11-01',
        validTo: '2026-12-31',
      },
    }),
  ).member;
  expect(renamed).toMatchObject({ name: '钱二多', phone: made.member.phone });
  expect(app.lc.db.find('specialMembers', { _id: made.member.id })[0]).toMatchObject({ phone: MEMBER.phone });
});

test('an administrator links only sites they administer', async () => {
  expect(await admin('createSpecialOrganisation', { name: '顺丰快递', siteIds: [HX, HJ] })).toMatchObject({
    ok: false,
    code: 'FORBIDDEN',
  });
  // once 陈静 administers 鸿锦阁 too, she may link both; 鸿锦阁's own administrator sees it there
  await addStaff(app, chenjing, HJ, 'admin');
  const org = await organisation('顺丰快递', [HX, HJ]);
  expect(org.sites.map((s) => s.id).sort()).toEqual([HJ, HX].sort());
  await addStaff(app, lina, HJ, 'admin');
  const atHj = data(
    await admin<{ organisations: SpecialOrganisationView[] }>('specialOrganisations', { siteId: HJ }, lina),
  );
  expect(atHj.organisations.map((o) => o.name)).toEqual(['顺丰快递']);
  // 李娜 (only 鸿锦阁) may rename it but not unlink 海信慧园
  expect(
    await admin('updateSpecialOrganisation', { siteId: HJ, organisationId: org.id, name: '顺丰', siteIds: [HJ] }, lina),
  ).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  const renamed = data(
    await admin<{ organisation: SpecialOrganisationView }>(
      'updateSpecialOrganisation',
      { siteId: HJ, organisationId: org.id, name: '顺丰速运', siteIds: [HX, HJ] },
      lina,
    ),
  );
  expect(renamed.organisation.name).toBe('顺丰速运');
});

test('a bound member is released at the gate, recorded as a 专用通行证; used once', async () => {
  const { member: m } = await boundMember();
  const shown = data(await specialPass());
  expect(shown).toMatchObject({ site: { id: HX }, holder: '赵磊', organisation: '顺丰快递', validTo: '2026-12-01' });
  const scanned = data(await scan(app, wangqiang, shown.code));
  expect(scanned).toMatchObject({ type: 'special', holder: { name: '赵磊', organisation: '顺丰快递' } });
  expect(data(await release(app, wangqiang, shown.code))).toMatchObject({ released: true, type: 'special' });
  expect(lastRecord(shown.passId)).toMatchObject({
    kind: 'release',
    passType: 'special',
    holderName: '赵磊',
    memberId: m.id,
    organisation: '顺丰快递',
  });
  expect(await release(app, wangqiang, shown.code)).toMatchObject({ ok: false, code: 'PASS_USED' });
  // the pass's status, as home polls it
  expect(data(await pass('passStatus', { passId: shown.passId }, COURIER))).toMatchObject({ state: 'used' });
});

test('after the validity period the pass is refused with PASS_EXPIRED and the date, at the gate and at issue', async () => {
  const { member: m } = await boundMember();
  const shown = data(await specialPass());
  // the administrator shortens the period while the code is on screen
  data(
    await admin('updateSpecialMember', {
      memberId: m.id,
      member: { organisationId: m.organisation.id, ...MEMBER, validFrom: '2026-11-01', validTo: '2026-11-23' },
    }),
  );
  const refused = await release(app, wangqiang, shown.code);
  expect(refused).toMatchObject({ ok: false, code: 'PASS_EXPIRED', message: '专用通行证已于2026-11-23到期' });
  expect(lastRecord(shown.passId)).toMatchObject({ kind: 'refusal', reason: 'PASS_EXPIRED', passType: 'special' });
  expect(await specialPass()).toMatchObject({
    ok: false,
    code: 'PASS_EXPIRED',
    message: '专用通行证已于2026-11-23到期',
  });

  // the last day counts whole (Asia/Shanghai): valid to 2026-12-01 means until 23:59 that day
  data(
    await admin('updateSpecialMember', {
      memberId: m.id,
      member: { organisationId: m.organisation.id, ...MEMBER, validFrom: '2026-11-01', validTo: '2026-12-01' },
    }),
  );
  setClock(app, cst('2026-12-01 23:58'));
  const late = data(await specialPass());
  data(await scan(app, wangqiang, late.code));
  setClock(app, cst('2026-12-02 00:00'));
  expect(await release(app, wangqiang, late.code)).toMatchObject({
    ok: false,
    code: 'PASS_EXPIRED',
    message: '专用通行证已于2026-12-01到期',
  });
});

test('a community the organisation does not serve refuses the pass, at issue and at its gate', async () => {
  await boundMember();
  const shown = data(await specialPass());
  expect(await specialPass(HJ)).toMatchObject({
    ok: false,
    code: 'FORBIDDEN',
    message: '该专用通行证不能在本小区使用',
  });
  // a 鸿锦阁 guard scanning the 海信慧园 code
  await addStaff(app, wangqiang, HJ, 'guard');
  expect(await release(app, wangqiang, shown.code, {}, HJ)).toMatchObject({
    ok: false,
    code: 'PASS_INVALID',
    message: '该专用通行证不能在本小区使用',
  });
  expect(lastRecord(shown.passId)).toMatchObject({ siteId: HJ, kind: 'refusal', passType: 'special' });
});

test('an organisation unlinked from the site after the code was shown: refused at the gate', async () => {
  await addStaff(app, chenjing, HJ, 'admin');
  const org = await organisation('顺丰快递', [HX, HJ]);
  const made = await member(org.id);
  data(await bind(made.code));
  const shown = data(await specialPass(HX));
  data(
    await admin('updateSpecialOrganisation', { siteId: HJ, organisationId: org.id, name: '顺丰快递', siteIds: [HJ] }),
  );
  expect(await release(app, wangqiang, shown.code)).toMatchObject({
    ok: false,
    code: 'PASS_INVALID',
    message: '该专用通行证不能在本小区使用',
  });
});

test('a disabled member is refused, at the gate and at issue; enabled again, released', async () => {
  const { member: m } = await boundMember();
  const shown = data(await specialPass());
  const disabled = data(
    await admin<{ member: SpecialMemberView }>('setSpecialMemberStatus', { memberId: m.id, status: 'disabled' }),
  );
  expect(disabled.member.status).toBe('disabled');
  expect(await release(app, wangqiang, shown.code)).toMatchObject({ ok: false, code: 'PASS_REVOKED' });
  expect(lastRecord(shown.passId)).toMatchObject({ kind: 'refusal', reason: 'PASS_REVOKED', passType: 'special' });
  expect(await specialPass()).toMatchObject({ ok: false, code: 'PASS_REVOKED' });
  data(await admin('setSpecialMemberStatus', { memberId: m.id, status: 'active' }));
  data(await release(app, wangqiang, data(await specialPass()).code));
});

test('not yet bound: no pass; a wrong code binds nothing; another site’s administrator sees no member', async () => {
  expect(await specialPass()).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  expect(await bind('ABCDEFGHJK')).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  const org = await organisation();
  const made = await member(org.id);
  await addStaff(app, lina, HJ, 'admin');
  expect(
    await admin('setSpecialMemberStatus', { siteId: HJ, memberId: made.member.id, status: 'disabled' }, lina),
  ).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  // an expired invitation is refused; a renewed one binds, and the old one is dead
  setClock(app, cst('2026-11-28 12:00'));
  expect(await bind(made.code)).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  const renewed = data(await admin<{ code: string }>('renewSpecialInvitation', { memberId: made.member.id }));
  expect(await bind(made.code)).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  expect(data(await bind(renewed.code.toLowerCase()))).toMatchObject({ name: '赵磊', organisation: '顺丰快递' });
  expect(await admin('renewSpecialInvitation', { memberId: made.member.id })).toMatchObject({
    ok: false,
    code: 'CONFLICT',
  });
});

test('an invitation binds exactly one account under a race', async () => {
  const org = await organisation();
  const people = Array.from({ length: 8 }, (_, i) => `race-person-${i}`);
  for (let round = 0; round < 20; round += 1) {
    const made = await member(org.id, { name: `成员${round}` });
    const answers = await Promise.all(people.slice(0, 2 + (round % 7)).map((openid) => bind(made.code, openid)));
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    for (const refused of answers.filter((a) => !a.ok))
      expect(refused).toMatchObject({ code: expect.stringMatching(/CONFLICT|NOT_FOUND/) });
    const stored = app.lc.db.find('specialMembers', { _id: made.member.id })[0] as { userId?: string };
    expect(stored.userId).toBeDefined();
  }
});

test('residents and guards manage nothing here', async () => {
  for (const openid of [zhangwei, wangqiang]) {
    expect(await admin('specialOrganisations', {}, openid)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await admin('createSpecialOrganisation', { name: 'x', siteIds: [HX] }, openid)).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
  }
});

test('a QR door device releases a member’s pass once, and refuses a disabled member’s (the same release path)', async () => {
  await setReleaseMode(app, HX, 'device');
  try {
    const { member: m } = await boundMember();
    const shown = data(await specialPass());
    expect((await deviceVerify(app, { code: shown.code })).body).toMatchObject({
      result: 'open',
      holder: { name: '赵磊' },
    });
    expect(lastRecord(shown.passId)).toMatchObject({ kind: 'release', passType: 'special', actor: { kind: 'device' } });
    expect((await deviceVerify(app, { code: shown.code })).body).toMatchObject({ result: 'refuse', code: 'PASS_USED' });

    const next = data(await specialPass());
    data(await admin('setSpecialMemberStatus', { memberId: m.id, status: 'disabled' }));
    expect((await deviceVerify(app, { code: next.code })).body).toMatchObject({
      result: 'refuse',
      code: 'PASS_REVOKED',
    });
    expect(lastRecord(next.passId)).toMatchObject({ kind: 'refusal', reason: 'PASS_REVOKED' });
  } finally {
    await setReleaseMode(app, HX, 'guard');
  }
});
