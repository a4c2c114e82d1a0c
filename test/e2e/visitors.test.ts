/**
 * 访客预约 in a real browser (R13–R18, P8), the whole journey on three phones: 王强 books a visit to 张伟 at 海信慧园
 * through the form (the window it starts with kept, the ID number after the consent line, the subscription allowed at
 * 提交); the outbox timer delivers; 张伟 — an approver, as the site's settings make the host — taps the subscription
 * message in the preview's outbox panel and lands on the approval page, and approves; the outbox delivers again;
 * 王强 opens 我的预约 → the booking and sees the pass QR; the guard releases that code at 东门; the booking then says
 * the pass is used.
 */
import type { Locator } from 'playwright-core';
import { expectText, normalize } from '../../preview/driver/wait';
import { setClock } from '../support/clock';
import { cst } from '../support/fixtures';
import { PAGES } from '../support/pages';
import { openGuardPage, releaseAtGate, scanAtGate } from './support/gate';
import { usePreviewApp, type PreviewPhone } from './support/preview-app';

// a phone's screen density: the pass QR is read from the canvas's pixels
const fixture = usePreviewApp({ pixelRatio: 2 });

const BOOK = PAGES.bookVisit;
const MINE = PAGES.myVisits;
const DETAIL = PAGES.visitDetail;
const APPROVAL = PAGES.visitApproval;

/** localcloud's clock when the visit is booked (the form's window comes from the phone's own clock, days later) */
const NOON = cst('2026-11-24 12:00');

async function phoneAt(phone: PreviewPhone, at: Date): Promise<void> {
  await phone.page.clock.setFixedTime(at);
}

/** WeChat's subscription prompt (the preview's stand-in): 允许. */
async function allowSubscriptions(phone: PreviewPhone): Promise<void> {
  const dialog = phone.page.locator('.pv-standin', { hasText: '发送订阅消息' });
  await dialog.waitFor();
  await dialog.locator('.pv-standin__button--primary').click();
  await dialog.waitFor({ state: 'detached' });
}

/** The outbox timer, as its trigger would fire it. */
async function deliver(): Promise<void> {
  await fixture.app.cloud.lc.timers.fire('outbox', 'deliver');
}

/** A message in the dev panel's outbox list, to `recipient`, whose text matches `text`. */
function panelMessage(phone: PreviewPhone, recipient: string, text: RegExp): Locator {
  return phone.page
    .locator('.pv-panel__message--link')
    .filter({ hasText: `→ ${recipient}` })
    .filter({ hasText: text });
}

test('王强 books, 张伟 approves from the subscription message, 王强 sees the pass, the guard releases it', async () => {
  setClock(fixture.app.cloud, NOON);

  // ---- 王强 books through the form: the window it starts with (the next half hour, two hours) is kept ----
  const visitor = await fixture.open('guard', BOOK);
  await visitor.node(BOOK, 'field-visitorName').waitFor();
  await visitor.fill(BOOK, 'field-hostName', '张伟');
  await visitor.fill(BOOK, 'field-hostPhone', '13912340001');
  await visitor.fill(BOOK, 'field-visitorName', '王强');
  await visitor.fill(BOOK, 'field-visitorPhone', '13912340002');
  await visitor.fill(BOOK, 'field-purpose', '探亲访友');
  // 海信慧园 asks for the ID number, typed after the consent line is ticked
  await visitor.tap(BOOK, 'agreement__check');
  await visitor.fill(BOOK, 'field-idNumber', '11010519491231002X');
  await visitor.tapButton(BOOK, 'face-skip');
  await visitor.tapButton(BOOK, 'submit');
  await allowSubscriptions(visitor);
  await visitor.waitForPage(DETAIL);
  await expectText(visitor.node(DETAIL, 'visit-hero__title'), '等待审核');

  // ---- the outbox delivers; 张伟 taps the subscription message and approves ----
  await deliver();
  const host = await fixture.open('resident', PAGES.home, { anotherPhone: true });
  const message = panelMessage(host, 'demo-resident-zhangwei', /approval/);
  await message.first().waitFor({ timeout: 5_000 });
  await message.first().click();
  await host.waitForPage(APPROVAL);
  await host.node(APPROVAL, 'visit-row').first().waitFor();
  const rows = normalize(await host.node(APPROVAL, 'visit-section').first().innerText());
  expect(rows).toContain('王强');
  expect(rows).toContain('110***********002X');
  await host.tapButton(APPROVAL, 'approve');
  await allowSubscriptions(host);
  await expectText(host.node(APPROVAL, 'approval-status'), '已通过');

  // ---- the outbox tells 王强; half an hour into the visit he opens 我的预约 → the booking: the pass QR ----
  await deliver();
  // the test's cloud holds this one visit (the demo visits are npm start's only)
  const [visit] = fixture.app.cloud.lc.db.find('visits', { 'visitor.name': '王强' }, {});
  const duringVisit = new Date((visit.startsAt as Date).getTime() + 30 * 60_000);
  setClock(fixture.app.cloud, duringVisit);
  const visitorAgain = await fixture.open('guard', MINE);
  await phoneAt(visitorAgain, duringVisit);
  await visitorAgain.node(MINE, 'visit-item').first().waitFor();
  await visitorAgain.tap(MINE, 'visit-item');
  await visitorAgain.waitForPage(DETAIL);
  const code = await visitorAgain.qrCode(DETAIL, 'visit-hero__qr');
  expect(code).toMatch(/^TX2:/);

  // ---- the guard, on his own phone at 东门, scans and releases it ----
  const guard = await fixture.open('guard', PAGES.mine, { anotherPhone: true });
  await openGuardPage(guard, '东门');
  expect(await scanAtGate(guard, code)).toContain('王强');
  expect(await releaseAtGate(guard)).toMatch(/^已放行王强/);

  // ---- the booking says so ----
  await visitorAgain.back(MINE);
  await visitorAgain.tap(MINE, 'visit-item');
  await visitorAgain.waitForPage(DETAIL);
  await expectText(visitorAgain.node(DETAIL, 'visit-hero__title'), '通行证已使用');
  expect(await visitorAgain.node(DETAIL, 'visit-hero__qr').count()).toBe(0);

  for (const phone of [visitor, host, visitorAgain, guard]) expect(await phone.errors()).toEqual([]);
  // three phones, two subscription prompts, two timer runs and a QR read from pixels
}, 150_000);
