/**
 * 门岗扫码 (P3–P5): the guard scans the pass on a resident's home page, reads whose it is, enters what the site
 * requires (temperature, ID registration) and releases it; the same code again is PASS_USED, with when and where.
 */
import { HX, codeFor, cst, setRules } from '../support/fixtures';
import { REMEMBERED_GATE_KEY } from '../../miniprogram/services/gate';
import { DEMO_OPENIDS, usePageTests } from './support/app';
import { answerModal, fill, tip } from './support/account';
import { GUARD_PAGE, chooseGate, gateOptions, passCode, releaseAtGate, scanAtGate } from './support/pass';
import { setServerClock } from './support/phone-clock';
import { waitUntil } from './support/wait';
import type { MiniProgram } from './support/mini-program';
import type { PageDriver } from './support/page-driver';

const app = usePageTests();

/** The ID-number field takes typing (it is closed until the holder's consent is ticked). */
const idFieldOpen = (page: PageDriver) =>
  page.has('.field-id-number') && !page.has('.field-id-number', '.t-input__control--disabled');

const releaseCalls = (mp: MiniProgram) => mp.phone.calls.callFunction.filter((call) => call.data.action === 'release');

beforeEach(async () => {
  await setServerClock(app.cloud, cst('2026-11-25 08:00'));
});

/** The guard's page on 王强's phone, standing at 东门. */
async function guardAt(gate: string): Promise<MiniProgram> {
  const mp = await app.launch(GUARD_PAGE, 'guard');
  const page = mp.currentPage;
  await waitUntil(() => page.has('.scan-button'), 'the scan button');
  await chooseGate(page, gate);
  return mp;
}

test('the guard opens 门岗扫码 from 我的, releases the pass on home, and a second scan is PASS_USED', async () => {
  const resident = await app.launch('pages/home/index', 'resident');
  const code = await passCode(resident.currentPage);
  resident.exit();

  const mp = await app.launch('pages/mine/index', 'guard');
  await waitUntil(() => mp.currentPage.has('.entry-guard'), 'the 门岗扫码 entry');
  mp.currentPage.tap('.entry-guard', '.t-cell');
  const page = await mp.waitForPage(GUARD_PAGE);
  await waitUntil(() => page.text('.guard').includes('海信慧园'), "the guard's site");
  await chooseGate(page, '东门');

  expect(await scanAtGate(mp, code)).toContain('住户通行证张伟房屋3栋2单元301身份证未登记有效期至08:10');
  expect(mp.phone.calls.scanCode).toEqual([{ onlyFromCamera: true, scanType: ['qrCode'] }]);
  expect(page.has('.field-temperature')).toBe(false);
  expect(page.has('.field-id-number')).toBe(false);

  expect(await releaseAtGate(mp)).toContain('已放行张伟 · 3栋2单元301 · 东门 08:00');
  expect(await scanAtGate(mp, code, '.next-button')).toContain('不能放行该通行证已于08:00在东门使用');
});

test('temperature and ID registration required: both are asked, checked, and recorded', async () => {
  await setRules(app.cloud, HX, { requireTemperature: true, requireIdRegistration: true });
  const code = await codeFor(app.cloud, DEMO_OPENIDS.resident);
  const mp = await guardAt('北门');
  const page = mp.currentPage;

  await scanAtGate(mp, code);
  expect(page.has('.field-temperature')).toBe(true);
  expect(page.has('.field-id-number')).toBe(true);
  // an ID number is sensitive: the field stays closed until the holder's consent is ticked
  expect(page.text('.id-consent')).toBe(
    '已告知持证人并征得同意：身份证号仅用于本小区出入登记，加密保存，他人只能看到脱敏号码',
  );
  expect(idFieldOpen(page)).toBe(false);
  await releaseAtGate(mp);
  expect(tip(page, 'temperature')).toBe('请填写体温，如 36.5');
  expect(tip(page, 'id-number')).toBe('登记身份证号前，请先征得持证人同意并勾选');
  expect(releaseCalls(mp)).toEqual([]);

  page.tap('.id-consent');
  await waitUntil(() => idFieldOpen(page), 'the ID field to open');
  await releaseAtGate(mp);
  expect(tip(page, 'id-number')).toBe('身份证号应为18位，末位可为数字或X');

  await fill(page, 'temperature', '36.5');
  await fill(page, 'id-number', '11010519491231002x');
  await releaseAtGate(mp);
  expect(tip(page, 'id-number')).toBe('身份证号末位X请大写');

  await fill(page, 'id-number', '11010519491231002X');
  expect(await releaseAtGate(mp)).toContain('已放行张伟 · 3栋2单元301 · 北门 08:00');

  // registered once: the next pass of 张伟 asks only for the temperature, and shows the ID masked
  const next = await codeFor(app.cloud, DEMO_OPENIDS.resident);
  expect(await scanAtGate(mp, next, '.next-button')).toContain('身份证110***********002X');
  expect(page.has('.field-temperature')).toBe(true);
  expect(page.has('.field-id-number')).toBe(false);
});

