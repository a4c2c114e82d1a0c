/**
 * The resident pass on home (R7, P1, X3): a QR drawn on a Canvas 2D node — read back by decoding the pixels —
 * that the gate accepts once; fetched on every show and again before it expires; with the quota left, and in
 * its place the reason when the rules refuse one.
 */
import { HX, cst, data, release, restrictHouse, scan, setRules } from '../support/fixtures';
import { DEMO_OPENIDS, usePageTests } from './support/app';
import { openTab } from './support/account';
import { canvasOn } from './support/canvas';
import { passCard, passCode } from './support/pass';
import { later, setServerClock, usePhoneClock } from './support/phone-clock';
import { waitUntil } from './support/wait';
import { newPhone } from './support/wx-client';

const app = usePageTests();
usePhoneClock();
const guard = DEMO_OPENIDS.guard;

beforeEach(async () => {
  // inside 海信慧园's exit window (05:00–23:30), whatever time the tests run at
  await setServerClock(app.cloud, cst('2026-11-25 08:00'));
});

test('home shows a QR that the gate accepts once and then refuses as used', async () => {
  const mp = await app.launch('pages/home/index', 'resident');
  const home = mp.currentPage;
  const code = await passCode(home);
  expect(code).toMatch(/^TX2:/);
  // the holder and house under the code, and the time to the next code in words no one reads as a clock
  expect(await passCard(home)).toMatch(/^张伟3栋2单元3019 分钟后自动刷新 · 点击二维码立即刷新/);

  expect(data(await release(app.cloud, guard, code, { gate: '东门' }))).toMatchObject({ holder: { name: '张伟' } });
  expect(await release(app.cloud, guard, code, { gate: '北门' })).toMatchObject({
    ok: false,
    code: 'PASS_USED',
    message: expect.stringContaining('东门'),
  });
});

test.each([1, 3])(
  'at a device pixel ratio of %d the QR reads back: alphanumeric mode, at most 49 × 49 modules (version 8)',
  async (ratio) => {
    const phone = newPhone(DEMO_OPENIDS.resident, () => app.cloud.lc.url);
    phone.pixelRatio = ratio;
    const mp = await app.launch('pages/home/index', phone);
    const home = mp.currentPage;
    const code = await passCode(home);
    const canvas = canvasOn(home, '#pass-qr');
    // drawn in device pixels: the CSS side (540rpx, 1:1 in the simulator) times the ratio
    expect(canvas?.width).toBe(540 * ratio);
    const qr = canvas?.readQr();
    expect(qr?.data).toBe(code);
    const modules = 17 + 4 * (qr?.version ?? 99);
    expect(modules).toBeLessThanOrEqual(49);
    // 153 characters in alphanumeric mode at error correction M: version 6, 41 × 41
    expect(modules).toBe(41);
    expect(qr?.chunks.map((chunk) => chunk.type)).toEqual(['alphanumeric']);
  },
);

test('the quota left shows under the code (X3), and follows the exits', async () => {
  const mp = await app.launch('pages/home/index', 'resident');
  const home = mp.currentPage;
  const code = await passCode(home);
  expect(await passCard(home)).toContain('今日还可出门 3 次共 3 次，已用 0 次');
  data(await release(app.cloud, guard, code));

  await openTab(mp, 'mine');
  await openTab(mp, 'home');
  await passCode(home, code);
  expect(await passCard(home)).toContain('今日还可出门 2 次共 3 次，已用 1 次');

  await setRules(app.cloud, HX, { exitsPerPeriod: 0, requireTemperature: true });
  await openTab(mp, 'mine');
  await openTab(mp, 'home');
  await waitUntil(() => home.text('.pass-card').includes('出门不限次数'), 'unlimited exits');
  expect(home.text('.pass-card')).toContain('出门需在门岗测量体温');
});

test('home fetches a fresh code on every show and a minute before the code expires', async () => {
  const mp = await app.launch('pages/home/index', 'resident');
  const home = mp.currentPage;
  const first = await passCode(home);

  await openTab(mp, 'mine');
  await openTab(mp, 'home');
  const onShow = await passCode(home, first, { waitingFor: 'the refresh on show', timeoutMs: 5_000 });

  await mp.settled();
  await later(app.cloud, 8 * 60_000);
  // counted on the phone's clock from when the code was asked for: a second may already have gone
  expect(home.text('.pass-card')).toMatch(/(1 分钟|60 秒|59 秒)后自动刷新 · 点击二维码立即刷新/);
  expect(canvasOn(home, '#pass-qr')?.decodeQr()).toBe(onShow);
  await later(app.cloud, 60_000);
  // the refresh timer fired inside later(): the new code is one cloud call away, so a short wait says it all
  const beforeExpiry = await passCode(home, onShow, {
    waitingFor: 'the refresh a minute before the code expires',
    timeoutMs: 5_000,
  });
  expect(data(await scan(app.cloud, guard, beforeExpiry)).holder.house).toBe('3栋2单元301');

  // the code it replaced is void once its ten minutes (and the gate's minute of grace) are over
  await later(app.cloud, 3 * 60_000);
  expect(await scan(app.cloud, guard, onShow)).toMatchObject({ ok: false, code: 'PASS_EXPIRED' });
  // three codes drawn and decoded on a simulated phone: more than jest's default on a busy machine
}, 60_000);

