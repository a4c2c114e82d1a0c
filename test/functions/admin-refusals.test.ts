import { createHash } from 'node:crypto';
import type { Envelope } from '../../miniprogram/core/envelope';
import { main as admin } from '../../cloudfunctions/admin/src/index';
import { DEMO_OPENIDS, useAppCloud } from '../support/app-cloud';
import { HJ, HX, addStaff } from '../support/fixtures';

// Who may do what in the back office (issue 15): every `admin` action is refused for guards, residents, observers,
// administrators of another site and anonymous callers, with the right code, and nothing is written — except the
// read actions observers (P11) are given, OBSERVER_READS, which answer an observer and write only the audit log.
// The table has one valid request per action, taken from the function's own router: an action added without a row
// fails here.

/** The development value of ADMIN_BOOTSTRAP_SECRET under localcloud (server/platform/secrets.ts). */
const BOOTSTRAP_SECRET = createHash('sha256').update('localcloud-dev:ADMIN_BOOTSTRAP_SECRET').digest('hex');

/** One valid request per action, at 海信慧园 (its administrator could make each of them). */
const SAMPLES: Record<string, Record<string, unknown>> = {
  records: { siteId: HX, result: 'refused', page: 1 },
  passSettings: { siteId: HX },
  updatePassSettings: {
    siteId: HX,
    residentPass: {
      countingMode: 'perPerson',
      periodDays: 1,
      exitsPerPeriod: 1,
      exitWindows: [{ start: '06:00', end: '22:00' }],
      requireIdRegistration: false,
      requireTemperature: false,
    },
    releaseMode: 'guard',
  },
  visitorSettings: { siteId: HX },
  restrictHouse: { siteId: HX, houseId: 'house-hx-3-2-301', restriction: { kind: 'banned' } },
  devices: { siteId: HX },
  registerDevice: { siteId: HX, name: '南门二维码门禁', gate: '南门' },
  rotateDeviceSecret: { siteId: HX, deviceId: 'device-hx-east' },
  importCards: { siteId: HX, csv: 'number,type,phone\nHX9001,access,13912340001\n' },
  setDeviceStatus: { siteId: HX, deviceId: 'device-hx-east', status: 'disabled' },
  retention: { siteId: HX },
  setRetention: { siteId: HX, accessRecordsDays: 30, visitorDataDays: 30 },
  staff: { siteId: HX },
  grantRole: { siteId: HX, phone: '13912340001', role: 'guard' },
  revokeRole: { siteId: HX, membershipId: 'm-user-chenjing-site-haixin-huiyuan-admin' },
  createInvitation: { siteId: HX, role: 'admin' },
  revokeInvitation: { siteId: HX, invitationId: 'abcdef0123456789abcdef0123456789' },
  activePasses: { siteId: HX, kind: 'resident', page: 1 },
  revokePass: { siteId: HX, kind: 'resident', id: 'm-user-zhangwei-site-haixin-huiyuan-resident' },
  restorePass: { siteId: HX, id: 'm-user-zhangwei-site-haixin-huiyuan-resident' },
  specialOrganisations: { siteId: HX },
  createSpecialOrganisation: { siteId: HX, name: '顺丰快递', siteIds: [HX] },
  updateSpecialOrganisation: { siteId: HX, organisationId: 'org-sf-express', name: '顺丰', siteIds: [HX] },
  specialMembers: { siteId: HX, page: 1 },
  createSpecialMember: {
    siteId: HX,
    member: {
      organisationId: 'org-sf-express',
      name: '赵磊',
      phone: '13700001111',
      validFrom: '2026-11-01',
      validTo: '2026-12-31',
    },
  },
  updateSpecialMember: {
    siteId: HX,
    memberId: 'special-zhaolei',
    member: {
      organisationId: 'org-sf-express',
      name: '赵磊',
      phone: '13700001111',
      validFrom: '2026-11-01',
      validTo: '2026-12-31',
    },
  },
  setSpecialMemberStatus: { siteId: HX, memberId: 'special-zhaolei', status: 'disabled' },
  renewSpecialInvitation: { siteId: HX, memberId: 'special-zhaolei' },
  // the right secret: a site that has an administrator is still refused
  bootstrap: { siteId: HX, secret: BOOTSTRAP_SECRET },
  exitSlipSettings: { siteId: HX },
  settingsChanges: { siteId: HX, area: 'residentPass', page: 1 },
  previewHouseImport: { siteId: HX, csv: 'building,unit,room\n9,1,101\n' },
  importHouses: { siteId: HX, csv: 'building,unit,room\n9,1,101\n' },
  houses: { siteId: HX, query: '3-2', page: 1 },
  houseResidents: { siteId: HX, houseId: 'house-hx-3-2-301' },
  setArrears: { siteId: HX, houseId: 'house-hx-3-2-301', arrears: true },
  removeResident: {
    siteId: HX,
    houseId: 'house-hx-3-2-301',
    membershipId: 'm-user-zhangwei-site-haixin-huiyuan-resident',
  },
  residenceApplications: { siteId: HX, page: 1 },
  decideResidenceApplication: { siteId: HX, applicationId: 'abcdef0123456789abcdef0123456789', approve: true },
  exitSlips: { siteId: HX, page: 1 },
  decideExitSlip: { siteId: HX, slipId: 'abcdef0123456789abcdef0123456789', approve: true },
  observers: { siteId: HX },
  addObserver: { siteId: HX, phone: '13912340001', name: '张伟', organisation: '街道办', expiresOn: '2099-12-31' },
  revokeObserver: { siteId: HX, id: 'abcdef0123456789abcdef0123456789' },
  auditLog: { siteId: HX, page: 1 },
  exportRecords: { siteId: HX, result: 'refused' },
};