test('consent taken back closes the ID field and clears what was typed; the next scan asks again', async () => {
  await setRules(app.cloud, HX, { requireIdRegistration: true });
  const mp = await guardAt('北门');
  const page = mp.currentPage;
  await scanAtGate(mp, await codeFor(app.cloud, DEMO_OPENIDS.resident));

  page.tap('.id-consent');
  await waitUntil(() => idFieldOpen(page), 'the ID field to open');
  await fill(page, 'id-number', '11010519491231002X');
  page.tap('.id-consent');
  await waitUntil(() => !idFieldOpen(page), 'the ID field to close');
  // ticked again, the number typed before is gone: releasing asks for it
  page.tap('.id-consent');
  await waitUntil(() => idFieldOpen(page), 'the ID field to open again');
  await releaseAtGate(mp);
  expect(tip(page, 'id-number')).toBe('身份证号应为18位，末位可为数字或X');

  page.tap('.cancel-button', '.t-button');
  await waitUntil(() => page.has('.scan-button'), 'the scan button');
  await scanAtGate(mp, await codeFor(app.cloud, DEMO_OPENIDS.resident));
  expect(idFieldOpen(page)).toBe(false);
});

test('a fever is refused at the gate, in plain words', async () => {
  await setRules(app.cloud, HX, { requireTemperature: true });
  const code = await codeFor(app.cloud, DEMO_OPENIDS.resident);
  const mp = await guardAt('东门');

  await scanAtGate(mp, code);
  await fill(mp.currentPage, 'temperature', '38.2');
  expect(await releaseAtGate(mp)).toContain('不能放行体温38.2℃，高于37.3℃，不能放行');
});

test('a resident who opens the guard page by its address is told politely and sent back', async () => {
  const mp = await app.launch('pages/mine/index', 'resident');
  await mp.settled();
  await mp.navigateTo(`/${GUARD_PAGE}`);
  const asked = await answerModal(mp, true);
  expect(asked).toMatchObject({ title: '仅限门岗使用', confirmText: '知道了' });
  expect(asked.content).toContain('出入小区请在首页出示您的通行证');
  await mp.waitForPage('pages/mine/index');
  expect(mp.phone.calls.scanCode).toEqual([]);
  expect(mp.phone.calls.callFunction.filter((call) => call.name === 'gate')).toEqual([]);
});

test("the gate is picked from the site's doors, remembered on the phone; without one nothing is scanned", async () => {
  const first = await app.launch(GUARD_PAGE, 'guard');
  const page = first.currentPage;
  await waitUntil(() => page.has('.scan-button') && gateOptions(page).length > 0, 'the gates');
  expect(gateOptions(page)).toEqual(['东门', '北门']);
  page.tap('.scan-button', '.t-button');
  await waitUntil(() => page.text('.gate-picker__error'), 'the gate to be asked for');
  expect(page.text('.gate-picker__error')).toBe('请先选择您所在的门岗');
  expect(first.phone.calls.scanCode).toEqual([]);
  await chooseGate(page, '北门');
  expect(JSON.parse(first.phone.storage.get(REMEMBERED_GATE_KEY) ?? '""')).toBe('北门');
  first.exit();

  const again = await app.launch(GUARD_PAGE, first.phone);
  await waitUntil(() => gateOptions(again.currentPage).includes('✓北门'), 'the remembered gate');
  expect(gateOptions(again.currentPage)).toEqual(['东门', '✓北门']);
});

