/**
 * The gate in a real browser (R7, R8, P3–P5), as a resident and a guard live it: home shows the resident pass as
 * a QR; the guard, on a phone of his own, scans it with the preview's camera stand-in and releases it; the same
 * code again is refused as used, with when and where — and the resident's screen shows 已使用 within 3 seconds.
 * And 摇一摇 on home opens the site's door.
 */
import { setClock } from '../support/clock';
import { PAGES } from '../support/pages';
import { cst } from '../support/fixtures';
import { doorOpenings, openGuardPage, passCodeOnHome, releaseAtGate, scanAtGate } from './support/gate';
import { usePreviewApp } from './support/preview-app';
import { expectText } from '../../preview/driver/wait';

// a phone's screen density: the pass QR is read from the canvas's pixels (at 1, its modules are too small)
const fixture = usePreviewApp({ pixelRatio: 2 });

beforeEach(async () => {
  // inside 海信慧园's exit hours (05:00–23:30), whatever time the tests run at
  setClock(fixture.app.cloud, cst('2026-11-25 08:00'));
});

test('the guard scans the QR on the resident’s home and releases it; scanned again, it is refused as used', async () => {
  const resident = await fixture.open('resident');
  const code = await passCodeOnHome(resident);
  expect(code).toMatch(/^TX2:/);
  await expectText(resident.node(PAGES.home, 'pass-card'), '今日还可出门 3 次');

  const guard = await fixture.open('guard', PAGES.mine, { anotherPhone: true });
  await openGuardPage(guard, '东门');
  expect(await scanAtGate(guard, code)).toContain('住户通行证张伟房屋3栋2单元301');
  expect(await releaseAtGate(guard)).toMatch(/^已放行张伟·3栋2单元301·东门08:0\d$/);
  const releasedAt = Date.now();
  // a spent code looks spent: the resident's home polls while the code is on screen
  await resident.node(PAGES.home, 'pass-card__used').waitFor({ timeout: 3_000 });
  expect(Date.now() - releasedAt).toBeLessThan(3_000);
  await expectText(resident.node(PAGES.home, 'pass-card'), '东门');
  expect(await resident.node(PAGES.home, 'pass-card__qr').count()).toBe(0);

  expect(await scanAtGate(guard, code, 'next-button')).toMatch(/^不能放行该通行证已于08:0\d在东门使用/);
  expect(await resident.errors()).toEqual([]);
  expect(await guard.errors()).toEqual([]);
  // two phones, a scan dialog each time and a QR read from pixels: more than jest's default on a busy machine
}, 90_000);

test('摇一摇 on home opens the door: the controller records it, and a line beside the code says so', async () => {
  const resident = await fixture.open('resident');
  await passCodeOnHome(resident);
  expect(await doorOpenings(fixture.app)).toEqual([]);

  await resident.shake();
  await expectText(resident.node(PAGES.home, 'shake-feedback'), '已打开东门');
  expect((await doorOpenings(fixture.app)).map((opening) => opening.recipient)).toEqual(['door-hx-east']);
  await expectText(resident.node(PAGES.home, 'pass-card'), '今日还可出门 2 次');
  expect(await resident.errors()).toEqual([]);
});
