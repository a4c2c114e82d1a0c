/**
 * 限制出入设置 (P10): the administrator picks a house by its number and bans it; the resident's pass is refused at
 * the next scan, even a code issued before the ban. Lifting it lets the next code through again.
 */
import { HX, codeFor, scan } from '../support/fixtures';
import { PAGES } from '../support/pages';
import { DEMO_OPENIDS, usePageTests } from './support/app';
import { readableText, type PageDriver } from './support/page-driver';
import { waitUntil } from './support/wait';
import { useDaytimeServerClock } from './support/phone-clock';

const app = usePageTests();

useDaytimeServerClock(app);

const searchFor = (page: PageDriver, typed: string) => page.type(typed, '.house-search', '.t-input__keyword');
const shownHouses = (page: PageDriver) => page.findAll('.house-option').map((node) => readableText(node));
const restrictedHouses = (page: PageDriver) => page.findAll('.restricted-house').map((node) => readableText(node));

test('banning 3栋2单元301 refuses 张伟’s code at the next scan; lifting the ban lets the next code through', async () => {
  const issuedBefore = await codeFor(app.cloud, DEMO_OPENIDS.resident);
  const mp = await app.launch(PAGES.adminRestrictions, 'admin');
  const page = mp.currentPage;
  await waitUntil(() => page.has('.restricted-empty') && page.has('.house-option'), 'the lists');

  searchFor(page, '3-2-3');
  await waitUntil(() => shownHouses(page).join('|') === '3栋2单元301|3栋2单元302', 'the houses of 3-2-3');
  page.tap('.house-option');
  await waitUntil(() => page.text('.restriction-form__chosen') === '已选 1 户：3栋2单元301', 'the choice');
  page.tap('.restriction-kind--banned');
  page.tap('.restriction-save', '.t-button');
  await waitUntil(() => restrictedHouses(page).length === 1, 'the restricted list');
  expect(restrictedHouses(page)[0]).toContain('3栋2单元301禁止出入');
  expect(mp.phone.calls.showToast.at(-1)).toEqual({ title: '已保存', icon: 'success' });

  expect(await scan(app.cloud, DEMO_OPENIDS.guard, issuedBefore)).toMatchObject({
    ok: false,
    code: 'HOUSE_RESTRICTED',
  });
  // 李娜 lives in another house: her code still passes
  const lina = await codeFor(app.cloud, DEMO_OPENIDS.resident2, HX);
  expect(await scan(app.cloud, DEMO_OPENIDS.guard, lina)).toMatchObject({ ok: true });

  page.tap('.restricted-house__lift', '.t-button');
  await waitUntil(() => page.has('.restricted-empty'), 'the ban lifted');
  const next = await codeFor(app.cloud, DEMO_OPENIDS.resident);
  expect(await scan(app.cloud, DEMO_OPENIDS.guard, next)).toMatchObject({ ok: true });
});

test('an own exit count needs a number the rules allow; nothing chosen is said so', async () => {
  const mp = await app.launch(PAGES.adminRestrictions, 'admin');
  const page = mp.currentPage;
  await waitUntil(() => page.has('.house-option'), 'the houses');
  page.tap('.restriction-save', '.t-button');
  await waitUntil(() => page.text('.form-error') === '请先选择房屋', 'the missing choice');

  searchFor(page, '5 1 102');
  await waitUntil(() => shownHouses(page).join('|') === '5栋1单元102', 'the house');
  page.tap('.house-option');
  page.tap('.restriction-kind--own');
  await waitUntil(() => page.has('.restriction-exits'), 'the count field');
  page.type('101', '.restriction-exits', '.t-input__control');
  page.tap('.restriction-save', '.t-button');
  await waitUntil(() => page.text('.form-error') === '周期内可出门次数应在-1到100之间', 'the count refused');

  page.type('2', '.restriction-exits', '.t-input__control');
  page.tap('.restriction-save', '.t-button');
  await waitUntil(() => restrictedHouses(page).length === 1, 'the restricted list');
  expect(restrictedHouses(page)[0]).toContain('5栋1单元102每周期可出门2次');
});

test('a resident who opens the page reads the refusal and nothing of the houses', async () => {
  const mp = await app.launch(PAGES.adminRestrictions, 'resident');
  const page = mp.currentPage;
  await waitUntil(() => page.has('.admin-access-state', '.admin-access--refused'), 'the refusal');
  expect(page.has('.house-option')).toBe(false);
});
