import type { VisitorSettings } from '../miniprogram/core/api/visitor';
import { LEGAL_EDITION } from '../miniprogram/core/consent';
import { DEFAULT_VISITOR_SETTINGS } from '../miniprogram/core/visit-rules';
import { DEFAULT_RESIDENT_PASS_SETTINGS, type ResidentPassSettings } from '../miniprogram/core/pass-rules';
import type { Role } from '../miniprogram/core/roles';
import { accountFields } from '../server/accounts/new-account';
import { hashPassword } from '../server/accounts/passwords';
import { userKeyDocument } from '../server/people/unique-keys';
import { siteSearchFields } from '../server/sites/search-fields';
import { shanghaiDate } from '../miniprogram/core/time';
import { DEMO_OPENIDS } from './identities';

/**
 * The demo a fresh `npm start` shows: a few real-looking sites, houses at two of them, and one
 * person in each role. Ids are readable so curl examples stay short; real ids are random.
 */

/**
 * 海信慧园's pass rules: three exits a day per person, 05:00–23:30; guards release. 鸿锦阁:
 * unlimited, per household, released by QR door devices. The others keep the defaults.
 */
const RESIDENT_PASS: Record<string, ResidentPassSettings> = {
  'site-haixin-huiyuan': {
    ...DEFAULT_RESIDENT_PASS_SETTINGS,
    countingMode: 'perPerson',
    periodDays: 1,
    exitsPerPeriod: 3,
    exitWindows: [{ start: '05:00', end: '23:30' }],
  },
  'site-hongjin-ge': { ...DEFAULT_RESIDENT_PASS_SETTINGS, countingMode: 'perHousehold' },
};
/**
 * 海信慧园's 访客通行证设置: bookings go to the host and to 陈静 (adminsApprove), visitors give an ID number, and
 * faces are optional, taken at the gate. The other sites keep the defaults (core/visit-rules.ts).
 */
const VISITOR_SETTINGS: Record<string, VisitorSettings> = {
  'site-haixin-huiyuan': {
    ...DEFAULT_VISITOR_SETTINGS,
    adminsApprove: true,
    fields: { ...DEFAULT_VISITOR_SETTINGS.fields, idNumber: { show: true, required: true } },
  },
};
const RELEASE_MODE: Record<string, 'guard' | 'device'> = { 'site-hongjin-ge': 'device' };

/** [id, site, name, default] */
const DOORS: Array<[id: string, siteId: string, name: string, isDefault: boolean]> = [
  ['door-hx-east', 'site-haixin-huiyuan', '东门', true],
  ['door-hx-north', 'site-haixin-huiyuan', '北门', false],
  ['door-hj-main', 'site-hongjin-ge', '大门', true],
];

/** QR door devices; their secrets derive from DEVICE_MASTER_KEY (docs/devices.md prints the demo ones). */
const DEVICES: Array<[id: string, siteId: string, name: string, gate: string]> = [
  ['device-hx-east', 'site-haixin-huiyuan', '东门二维码门禁', '东门'],
  ['device-hj-main', 'site-hongjin-ge', '大门二维码门禁', '大门'],
];

/**
 * Cards: 海信慧园 keeps them in the embedded registry; 鸿锦阁 has its own card system (answered
 * by localcloud's stand-in, loaded from DEMO_CARD_SYSTEM at every start, as an outside system
 * keeps its own data). The phones are the ones registered with the card systems.
 */
const REGISTRY_SITE = 'site-haixin-huiyuan';
const REGISTRY_CARDS = [
  { number: 'HX1001', type: 'member', phone: '13912340001', plate: '鲁B12345', validTo: '2027-06-30' },
  { number: 'HX2001', type: 'stored', phone: '13912340001', balanceFen: 25600, validTo: '2027-12-31' },
  { number: 'HX3001', type: 'access', phone: '13912340002', validTo: '2027-12-31' },
];
export const DEMO_CARD_SYSTEM: Record<string, Array<Record<string, unknown>>> = {
  'site-hongjin-ge': [
    {
      number: 'HJ8801',
      type: 'member',
      phone: '13912340003',
      plate: '粤B88888',
      validFrom: '2026-01-01',
      validTo: '2026-12-31',
    },
    { number: 'HJ6601', type: 'stored', phone: '13912340003', balanceFen: 8800 },
    { number: 'HJ7701', type: 'access', phone: '13912340004', validTo: '2028-01-01' },
  ],
};

