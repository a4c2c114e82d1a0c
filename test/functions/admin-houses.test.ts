import type { HouseImportSummary, HouseResidentView, HouseView } from '../../miniprogram/core/api/admin-houses';
import type { Envelope } from '../../miniprogram/core/envelope';
import { DEMO_OPENIDS, useAppCloud } from '../support/app-cloud';
import { advanceClock, setClock } from '../support/clock';
import { HX, addResident, addStaff, cst, data, residentPass } from '../support/fixtures';

// 房屋与住户 (X1) in the admin function: CSV import all or nothing, search, arrears, residents.

const { admin, guard, resident, observer } = DEMO_OPENIDS;
const BIG_SITE = 'site-binjiang-huafu';
const bigAdmin = 'houses-admin-binjiang';
const app = useAppCloud();
let n = 0;

beforeAll(async () => {
  await addStaff(app, bigAdmin, BIG_SITE, 'admin');
});
beforeEach(() => setClock(app, cst('2026-12-02 10:00')));

const call = <T>(action: string, openid: string | undefined, params: object = {}) =>
  app.call<Envelope<T>>('admin', { action, siteId: HX, requestId: `houses-req-${(n += 1)}`, ...params }, openid);
type Imported = HouseImportSummary & { imported: boolean };
/** Every house of the site as stored, in label order (localcloud answers 1,000 at most at a time). */
function housesOf(siteId: string): Array<Record<string, unknown>> {
  const all: Array<Record<string, unknown>> = [];
  for (;;) {
    const batch = app.lc.db.find('houses', { siteId }, { order: { label: 1 }, offset: all.length, limit: 1000 });
    all.push(...(batch as Array<Record<string, unknown>>));
    if (batch.length < 1000) return all;
  }
}

test('a file with bad lines imports nothing and reports each line', async () => {
  const before = housesOf(HX);
  const csv = [
    'building,unit,room,arrears',
    '6,1,101,否',
    '6,1,10 2,否',
    '6,,103,否',
    '6,1,104,也许',
    '6,1,101,是',
    '6,1,105,是',
  ].join('\n');
  const preview = data(await call<HouseImportSummary>('previewHouseImport', admin, { csv }));
  const imported = data(await call<Imported>('importHouses', admin, { csv }));
  expect(imported).toEqual({ ...preview, imported: false });
  expect(imported.problems).toEqual([
    { line: 3, message: '房号应为1到8位字母或数字' },
    { line: 4, message: '单元应为1到8位字母或数字' },
    { line: 5, message: '欠费应为是或否' },
    { line: 6, message: '与第2行重复' },
  ]);
  expect(housesOf(HX)).toEqual(before);
  expect(await call('importHouses', admin, { csv: 'room,unit\n1,1' })).toMatchObject({
    ok: true,
    data: { imported: false, problems: [{ line: 1, message: '表头缺少 building' }] },
  });
});

test('the preview counts new, changed and unchanged houses and writes nothing; the import then does it', async () => {
  const csv = 'building,unit,room,arrears\r\n3,2,301,是\r\n3,2,302,否\r\n7,1,101,否\r\n7,1,102,是\r\n';
  const before = housesOf(HX);
  const preview = data(await call<HouseImportSummary>('previewHouseImport', admin, { csv }));
  expect(preview).toEqual({ rows: 4, added: 2, changed: 1, unchanged: 1, problems: [] });
  expect(housesOf(HX)).toEqual(before);
  expect(data(await call<Imported>('importHouses', admin, { csv }))).toEqual({ ...preview, imported: true });
  expect(housesOf(HX).find((h) => h.label === '3栋2单元301')).toMatchObject({ arrears: true });
  expect(housesOf(HX).find((h) => h.label === '7栋1单元102')).toMatchObject({ arrears: true, siteId: HX });
  // the same file again changes nothing
  expect(data(await call<Imported>('importHouses', admin, { csv }))).toMatchObject({
    added: 0,
    changed: 0,
    unchanged: 4,
  });
  // arrears by hand, back to what it was
  const house = housesOf(HX).find((h) => h.label === '3栋2单元301');
  expect(
    data(await call<{ house: HouseView }>('setArrears', admin, { houseId: house?._id, arrears: false })),
  ).toMatchObject({ house: { label: '3栋2单元301', arrears: false } });
});

