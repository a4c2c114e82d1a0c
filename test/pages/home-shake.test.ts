/**
 * 摇一摇开门 (R8) on home, from recorded accelerometer traces (demo/sensors/): a shake opens the site's
 * default door once — the door controller stand-in records it — with a vibration and a line in place of the shake
 * hint (a toast would cover the code); walking opens nothing; the sensor runs only while home is on screen, only
 * where the rules let a shake open, and only after the person agreed to the privacy guide.
 */
import { HX, cst, setRules } from '../support/fixtures';
import { DEMO_OPENIDS, usePageTests } from './support/app';
import { openTab } from './support/account';
import { doorOpenings, passCard, passCode } from './support/pass';
import { setServerClock, usePhoneClock } from './support/phone-clock';
import { accelerometerTrace, playAccelerometer } from './support/sensors';
import { waitUntil } from './support/wait';
import { newPhone } from './support/wx-client';
import type { MiniProgram } from './support/mini-program';

const app = usePageTests();
usePhoneClock();

beforeEach(async () => {
  await setServerClock(app.cloud, cst('2026-11-25 08:00'));
});

const shakeCalls = (mp: MiniProgram) => mp.phone.calls.callFunction.filter((call) => call.data.action === 'shakeOpen');

/** Home on screen with its pass, the accelerometer listening. */
async function homeReady(mp: MiniProgram): Promise<void> {
  await passCode(mp.currentPage);
  await waitUntil(() => mp.phone.accelerometer.running, 'the accelerometer');
  expect(mp.phone.accelerometer.interval).toBe('game');
}

/** The shake's answer, shown where the hint was. */
const shakeFeedback = (mp: MiniProgram) =>
  waitUntil(() => mp.currentPage.has('.shake-feedback') && mp.currentPage.text('.shake-feedback'), 'the shake answer');

test('a shake opens the default door once, with a vibration and a line under the code, and counts an exit', async () => {
  const mp = await app.launch('pages/home/index', 'resident');
  await homeReady(mp);

  playAccelerometer(mp.phone, accelerometerTrace('shake'));
  expect(await shakeFeedback(mp)).toBe('已打开东门');
  // nothing over the code
  expect(mp.phone.calls.showToast).toEqual([]);
  expect(mp.currentPage.has('#pass-qr')).toBe(true);
  expect(mp.phone.calls.vibrateShort).toHaveLength(1);
  expect(shakeCalls(mp)).toHaveLength(1);
  expect((await doorOpenings(app.cloud)).map((opening) => opening.recipient)).toEqual(['door-hx-east']);
  expect(await passCard(mp.currentPage)).toContain('今日还可出门 2 次');
});

test('walking with the phone opens nothing', async () => {
  const mp = await app.launch('pages/home/index', 'resident');
  await homeReady(mp);

  playAccelerometer(mp.phone, accelerometerTrace('walking'));
  playAccelerometer(mp.phone, accelerometerTrace('knock'));
  await mp.settled();
  expect(shakeCalls(mp)).toEqual([]);
  expect(mp.phone.calls.vibrateShort).toEqual([]);
  expect(await doorOpenings(app.cloud)).toEqual([]);
});

test('shaking on while the door is being opened asks the gate once', async () => {
  const mp = await app.launch('pages/home/index', 'resident');
  await homeReady(mp);

  // four seconds of shaking is two shakes (the detector's cool-down), the second before the first is answered
  playAccelerometer(mp.phone, accelerometerTrace('long-shake'));
  await shakeFeedback(mp);
  await mp.settled();
  expect(shakeCalls(mp)).toHaveLength(1);
  expect(await doorOpenings(app.cloud)).toHaveLength(1);
});

test('where every exit needs the guard (temperature), shaking is not offered and opens nothing', async () => {
  await setRules(app.cloud, HX, { requireTemperature: true });
  const mp = await app.launch('pages/home/index', 'resident');
  const home = mp.currentPage;
  await passCode(home);
  expect(home.text('.pass-card')).toContain('出门需在门岗测量体温');
  expect(home.has('.shake-hint')).toBe(false);
  expect(mp.phone.accelerometer.running).toBe(false);

  playAccelerometer(mp.phone, accelerometerTrace('shake'));
  await mp.settled();
  expect(shakeCalls(mp)).toEqual([]);
  expect(await doorOpenings(app.cloud)).toEqual([]);
});

test('a refusal of a shake is read in place of the hint, once, not over the code', async () => {
  const mp = await app.launch('pages/home/index', 'resident');
  await homeReady(mp);
  playAccelerometer(mp.phone, accelerometerTrace('shake'));
  expect(await shakeFeedback(mp)).toBe('已打开东门');

  // a second shake at once: the gate's calm window refuses it, and says so where the hint was
  await waitUntil(() => !mp.currentPage.has('.shake-feedback'), 'the first answer to go', 10_000);
  playAccelerometer(mp.phone, accelerometerTrace('shake'));
  const refusal = await shakeFeedback(mp);
  expect(refusal).not.toBe('已打开东门');
  expect(mp.phone.calls.showToast).toEqual([]);
  expect(mp.currentPage.has('#pass-qr')).toBe(true);
});

test('the sensor stops while another page is on screen', async () => {
  const mp = await app.launch('pages/home/index', 'resident');
  await homeReady(mp);

  await openTab(mp, 'mine');
  expect(mp.phone.accelerometer).toMatchObject({ running: false, listeners: new Set() });
  playAccelerometer(mp.phone, accelerometerTrace('shake'));
  await mp.settled();
  expect(shakeCalls(mp)).toEqual([]);

  await openTab(mp, 'home');
  await waitUntil(() => mp.phone.accelerometer.running, 'the accelerometer again');
});

test('before the person agrees to the privacy guide, home asks; 同意 starts shake to open', async () => {
  const phone = newPhone(DEMO_OPENIDS.resident, () => app.cloud.lc.url);
  phone.privacy.consent = 'undecided';
  const mp = await app.launch('pages/home/index', phone);
  const home = mp.currentPage;
  await waitUntil(() => home.has('.privacy', '.privacy-sheet'), 'the privacy sheet');
  expect(home.text('.privacy', '.privacy-sheet')).toContain('摇一摇开门需要使用手机的加速度传感器');
  expect(mp.phone.accelerometer.running).toBe(false);

  home.find('.privacy', '#privacy-agree')?.dispatchEvent('agreeprivacyauthorization');
  await waitUntil(() => mp.phone.accelerometer.running, 'the accelerometer');
  expect(home.has('.privacy', '.privacy-sheet')).toBe(false);
  await passCode(home);
  playAccelerometer(mp.phone, accelerometerTrace('shake'));
  expect(await shakeFeedback(mp)).toBe('已打开东门');
});

test('暂不使用 leaves shaking off, and the pass works as before', async () => {
  const phone = newPhone(DEMO_OPENIDS.resident, () => app.cloud.lc.url);
  phone.privacy.consent = 'undecided';
  const mp = await app.launch('pages/home/index', phone);
  const home = mp.currentPage;
  await waitUntil(() => home.has('.privacy', '.privacy-sheet'), 'the privacy sheet');

  home.tap('.privacy', '.privacy-sheet__decline');
  await waitUntil(() => !home.has('.privacy', '.privacy-sheet'), 'the sheet to close');
  await passCode(home);
  playAccelerometer(mp.phone, accelerometerTrace('shake'));
  await mp.settled();
  expect(mp.phone.accelerometer.running).toBe(false);
  expect(shakeCalls(mp)).toEqual([]);
});