/** What an observer may call: reading the records, and exporting them. Every other action is refused to them. */
const OBSERVER_READS = ['records', 'exportRecords'];

/** The site's settings as its administrator reads them: a valid request to save them again. */
const settingsSample = async (action: 'visitorSettings' | 'exitSlipSettings') => {
  const answer = await app.call<Envelope<{ settings: unknown }>>('admin', { action, siteId: HX }, DEMO_OPENIDS.admin);
  if (!answer.ok) throw new Error(answer.message);
  return answer.data.settings;
};

const OTHER_SITE_ADMIN = 'refusals-admin-hongjin';
const CALLERS: Array<[who: string, openid: string | undefined]> = [
  ['a guard', DEMO_OPENIDS.guard],
  ['a resident', DEMO_OPENIDS.resident],
  ['an observer', DEMO_OPENIDS.observer],
  ['another site’s administrator', OTHER_SITE_ADMIN],
  ['an anonymous caller', undefined],
];

const app = useAppCloud();
let n = 0;

beforeAll(async () => {
  await addStaff(app, OTHER_SITE_ADMIN, HJ, 'admin');
  SAMPLES.setVisitorSettings = { siteId: HX, settings: await settingsSample('visitorSettings') };
  SAMPLES.setExitSlipSettings = { siteId: HX, settings: await settingsSample('exitSlipSettings') };
  // every caller's user exists before the first snapshot (a first call from WeChat creates it)
  for (const [, openid] of CALLERS) if (openid) await app.call('site', { action: 'current' }, openid);
});

/**
 * Every collection but `requests` and `besides` (a refused mutating request keeps its answer there, so that a retry hears the same
 * refusal): the whole database as text.
 */
function snapshot(besides: string[] = []): string {
  const names = app.lc.db
    .collectionNames()
    .filter((name) => name !== 'requests' && !besides.includes(name))
    .sort();
  return JSON.stringify(names.map((name) => [name, app.lc.db.find(name, {}, {})]));
}

const actions = Object.keys(admin.inputs).sort();

test('the table has one valid request for every action of the admin function, and no other', () => {
  expect(Object.keys(SAMPLES).sort()).toEqual(actions);
  for (const action of actions) {
    const parsed = admin.inputs[action].parse({ action, ...SAMPLES[action] });
    expect({ action, ok: parsed.ok, issues: parsed.ok ? [] : parsed.issues }).toEqual({ action, ok: true, issues: [] });
  }
});

describe.each(CALLERS)('%s', (_who, openid) => {
  const refused = openid === DEMO_OPENIDS.observer ? actions.filter((a) => !OBSERVER_READS.includes(a)) : actions;
  test.each(refused)('is refused %s, and nothing is written', async (action) => {
    const before = snapshot();
    const answer = await app.call<Envelope<unknown>>(
      'admin',
      { action, requestId: `refusals-${(n += 1)}`, ...SAMPLES[action] },
      openid,
    );
    const code = openid ? 'FORBIDDEN' : 'UNAUTHENTICATED';
    expect(answer).toMatchObject({ ok: false, code });
    expect(snapshot()).toEqual(before);
  });
});

test.each(OBSERVER_READS)(
  'an observer may call %s: it answers, and writes nothing but the audit log',
  async (action) => {
    const before = snapshot(['auditLog']);
    const entries = app.lc.db.find('auditLog', {}, {}).length;
    const answer = await app.call<Envelope<unknown>>(
      'admin',
      { action, requestId: `refusals-${(n += 1)}`, ...SAMPLES[action] },
      DEMO_OPENIDS.observer,
    );
    expect(answer).toMatchObject({ ok: true });
    expect(snapshot(['auditLog'])).toEqual(before);
    expect(app.lc.db.find('auditLog', {}, {})).toHaveLength(entries + 1);
  },
);

test('the snapshot sees a write: the same request from 海信慧园’s administrator changes the database', async () => {
  const before = snapshot();
  const answer = await app.call<Envelope<unknown>>(
    'admin',
    { action: 'grantRole', requestId: `refusals-${(n += 1)}`, ...SAMPLES.grantRole },
    DEMO_OPENIDS.admin,
  );
  expect(answer).toMatchObject({ ok: true });
  expect(snapshot()).not.toEqual(before);
});
