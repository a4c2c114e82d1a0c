/**
 * 摇一摇开门 (R8) on home, from recorded accelerometer traces (demo/sensors/): a shake opens the site's
 * default door once — the door controller stand-in records it — with a vibration and a toast; walking opens
 * nothing; the sensor runs only while home is on screen, and only after the person agreed to the privacy guide.
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

test('a shake opens the default door once, with a vibration and a toast, and counts an exit', async () => {
  const mp = await app.launch('pages/home/index', 'resident');
  await homeReady(mp);

  playAccelerometer(mp.phone, accelerometerTrace('shake'));
  await waitUntil(() => mp.phone.calls.showToast.length > 0, 'the toast');
  expect(mp.phone.calls.showToast).toEqual([{ title: '开门成功：东门', icon: 'success' }]);
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
  await waitUntil(() => mp.phone.calls.showToast.length > 0, 'the toast');
  await mp.settled();
  expect(shakeCalls(mp)).toHaveLength(1);
  expect(await doorOpenings(app.cloud)).toHaveLength(1);
});

test("a refusal is felt and read: the gate's reason in the toast, the door shut", async () => {
  await setRules(app.cloud, HX, { requireTemperature: true });
  const mp = await app.launch('pages/home/index', 'resident');
  await homeReady(mp);

  playAccelerometer(mp.phone, accelerometerTrace('shake'));
  await waitUntil(() => mp.phone.calls.showToast.length > 0, 'the toast');
  expect(mp.phone.calls.showToast[0]).toMatchObject({ title: '本小区出入需测量体温，请到门岗扫码通行', icon: 'none' });
  expect(mp.phone.calls.vibrateShort).toHaveLength(1);
  expect(await doorOpenings(app.cloud)).toEqual([]);
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
  await waitUntil(() => mp.phone.calls.showToast.length > 0, 'the toast');
  expect(mp.phone.calls.showToast[0].title).toBe('开门成功：东门');
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