test.each([
  [
    'a restricted house',
    () => restrictHouse(app.cloud, 'house-hx-3-2-301', { kind: 'banned' }),
    // only the property lifts a restriction: its phone is the one button that helps
    '您所在的房屋已被限制出入，请联系物业联系物业 0532-8588 6600',
  ],
  [
    'outside the exit hours',
    () => setServerClock(app.cloud, cst('2026-11-25 23:45')),
    '当前不在可出门时间段（05:00-23:30），明日 05:00 起可出门',
  ],
  [
    'a site that allows no exits',
    () => setRules(app.cloud, HX, { exitsPerPeriod: -1 }),
    '当前小区暂停住户出门，请联系物业',
  ],
])(
  'with %s, home says why instead of showing a QR, with no button that cannot help',
  async (_case, arrange, reason) => {
    await arrange();
    const mp = await app.launch('pages/home/index', 'resident');
    const home = mp.currentPage;
    expect(await passCard(home)).toBe(reason);
    expect(home.has('#pass-qr')).toBe(false);
    expect(home.has('.pass-retry')).toBe(false);
    // the rules that refuse a pass refuse a shake alike: it is not offered
    expect(home.has('.shake-hint')).toBe(false);
    expect(mp.phone.accelerometer.running).toBe(false);
  },
);

test('exits used up: home says when they come back in words, and the next show after that has a code', async () => {
  await setRules(app.cloud, HX, { exitsPerPeriod: 1, exitWindows: [] });
  const mp = await app.launch('pages/home/index', 'resident');
  const home = mp.currentPage;
  data(await release(app.cloud, guard, await passCode(home)));

  await openTab(mp, 'mine');
  await openTab(mp, 'home');
  await waitUntil(() => home.text('.pass-card').includes('已用完'), 'the refusal');
  expect(home.text('.pass-card')).toBe('今日 1 次出门次数已用完，明日 0 点恢复');
  expect(home.has('#pass-qr')).toBe(false);

  await setServerClock(app.cloud, cst('2026-11-26 00:05'));
  await openTab(mp, 'mine');
  await openTab(mp, 'home');
  await passCode(home);
  expect(home.text('.pass-card')).toContain('今日还可出门 1 次');
});

test('a weekly quota used up says 本周期 and the date it comes back', async () => {
  await setRules(app.cloud, HX, { exitsPerPeriod: 1, periodDays: 7, periodAnchor: '2026-11-23', exitWindows: [] });
  const mp = await app.launch('pages/home/index', 'resident');
  const home = mp.currentPage;
  expect(await passCard(home)).toContain('本周期还可出门 1 次共 1 次，已用 0 次，11月30日 0 点恢复');
  data(await release(app.cloud, guard, await passCode(home)));

  await openTab(mp, 'mine');
  await openTab(mp, 'home');
  await waitUntil(() => home.text('.pass-card').includes('已用完'), 'the refusal');
  expect(home.text('.pass-card')).toBe('本周期 1 次出门次数已用完，11月30日 0 点恢复');
});

test('someone who is not a resident of the site is told so, with no QR and no shake hint', async () => {
  const mp = await app.launch('pages/home/index', 'guard');
  const home = mp.currentPage;
  expect(await passCard(home)).toBe('您还不是该场区的住户，请联系物业登记申请入住联系物业 0532-8588 6600');
  expect(home.text('.site-bar')).toBe('当前场区：海信慧园');
  expect(home.has('#pass-qr')).toBe(false);
  expect(home.has('.shake-hint')).toBe(false);

  // not a dead end: the property's phone, one tap away
  home.tap('.pass-call', '.t-button');
  await waitUntil(() => mp.phone.calls.makePhoneCall.length > 0, 'the call');
  expect(mp.phone.calls.makePhoneCall).toEqual(['0532-85886600']);
});
