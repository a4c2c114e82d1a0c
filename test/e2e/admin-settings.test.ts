/**
 * 通行证设置 in a real browser, as issue 15 asks: 陈静, the administrator, opens 物业管理 from 我的 and sets 海信慧园's
 * exits per day to 1; 王强, the guard, on a phone of his own, releases 张伟's code, and 张伟's next code is refused.
 */
import { setClock } from '../support/clock';
import { PAGES } from '../support/pages';
import { codeFor, cst } from '../support/fixtures';
import { DEMO_OPENIDS } from '../support/app-cloud';
import { openGuardPage, passCodeOnHome, releaseAtGate, scanAtGate } from './support/gate';
import { usePreviewApp } from './support/preview-app';
import { expectText } from '../../preview/driver/wait';

// a phone's screen density: the pass QR is read from the canvas's pixels
const fixture = usePreviewApp({ pixelRatio: 2 });

beforeEach(async () => {
  setClock(fixture.app.cloud, cst('2026-11-25 08:00'));
});

test('陈静 sets one exit a day; the guard releases 张伟 once and refuses his next code', async () => {
  const resident = await fixture.open('resident');
  const first = await passCodeOnHome(resident);

  const admin = await fixture.open('admin', PAGES.mine, { anotherPhone: true });
  await admin.tap(PAGES.mine, 'entry-back-office');
  await admin.waitForPage(PAGES.backOffice);
  await admin.tap(PAGES.backOffice, 'back-office-entry--resident-pass');
  await admin.waitForPage(PAGES.adminResidentPass);
  await admin.node(PAGES.adminResidentPass, 'save-button').waitFor();
  await admin.fill(PAGES.adminResidentPass, 'field-exits', '1');
  await admin.tapButton(PAGES.adminResidentPass, 'save-button');
  await expectText(admin.node(PAGES.adminResidentPass, 'recent-changes'), '周期内可出门次数：3次 → 1次');

  // his phone fetches its next code before the first is used, as home does every few minutes
  const next = await codeFor(fixture.app.cloud, DEMO_OPENIDS.resident);
  const guard = await fixture.open('guard', PAGES.mine, { anotherPhone: true });
  await openGuardPage(guard, '东门');
  await scanAtGate(guard, first);
  expect(await releaseAtGate(guard)).toMatch(/^已放行张伟/);
  expect(await scanAtGate(guard, next, 'next-button')).toContain('今日1次出门次数已用完，明日0点恢复');
  expect(await admin.errors()).toEqual([]);
  expect(await guard.errors()).toEqual([]);
}, 120_000);
