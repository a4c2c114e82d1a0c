import { REMEMBERED_SITE_KEY } from '../../miniprogram/services/site';
import { cst } from '../support/fixtures';
import { usePageTests } from './support/app';
import { setServerClock } from './support/phone-clock';
import { waitUntil } from './support/wait';

const app = usePageTests();

test('a resident who never chose a site is asked to choose one, and the button opens the site list', async () => {
  const mp = await app.launch('pages/home/index', 'resident2');
  const home = mp.currentPage;
  await waitUntil(() => home.text().includes('请先选择场区'), 'the empty state');
  expect(home.text('.site-bar')).toBe('当前场区：未选择');

  home.tap('.home__action', '.t-button');
  await mp.waitForPage('pages/sites/index');
  expect(mp.phone.calls.navigateTo).toEqual(['/pages/sites/index']);
});

test("home shows the resident's current site, and tapping it opens the site list", async () => {
  // inside 海信慧园's exit hours (05:00–23:30), so the pass is a QR and not the refusal of the night
  await setServerClock(app.cloud, cst('2026-11-24 12:00'));
  const mp = await app.launch('pages/home/index', 'resident');
  const home = mp.currentPage;
  await waitUntil(() => home.text('.site-bar') === '当前场区：海信慧园', 'the site line');
  // the site once: one line, no second card naming it again
  await waitUntil(() => home.has('#pass-qr'), 'the pass');
  expect(home.text().split('海信慧园')).toHaveLength(2);
  expect(home.text()).not.toContain('请先选择场区');

  home.tap('.site-bar');
  await mp.waitForPage('pages/sites/index');
});

test('the site remembered on the phone paints at once; the function has the last word', async () => {
  const first = await app.launch('pages/home/index', 'resident');
  await waitUntil(() => first.currentPage.has('.pass-card'), 'the pass card');
  first.exit();
  // the phone remembers a site the account no longer has (changed on another phone, say)
  first.phone.storage.set(
    REMEMBERED_SITE_KEY,
    JSON.stringify({ id: 'site-fuyuan-lou', name: '福源楼', address: '广东省深圳市' }),
  );

  const mp = await app.launch('pages/home/index', first.phone);
  const home = mp.currentPage;
  expect(home.text('.site-bar')).toBe('当前场区：福源楼');
  await waitUntil(() => home.text('.site-bar') === '当前场区：海信慧园', "the function's answer");
  expect(JSON.parse(mp.phone.storage.get(REMEMBERED_SITE_KEY) ?? 'null')).toMatchObject({ id: 'site-haixin-huiyuan' });
});

test('when the current site cannot be read, home says so in plain Chinese and 重试 reads it again', async () => {
  await app.injectFaults({ mode: 'fail', count: 1000 });
  const mp = await app.launch('pages/home/index', 'resident');
  const home = mp.currentPage;
  await waitUntil(() => home.has('.home__action'), 'the retry button');
  expect(home.text()).toContain('系统繁忙，请稍后再试');
  expect(home.text('.home__action')).toBe('重试');

  await app.clearFaults();
  home.tap('.home__action', '.t-button');
  await waitUntil(() => home.text('.site-bar') === '当前场区：海信慧园', 'the site line');
});