test('closing the camera scans nothing and clears the last outcome', async () => {
  const code = await codeFor(app.cloud, DEMO_OPENIDS.resident);
  const mp = await guardAt('东门');
  const page = mp.currentPage;
  await scanAtGate(mp, code);
  expect(await releaseAtGate(mp)).toContain('已放行');

  mp.phone.scanner.next = undefined;
  page.tap('.next-button', '.t-button');
  await waitUntil(() => mp.phone.calls.scanCode.length === 2, 'the camera');
  await waitUntil(() => page.has('.scan-button'), 'the idle scanner');
  expect(page.text('.guard')).not.toContain('已放行');
  expect(mp.phone.calls.callFunction.filter((call) => call.name === 'gate')).toHaveLength(2);
});

test('the guard page follows the site: without one it asks to choose it', async () => {
  const mp = await app.launch(GUARD_PAGE, 'resident2');
  await waitUntil(() => mp.currentPage.text().includes('请先选择您值守的场区'), 'the empty state');
  mp.currentPage.tap('.guard__action', '.t-button');
  const sites = await mp.waitForPage('pages/sites/index');
  await waitUntil(() => sites.has('.site-cell'), 'the site list');
  expect(mp.phone.calls.navigateTo).toEqual(['/pages/sites/index']);
});

test('when the site cannot be checked, the guard reads why and 重试, not 仅限门岗使用', async () => {
  const first = await app.launch(GUARD_PAGE, 'guard');
  await waitUntil(() => first.currentPage.has('.gate-option'), 'the gates');
  first.exit();

  await app.injectFaults({ mode: 'fail', count: 1000 });
  const mp = await app.launch(GUARD_PAGE, first.phone);
  const page = mp.currentPage;
  await waitUntil(() => page.has('.guard__action'), 'the retry');
  expect(page.text()).toContain('系统繁忙，请稍后再试');
  expect(mp.phone.calls.showModal).toEqual([]);

  await app.clearFaults();
  page.tap('.guard__action', '.t-button');
  await waitUntil(() => page.has('.gate-option'), 'the gates after 重试');
});

test('an exit slip: the guard reads its day and goods, releases it once', async () => {
  const applied = await app.cloud.call<{ ok: true; data: { slip: { id: string } } }>(
    'pass',
    {
      action: 'applyExitSlip',
      siteId: HX,
      date: '2026-11-25',
      goods: '书柜一个',
      plate: '鲁B12345',
      requestId: 'guard-slip-1',
    },
    DEMO_OPENIDS.resident,
  );
  await app.cloud.call(
    'admin',
    { action: 'decideExitSlip', siteId: HX, slipId: applied.data.slip.id, approve: true, requestId: 'guard-slip-2' },
    DEMO_OPENIDS.admin,
  );
  const slip = await app.cloud.call<{ ok: true; data: { slip: { pass: { code: string } } } }>(
    'pass',
    { action: 'exitSlip', slipId: applied.data.slip.id },
    DEMO_OPENIDS.resident,
  );
  const mp = await guardAt('东门');
  const shown = await scanAtGate(mp, slip.data.slip.pass.code);
  expect(shown).toContain('出门条张伟房屋3栋2单元301');
  expect(shown).toContain('出门日期11月25日当天物品清单书柜一个车牌号鲁B12345');
  expect(shown).not.toContain('有效期至');
  expect(await releaseAtGate(mp)).toContain('已放行张伟 · 3栋2单元301 · 东门 08:00');
  expect(await scanAtGate(mp, slip.data.slip.pass.code, '.next-button')).toContain(
    '不能放行该通行证已于08:00在东门使用',
  );
});