test('5,000 houses imported twice: the second import changes nothing', async () => {
  const lines = ['building,unit,room,arrears'];
  for (let b = 1; b <= 25; b += 1)
    for (let u = 1; u <= 4; u += 1)
      for (let f = 1; f <= 25; f += 1)
        for (let r = 1; r <= 2; r += 1) lines.push(`${b},${u},${f * 100 + r},${(b + f + r) % 17 === 0 ? '是' : '否'}`);
  const csv = lines.join('\n');
  expect(lines.length - 1).toBe(5000);
  const started = Date.now();
  const first = data(await call<Imported>('importHouses', bigAdmin, { siteId: BIG_SITE, csv }));
  const firstMs = Date.now() - started;
  expect(first).toMatchObject({ imported: true, added: 5000, changed: 0, unchanged: 0, problems: [] });
  const after = housesOf(BIG_SITE);
  expect(after).toHaveLength(5000);
  const again = Date.now();
  const second = data(await call<Imported>('importHouses', bigAdmin, { siteId: BIG_SITE, csv }));
  const secondMs = Date.now() - again;
  expect(second).toMatchObject({ imported: true, added: 0, changed: 0, unchanged: 5000 });
  expect(housesOf(BIG_SITE)).toEqual(after);
  // a figure, not an assertion: the issue asks for under 60 s through localcloud (the function's own limit)
  console.log(`5,000 houses: first import ${firstMs} ms, second ${secondMs} ms`);

  // search as you type, in pages of 20
  const search = (query: string, page = 1) =>
    call<{ houses: HouseView[]; hasMore: boolean }>('houses', bigAdmin, { siteId: BIG_SITE, query, page });
  const building12 = data(await search('12-'));
  expect(building12.houses).toHaveLength(20);
  expect(building12.hasMore).toBe(true);
  expect(building12.houses.every((h) => h.building === '12')).toBe(true);
  const unit = data(await search('12栋3单元2'));
  expect(unit.houses.map((h) => h.label).slice(0, 3)).toEqual(['12栋3单元2001', '12栋3单元2002', '12栋3单元201']);
  const lastPage = data(await search('12-3-', 3));
  expect(lastPage).toMatchObject({ hasMore: false });
  expect(lastPage.houses).toHaveLength(10);
  expect(data(await search('12 3 2502')).houses.map((h) => h.label)).toEqual(['12栋3单元2502']);
  expect(await search('3栋?单元')).toMatchObject({ ok: true });
  expect(await search('a-b-c-d')).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
}, 180_000);

test('an import cut short is finished by the next import of that site, never left half done', async () => {
  const site = 'site-cuiwei-xiaoqu';
  await addStaff(app, 'houses-admin-cuiwei', site, 'admin');
  const lines = ['building,unit,room'];
  for (let i = 1; i <= 2500; i += 1) lines.push(`1,1,${i}`);
  // the second batch of houses is refused: the first 1,000 are in, the rest are not
  await fetch(`${app.lc.url}/_dev/faults`, {
    method: 'POST',
    body: JSON.stringify({ mode: 'fail', count: 1, collection: 'houses', op: 'insertDocument', skip: 1 }),
  });
  const cut = await call('importHouses', 'houses-admin-cuiwei', { siteId: site, csv: lines.join('\n') });
  expect(cut).toMatchObject({ ok: false, code: 'INTERNAL' });
  expect(housesOf(site)).toHaveLength(1000);
  // while the cut run might still be writing, another import waits its turn
  expect(
    await call('importHouses', 'houses-admin-cuiwei', { siteId: site, csv: 'building,unit,room\n2,1,1' }),
  ).toMatchObject({ ok: false, code: 'CONFLICT' });
  advanceClock(app, 120_000);
  const next = data(
    await call<Imported>('importHouses', 'houses-admin-cuiwei', { siteId: site, csv: 'building,unit,room\n2,1,1' }),
  );
  expect(next).toMatchObject({ imported: true, added: 1 });
  expect(housesOf(site)).toHaveLength(2501);
}, 60_000);