const SITES: Array<[id: string, name: string, address: string]> = [
  ['site-haixin-huiyuan', '海信慧园', '山东省青岛市市南区镇江南路6号'],
  ['site-haixin-chuangye', '海信创业中心', '山东省青岛市市南区山东路15号'],
  ['site-hongjin-ge', '鸿锦阁', '广东省深圳市罗湖区沿河南路3018号'],
  ['site-fuyuan-lou', '福源楼', '广东省深圳市宝安区应人石路151号'],
  ['site-hexi-jinying', '河西金鹰', '江苏省南京市建邺区云锦路与应天大街交叉口'],
  ['site-binjiang-huafu', '滨江华府', '浙江省杭州市滨江区江南大道1088号'],
  ['site-jinxiu-jiayuan', '锦绣家园', '北京市朝阳区望京西路48号'],
  ['site-cuiwei-xiaoqu', '翠微小区', '上海市徐汇区漕溪北路331弄'],
];

/** 物业电话 of the sites whose property has given one; the others show no number, as some real ones will */
const SITE_PHONES: Record<string, string> = {
  'site-haixin-huiyuan': '0532-8588 6600',
  'site-hongjin-ge': '0755-2556 3018',
};

/**
 * [site, building 栋, unit 单元, room 室]. 海信慧园 has six buildings of two units, six floors of two homes each
 * (144 houses, 3栋2单元301 among them), enough for the house pickers to page and search; 鸿锦阁 one house.
 */
const HOUSES: Array<[id: string, siteId: string, building: string, unit: string, room: string]> = [
  ...[1, 2, 3, 4, 5, 6].flatMap((building) =>
    [1, 2].flatMap((unit) =>
      [1, 2, 3, 4, 5, 6].flatMap((floor) =>
        [1, 2].map((home): [string, string, string, string, string] => {
          const room = `${floor}0${home}`;
          return [`house-hx-${building}-${unit}-${room}`, 'site-haixin-huiyuan', `${building}`, `${unit}`, room];
        }),
      ),
    ),
  ),
  ['house-hj-8-1-1203', 'site-hongjin-ge', '8', '1', '1203'],
];

/**
 * The demo people, each with an account (phone, account ID, password) linked to their WeChat identity — logged in
 * from the start, as someone who registered on this phone would be — so each can also log in with a password on
 * another phone. The README lists them (test/scripts/readme-demo.test.ts keeps it in step). 张伟's and 李娜's phones
 * are the ones their cards are registered to; 王强's is that of 海信慧园's 门禁卡 HX3001.
 */
export const DEMO_PEOPLE: ReadonlyArray<{
  id: string;
  openid: string;
  name: string;
  currentSiteId?: string;
  roles: Array<[siteId: string, role: Role, houseId?: string]>;
  account: { phone: string; accountId: string; password: string };
}> = [
  {
    id: 'user-zhangwei',
    openid: DEMO_OPENIDS.resident,
    name: '张伟',
    currentSiteId: 'site-haixin-huiyuan',
    roles: [['site-haixin-huiyuan', 'resident', 'house-hx-3-2-301']],
    account: { phone: '13912340001', accountId: '20260001', password: 'zhangwei2026' },
  },
  {
    id: 'user-lina',
    openid: DEMO_OPENIDS.resident2,
    name: '李娜',
    roles: [
      ['site-haixin-huiyuan', 'resident', 'house-hx-5-1-101'],
      ['site-hongjin-ge', 'resident', 'house-hj-8-1-1203'],
    ],
    account: { phone: '13912340003', accountId: '20260002', password: 'lina2026' },
  },
  {
    id: 'user-wangqiang',
    openid: DEMO_OPENIDS.guard,
    name: '王强',
    currentSiteId: 'site-haixin-huiyuan',
    roles: [['site-haixin-huiyuan', 'guard']],
    account: { phone: '13912340002', accountId: '20260003', password: 'wangqiang2026' },
  },
  {
    id: 'user-chenjing',
    openid: DEMO_OPENIDS.admin,
    name: '陈静',
    currentSiteId: 'site-haixin-huiyuan',
    roles: [['site-haixin-huiyuan', 'admin']],
    account: { phone: '13912340005', accountId: '20260004', password: 'chenjing2026' },
  },
  {
    id: 'user-liuyang',
    openid: DEMO_OPENIDS.observer,
    name: '刘洋',
    currentSiteId: 'site-haixin-huiyuan',
    roles: [['site-haixin-huiyuan', 'observer']],
    account: { phone: '13912340006', accountId: '20260005', password: 'liuyang2026' },
  },
];

/** Every demo card, in the registry or in a card system: what the README's card table lists. */
export function demoCards(): Array<{ siteId: string; number: string; type: string; phone: string }> {
  const inSystems = Object.entries(DEMO_CARD_SYSTEM).flatMap(([siteId, cards]) =>
    cards.map((card) => ({ siteId, number: String(card.number), type: String(card.type), phone: String(card.phone) })),
  );
  return [
    ...REGISTRY_CARDS.map(({ number, type, phone }) => ({ siteId: REGISTRY_SITE, number, type, phone })),
    ...inSystems,
  ];
}

