/**
 * 房屋与住户 (X1): the administrator pastes the property's register, reads the preview (and every bad line), imports
 * it, finds a new house by its number, marks its arrears; a house's resident is removed after a confirmation.
 */
import { PAGES } from '../support/pages';
import { answerModal } from './support/account';
import { usePageTests } from './support/app';
import { readableText, type PageDriver } from './support/page-driver';
import { waitUntil } from './support/wait';

const app = usePageTests();

const shownHouses = (page: PageDriver) => page.findAll('.house-option').map((node) => readableText(node));
const problems = (page: PageDriver) => page.findAll('.import-problem').map((node) => readableText(node));

test('a register with a bad line imports nothing; corrected, it imports and the new house is found', async () => {
  const mp = await app.launch(PAGES.adminHouses, 'admin');
  const page = mp.currentPage;
  await waitUntil(() => page.has('.house-option'), 'the houses');
  page.tap('.houses-mode--import');
  await waitUntil(() => page.has('.import-csv'), 'the import form');

  page.type('building,unit,room,arrears\n8,1,101,否\n8,1,1 02,否\n8,1,103,也许', '.import-csv');
  page.tap('.import-preview', '.t-button');
  await waitUntil(() => page.has('.import-problem'), 'the bad lines');
  expect(page.text('.import-summary__title')).toBe('文件有误，未导入任何房屋');
  expect(problems(page)).toEqual(['第3行：房号应为1到8位字母或数字', '第4行：欠费应为是或否']);
  expect(page.has('.import-confirm')).toBe(false);

  page.type('building,unit,room,arrears\n8,1,101,否\n8,1,102,否\n8,1,103,是\n3,2,301,否', '.import-csv');
  page.tap('.import-preview', '.t-button');
  await waitUntil(() => page.has('.import-confirm'), 'the preview');
  expect(page.text('.import-summary__title')).toBe('预览：确认后将导入');
  expect(page.text('.import-summary__counts')).toBe('共 4 行新增 3 户欠费变更 0 户无变化 1 户');
  page.tap('.import-confirm', '.t-button');
  await waitUntil(() => page.text('.import-summary__title') === '已导入', 'the import');
  expect(mp.phone.calls.showToast.at(-1)).toEqual({ title: '导入完成', icon: 'success' });

  page.tap('.houses-mode--list');
  await waitUntil(() => page.has('.house-search'), 'the list');
  page.type('8-1-10', '.house-search', '.t-input__keyword');
  await waitUntil(() => shownHouses(page).length === 3, 'the new houses');
  expect(shownHouses(page)).toEqual(['8栋1单元101›', '8栋1单元102›', '8栋1单元103欠费›']);

  page.tap('.house-option');
  await waitUntil(() => page.has('.house-no-residents'), 'the house');
  expect(page.text('.house-detail__label')).toBe('8栋1单元101');
  expect(page.text('.house-arrears')).toBe('否');
  page.tap('.house-arrears-toggle', '.t-button');
  await waitUntil(() => page.text('.house-arrears') === '是', 'the arrears set');
  expect(app.cloud.lc.db.find('houses', { label: '8栋1单元101' }, {})[0]).toMatchObject({ arrears: true });
});

test('a resident is removed after the administrator confirms', async () => {
  const mp = await app.launch(PAGES.adminHouses, 'admin');
  const page = mp.currentPage;
  await waitUntil(() => page.has('.house-option'), 'the houses');
  page.type('3-2-301', '.house-search', '.t-input__keyword');
  await waitUntil(() => shownHouses(page).length === 1, 'the house');
  page.tap('.house-option');
  await waitUntil(() => page.has('.house-resident'), 'the residents');
  expect(readableText(page.find('.house-resident') ?? page.root)).toContain('张伟139****0001');

  page.tap('.house-resident__remove', '.t-button');
  const modal = await answerModal(mp, true);
  expect(modal.content).toBe('确定将张伟移出3栋2单元301？移除后其住户通行证将无法使用。');
  await waitUntil(() => page.has('.house-no-residents'), 'the resident gone');
  expect(app.cloud.lc.db.find('memberships', { houseId: 'house-hx-3-2-301', status: 'active' }, {})).toEqual([]);
});