/** 300 houses of building 1 unit 1, numbered from `from`. */
const houseFile = (from: number) => ['building,unit,room', ...Array.from({ length: 300 }, (_, i) => `1,1,${from + i}`)];

test('imports of one site at once: one writes, the other is told to wait; no house twice, nothing stuck', async () => {
  const site = 'site-fuyuan-lou';
  const who = 'houses-admin-fuyuan';
  await addStaff(app, who, site, 'admin');
  const answers = await Promise.all(
    [1, 151, 1, 151].map((from) =>
      call<Imported>('importHouses', who, { siteId: site, csv: houseFile(from).join('\n') }),
    ),
  );
  for (const answer of answers) {
    expect(answer.ok || (answer as { code: string }).code === 'CONFLICT').toBe(true);
  }
  const labels = housesOf(site).map((h) => h.label);
  expect(new Set(labels).size).toBe(labels.length);
  // whatever was refused can be imported now
  const both = data(
    await call<Imported>('importHouses', who, {
      siteId: site,
      csv: [...houseFile(1), ...houseFile(301).slice(1)].join('\n'),
    }),
  );
  expect(both).toMatchObject({ imported: true, problems: [] });
  expect(housesOf(site)).toHaveLength(600);
}, 60_000);

test('a house, its residents, and removing one: their next pass is refused', async () => {
  const [house] = housesOf(HX).filter((h) => h.label === '5栋1单元102');
  await addResident(app, 'houses-tenant', HX, String(house._id), '赵敏');
  const { residents } = data(
    await call<{ house: HouseView; residents: HouseResidentView[] }>('houseResidents', admin, { houseId: house._id }),
  );
  expect(residents).toEqual([
    { membershipId: expect.any(String), name: '赵敏', since: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) },
  ]);
  expect(await residentPass(app, 'houses-tenant', HX)).toMatchObject({ ok: true });
  const params = { houseId: house._id, membershipId: residents[0].membershipId };
  expect(data(await call('removeResident', admin, params))).toEqual({ membershipId: residents[0].membershipId });
  expect(await call('removeResident', admin, params)).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  expect(await residentPass(app, 'houses-tenant', HX)).toMatchObject({ ok: false });
  expect(data(await call<{ residents: unknown[] }>('houseResidents', admin, { houseId: house._id })).residents).toEqual(
    [],
  );
});

test('a house of another site is not found', async () => {
  expect(await call('houseResidents', admin, { houseId: 'house-hj-8-1-1203' })).toMatchObject({
    ok: false,
    code: 'NOT_FOUND',
  });
  expect(await call('setArrears', admin, { houseId: 'house-hj-8-1-1203', arrears: true })).toMatchObject({
    ok: false,
    code: 'NOT_FOUND',
  });
});

test('only the administrators of that site: guards, residents, observers, other sites and anonymous callers are refused', async () => {
  const csv = 'building,unit,room\n9,9,909';
  const actions: Array<[string, object]> = [
    ['previewHouseImport', { csv }],
    ['importHouses', { csv }],
    ['houses', { query: '3' }],
    ['houseResidents', { houseId: 'house-hx-3-2-301' }],
    ['setArrears', { houseId: 'house-hx-3-2-301', arrears: true }],
    ['removeResident', { houseId: 'house-hx-3-2-301', membershipId: 'm-1' }],
  ];
  for (const [action, params] of actions) {
    for (const who of [guard, resident, observer, bigAdmin]) {
      expect([action, await call(action, who, params)]).toMatchObject([action, { ok: false, code: 'FORBIDDEN' }]);
    }
    expect(await call(action, undefined, params)).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
  }
  expect(housesOf(HX).some((h) => h.label === '9栋9单元909')).toBe(false);
});