/**
 * The demo passwords' hashes, made with the app's own hashing (server/accounts/passwords.ts) at the first load in
 * a process and reused after: scrypt is slow on purpose, and tests load the demo once per test.
 */
const passwordHashes = new Map<string, Promise<string>>();
function demoPasswordHash(password: string): Promise<string> {
  let hash = passwordHashes.get(password);
  if (!hash) passwordHashes.set(password, (hash = hashPassword(password)));
  return hash;
}

/** The demo as documents per collection, stamped `now`. */
export async function demoDocuments(now: Date): Promise<Record<string, Array<Record<string, unknown>>>> {
  const hashes = await Promise.all(DEMO_PEOPLE.map(({ account }) => demoPasswordHash(account.password)));
  return {
    sites: SITES.map(([id, name, address]) => ({
      _id: id,
      name,
      address,
      ...(SITE_PHONES[id] ? { phone: SITE_PHONES[id] } : {}),
      ...siteSearchFields(name, address),
      ...(RESIDENT_PASS[id] ? { residentPass: RESIDENT_PASS[id] } : {}),
      ...(VISITOR_SETTINGS[id] ? { visitorSettings: VISITOR_SETTINGS[id] } : {}),
      releaseMode: RELEASE_MODE[id] ?? 'guard',
      ...(DEMO_CARD_SYSTEM[id] ? { cardSystem: {} } : {}),
      createdAt: now,
    })),
    cardRegistry: REGISTRY_CARDS.map((card) => ({
      _id: `${REGISTRY_SITE}:${card.number}`,
      siteId: REGISTRY_SITE,
      ...card,
    })),
    doors: DOORS.map(([id, siteId, name, isDefault]) => ({
      _id: id,
      siteId,
      name,
      isDefault,
      status: 'active',
      createdAt: now,
    })),
    devices: DEVICES.map(([id, siteId, name, gate]) => ({
      _id: id,
      siteId,
      name,
      gate,
      secretVersion: 1,
      status: 'active',
      createdAt: now,
    })),
    houses: HOUSES.map(([id, siteId, building, unit, room]) => ({
      _id: id,
      siteId,
      building,
      unit,
      room,
      // 3栋2单元301: how residents and guards name a house
      label: `${building}栋${unit}单元${room}`,
      arrears: false,
      createdAt: now,
    })),
    // each user as registering leaves it (server/accounts/new-account.ts), with the keys it holds (people/unique-keys.ts)
    users: DEMO_PEOPLE.map(({ id, openid, name, currentSiteId, account }, i) => ({
      _id: id,
      openid,
      name,
      ...(currentSiteId ? { currentSiteId } : {}),
      createdAt: now,
      ...accountFields({
        phone: account.phone,
        accountId: account.accountId,
        passwordHash: hashes[i],
        consentEdition: LEGAL_EDITION,
        now,
      }),
    })),
    userKeys: DEMO_PEOPLE.flatMap(({ id, openid, account }) =>
      (
        [
          ['openid', openid],
          ['phone', account.phone],
          ['accountId', account.accountId],
        ] as const
      ).map(([kind, value]) => ({ ...userKeyDocument(kind, value, id, now) })),
    ),
    memberships: DEMO_PEOPLE.flatMap(({ id, name, account, roles }) =>
      roles.map(([siteId, role, houseId]) => ({
        _id: `m-${id}-${siteId}-${role}`,
        userId: id,
        siteId,
        role,
        ...(houseId ? { houseId } : {}),
        // an observer (P11) carries what the administrator entered when inviting them
        ...(role === 'observer' ? { observer: { name, phone: account.phone, organisation: '街道办' } } : {}),
        status: 'active',
        createdAt: now,
      })),
    ),
    // 专用通行证 (P6): 顺丰快递 serves 海信慧园; its courier 赵磊 is not bound yet — 陈静 makes him a new invitation
    // code (成员 → 重新生成邀请码) and he opens it in the app
    specialOrganisations: [
      {
        _id: 'org-sf-express',
        name: '顺丰快递',
        siteIds: ['site-haixin-huiyuan'],
        createdBy: 'user-chenjing',
        createdAt: now,
        updatedAt: now,
      },
    ],
    specialMembers: [
      {
        _id: 'special-zhaolei',
        organisationId: 'org-sf-express',
        name: '赵磊',
        phone: '13700001111',
        // from a fixed past day: shots and tests set the clock back to their own day (2026-11-24)
        validFrom: '2026-01-01',
        validTo: shanghaiDate(new Date(now.getTime() + 365 * 86_400_000)),
        status: 'active',
        createdBy: 'user-chenjing',
        createdAt: now,
        updatedAt: now,
      },
    ],
  };
}
