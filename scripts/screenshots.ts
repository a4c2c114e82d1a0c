/**
 * `npm run screenshots`: a PNG of every page of app.json in its main states, as the browser preview shows it on
 * its phone, in `screenshots/` (gitignored) — for anyone reviewing a change to look at. Runs localcloud with the
 * demo data on a free port and a temporary data folder (app.ts), and Debian's chromium (preview/driver/).
 *
 * Named states (the journeys that exist) come first; then every page app.json lists, opened directly as the
 * first demo resident, so a page added by a later change appears here without touching this script.
 *
 * localcloud's clock starts at a daytime instant (inside 海信慧园's exit window, whatever time the script runs
 * at), so home shows a pass; a shot may set another moment for itself. The states are reached as a person
 * reaches them, with the demo data set up first where a person would have done it elsewhere (cards bound, a
 * site's rules changed by its administrator): data a shot changes stays changed for the shots after it.
 */
import { appendFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { LEGAL_EDITION } from '../miniprogram/core/consent';
import { shanghaiDate } from '../miniprogram/core/time';
import type { Envelope } from '../miniprogram/core/envelope';
import type { ResidentPassSettings } from '../miniprogram/core/pass-rules';
import { DEMO_OPENIDS } from '../demo/identities';
import { pageClass, pageTagName } from '../preview/client/page-names';
import { launchChromium, previewContext } from '../preview/driver/chromium';
import { openPhone, type PreviewPhone } from '../preview/driver/phone';
import { waitFor } from '../preview/driver/wait';
import type { BrowserContext } from 'playwright-core';
import { startApp, type RunningApp } from './app';

const OUT = path.resolve(__dirname, '..', 'screenshots');
const HOME = 'pages/home/index';
const MINE = 'pages/mine/index';
const SITES = 'pages/sites/index';
const GUARD = 'packages/guard/pages/scan/index';
const CARDS = 'packages/cards/pages/list/index';
const BIND = 'packages/cards/pages/bind/index';
const REGISTER = 'packages/account/pages/register/index';
const BOOK_VISIT = 'packages/visitors/pages/book/index';
const MY_VISITS = 'packages/visitors/pages/mine/index';
const VISIT_DETAIL = 'packages/visitors/pages/detail/index';
const VISIT_INBOX = 'packages/visitors/pages/inbox/index';
const VISIT_APPROVAL = 'packages/visitors/pages/approval/index';
const ADMIN_HOUSES = 'packages/admin/pages/houses/index';
const ADMIN_RESTRICTIONS = 'packages/admin/pages/restrictions/index';
const ADMIN_APPLICATIONS = 'packages/admin/pages/applications/index';
const APPLY_RESIDENCE = 'packages/residence/pages/apply/index';
const MY_SLIPS = 'packages/exits/pages/mine/index';
const APPLY_SLIP = 'packages/exits/pages/apply/index';
const SLIP_DETAIL = 'packages/exits/pages/detail/index';
const ADMIN_SLIPS = 'packages/admin/pages/exit-slips/index';
/** 张伟's 出门条 for the day the shots run at (DAYTIME), once the first slip shot has made it */
let slipId = '';
/** a WeChat user new to the app who has chosen 海信慧园 and applies to live there */
const APPLICANT = 'screenshots-applicant';
const BACK_OFFICE = 'packages/admin/pages/home/index';
const RESIDENT_PASS = 'packages/admin/pages/resident-pass/index';
const VISITOR_PASS = 'packages/admin/pages/visitor-pass/index';
const EXIT_SLIP = 'packages/admin/pages/exit-slip/index';
const ADMIN_STAFF = 'packages/admin/pages/staff/index';
const ADMIN_PASSES = 'packages/admin/pages/passes/index';
const ADMIN_RECORDS = 'packages/admin/pages/records/index';
const ADMIN_RETENTION = 'packages/admin/pages/retention/index';
const ADMIN_OBSERVERS = 'packages/admin/pages/observers/index';
const ADMIN_AUDIT_LOG = 'packages/admin/pages/audit-log/index';
/**
 * midday today in Shanghai, by the real calendar: the preview phone's clock is the real one, and 出入记录's date
 * chips count back from it, so the records these shots make must be dated today, not at DAYTIME
 */
const TODAY_MIDDAY = `${shanghaiDate(new Date())}T12:00:00+08:00`;
const ACCEPT_INVITATION = 'packages/invitation/pages/accept/index';
const SPECIAL_ORGS = 'packages/admin/pages/special-orgs/index';
const SPECIAL_MEMBERS = 'packages/admin/pages/special-members/index';
const SPECIAL_PASS = 'packages/special/pages/pass/index';
/** 顺丰快递's courier 赵磊 (demo/data.ts), once a shot bound him */
const COURIER = 'screenshots-courier';
/** 张伟's resident membership at 海信慧园 (demo/data.ts): the id of his pass in 有效通行证 */
const ZHANG_WEI_RESIDENT = 'm-user-zhangwei-site-haixin-huiyuan-resident';
/** the booking the visitor shots make (王强 visits 张伟 this afternoon), once the first of them has run */
let visitId = '';
const HX = 'site-haixin-huiyuan';
/** localcloud's clock at the start: midday in Shanghai, inside 海信慧园's exit window (05:00–23:30) */
const DAYTIME = '2026-11-24T12:00:00+08:00';

/** 王强 releases 张伟 at 东门, then is shown the same code again: a release and a refusal (PASS_USED) */
async function releaseAndRefuseToday(app: RunningApp): Promise<void> {
  const { code } = await called(
    callAs<{ code: string }>(app, 'pass', { action: 'residentPass', siteId: HX }, DEMO_OPENIDS.resident),
    'pass.resident',
  );
  for (let i = 0; i < 2; i += 1) {
    await callAs(
      app,
      'gate',
      { action: 'release', code, siteId: HX, gate: '东门', requestId: randomUUID() },
      DEMO_OPENIDS.guard,
    );
  }
}

interface Shot {
  name: string;
  who: string;
  /** a function when the page's query is known only once earlier shots ran (a booking's id) */
  page?: string | (() => string);
  /** localcloud's clock for this shot only (ISO); the clock goes on from where it was afterwards */
  clock?: string;
  /** what to set up before the page opens */
  arrange?: (app: RunningApp) => Promise<void>;
  /** what to do once the page is open, before the picture */
  act?: (phone: PreviewPhone, app: RunningApp) => Promise<void>;
  /** take the picture as soon as `act` returns (something is still loading on purpose) */
  instant?: boolean;
  /** start `act` without waiting for the page's first cloud calls (`act` waits for its own state) */
  unsettled?: boolean;
  /** undoes `arrange` after the picture, so later shots see the demo as it was */
  restore?: (app: RunningApp) => Promise<void>;
}

/**
 * Shots whose state is an error made on purpose (`--error`: every database call fails) make the functions log
 * stack traces. They are expected: the script says so in one line and writes the functions' output of those
 * shots to FAULT_LOG instead of the console, where any other function output still goes.
 */
const FAULT_LOG = path.join(OUT, 'deliberate-faults.log');
let deliberateFault: string | undefined;

function functionLog(name: string, stream: 'stdout' | 'stderr', line: string): void {
  if (deliberateFault) appendFileSync(FAULT_LOG, `[${deliberateFault}] [fn ${name}] ${line}\n`);
  else (stream === 'stderr' ? process.stderr : process.stdout).write(`[fn ${name}] ${line}\n`);
}

const NAMED: Shot[] = [
  { name: 'home--site-chosen', who: 'resident' },
  { name: 'home--no-site', who: 'resident2' },
  {
    name: 'home--error',
    who: 'resident2',
    // every database call fails: the function cannot say which site is current
    act: async () => undefined,
  },
  { name: 'sites--list', who: 'resident', page: `/${SITES}` },
  {
    name: 'sites--search-results',
    who: 'resident',
    page: `/${SITES}`,
    act: (phone) => search(phone, '鸿锦'),
  },
  {
    name: 'sites--search-nothing-found',
    who: 'resident',
    page: `/${SITES}`,
    act: (phone) => search(phone, '不存在的小区'),
  },
  {
    name: 'sites--switching',
    who: 'resident2',
    page: `/${SITES}`,
    instant: true,
    act: async (phone, app) => {
      // the database answers slowly, so the loading overlay of the switch is on screen for the picture
      await faults(app, { mode: 'slow', delayMs: 3000, count: 20 });
      await phone.page.locator('.t-cell--t-cell__title-text', { hasText: '福源楼' }).tap();
      await phone.page.locator('.pv-bubble').waitFor();
    },
  },
  // ---- the resident pass on home (R7, X3) ----
  {
    name: 'home--pass',
    who: 'resident',
    act: async (phone) => {
      await phone.node(HOME, 'pass-card__quota').waitFor();
      await qrDrawn(phone);
    },
  },
  {
    // scrolled to the bottom: 自助卡务 (R9) under the pass
    name: 'home--pass-bottom',
    who: 'resident',
    act: async (phone) => {
      await phone.node(HOME, 'pass-card__quota').waitFor();
      await qrDrawn(phone);
      await phone.node(HOME, 'entry-cards').scrollIntoViewIfNeeded();
    },
  },
  {
    // a guard releases the code on screen: within seconds it reads 已使用, with the next code offered
    name: 'home--pass-used',
    who: 'resident',
    act: async (phone, app) => {
      await qrDrawn(phone);
      const code = await phone.qrCode(HOME, 'pass-card__code');
      await called(
        callAs(
          app,
          'gate',
          { action: 'release', code, siteId: HX, requestId: randomUUID(), gate: '东门' },
          DEMO_OPENIDS.guard,
        ),
        'gate.release',
      );
      await phone.node(HOME, 'pass-card__used').waitFor();
    },
  },
  {
    name: 'home--pass-no-exits',
    who: 'resident',
    // one exit a day, and today's taken (by the release of the shot before, or here)
    arrange: async (app) => {
      await setHxRules(app, { exitsPerPeriod: 1 });
      const pass = await callAs<{ code: string }>(app, 'pass', { action: 'residentPass' }, DEMO_OPENIDS.resident);
      if (!pass.ok) return;
      const event = { action: 'release', code: pass.data.code, siteId: HX, requestId: randomUUID(), gate: '东门' };
      await called(callAs(app, 'gate', event, DEMO_OPENIDS.guard), 'gate.release');
    },
    act: (phone) => phone.node(HOME, 'pass-card__state--refused').waitFor(),
    restore: (app) => setHxRules(app, {}),
  },
  {
    name: 'home--pass-outside-hours',
    who: 'resident',
    // past 海信慧园's last exit (23:30)
    clock: '2026-11-24T23:45:00+08:00',
    act: (phone) => phone.node(HOME, 'pass-card__state--refused').waitFor(),
  },
  {
    name: 'home--pass-restricted',
    who: 'resident',
    arrange: (app) => restrictResidentHouse(app, true),
    act: (phone) => phone.node(HOME, 'pass-card__state--refused').waitFor(),
    restore: (app) => restrictResidentHouse(app, false),
  },
  {
    // 王强 guards 海信慧园 but lives elsewhere: no QR, no shake
    name: 'home--pass-not-resident',
    who: 'guard',
    act: (phone) => phone.node(HOME, 'pass-card__state--none').waitFor(),
  },
  {
    // the issue record is written slowly, so 正在获取通行证 stays on screen for the picture
    name: 'home--pass-loading',
    who: 'resident',
    arrange: (app) =>
      faults(app, { mode: 'slow', delayMs: 5000, count: 1, collection: 'accessRecords', op: 'insertDocument' }),
    unsettled: true,
    instant: true,
    act: (phone) => phone.node(HOME, 'pass-card__state--loading').waitFor(),
  },
  {
    // the pass cannot be fetched (the site still answers): the fault in words, and 重试
    name: 'home--pass-network',
    who: 'resident',
    arrange: (app) => faults(app, { mode: 'fail', count: 1000, collection: 'accessRecords' }),
    act: (phone) => phone.node(HOME, 'pass-retry').waitFor(),
  },

  // ---- consent: 注册 before agreeing to the 用户协议 and 隐私政策; WeChat's privacy authorization on home ----
  {
    name: 'register--agreement-wanted',
    who: 'demo-newcomer',
    page: `/${REGISTER}`,
    act: async (phone) => {
      await phone.fill(REGISTER, 'field-phone', '13500000099');
      await phone.fill(REGISTER, 'field-code', '123456');
      await phone.fill(REGISTER, 'field-password', 'secret123');
      await phone.tapButton(REGISTER, 'submit');
      await phone.node(REGISTER, 'agreement--wanted').waitFor();
    },
  },
  {
    name: 'home--privacy-sheet',
    who: 'resident',
    act: async (phone, app) => {
      // the same person, undecided, as on a phone where WeChat has no agreement recorded yet
      await phone.page.goto(`${app.url}?as=${DEMO_OPENIDS.resident}&privacy=ask`);
      await phone.page.getByText('用户隐私保护提示').waitFor();
    },
  },

  // ---- 门岗扫码 (P3–P5): 王强 at 东门 scans 张伟's pass; the site asks for the temperature and ID registration ----
  {
    name: 'guard--scanned',
    who: 'guard',
    page: `/${GUARD}`,
    arrange: (app) => setHxRules(app, { requireTemperature: true, requireIdRegistration: true }),
    act: async (phone, app) => {
      await scanPass(phone, await residentCode(app));
      await phone.node(GUARD, 'release-form').waitFor();
    },
  },
  {
    name: 'guard--released',
    who: 'guard',
    page: `/${GUARD}`,
    arrange: (app) => setHxRules(app, { requireTemperature: true, requireIdRegistration: true }),
    act: async (phone, app) => {
      await scanPass(phone, await residentCode(app));
      await phone.fill(GUARD, 'field-temperature', '36.5');
      // the holder agreed to 身份证登记: the ID field opens
      await phone.tap(GUARD, 'id-consent');
      await phone.fill(GUARD, 'field-id-number', '11010519491231002X');
      await phone.tapButton(GUARD, 'release-button');
      await phone.node(GUARD, 'outcome--released').waitFor();
    },
  },
  {
    name: 'guard--refused',
    who: 'guard',
    page: `/${GUARD}`,
    // the demo's rules again: nothing to enter at the gate
    arrange: (app) => setHxRules(app, {}),
    act: async (phone, app) => {
      // a code released at 北门 a moment ago
      const code = await residentCode(app);
      const release = { action: 'release', code, siteId: HX, gate: '北门', requestId: randomUUID() };
      await called(callAs(app, 'gate', release, DEMO_OPENIDS.guard), 'gate.release');
      await scanPass(phone, code);
      await phone.node(GUARD, 'outcome--refused').waitFor();
    },
  },

  // ---- 自助卡务 (R10, R11): 李娜's cards, at two sites ----
  {
    name: 'cards--list',
    who: 'resident2',
    page: `/${CARDS}`,
    arrange: async (app) => {
      for (const card of LINA_CARDS) await bindCard(app, DEMO_OPENIDS.resident2, card);
    },
    act: (phone) => phone.node(CARDS, 'card-item').first().waitFor(),
  },
  {
    name: 'cards--detail',
    who: 'resident2',
    page: `/${CARDS}`,
    act: async (phone) => {
      await phone.node(CARDS, 'card-item').filter({ hasText: 'HJ6601' }).tap();
      await phone.waitForPage('packages/cards/pages/detail/index');
      await phone.node('packages/cards/pages/detail/index', 'card-row').first().waitFor();
    },
  },
  {
    name: 'cards--bind-form',
    who: 'resident',
    page: `/${BIND}`,
    act: async (phone) => {
      // 海信慧园, 张伟's current site, is on the form already
      await phone.node(BIND, 'type-option').filter({ hasText: '储值卡' }).tap();
      await phone.fill(BIND, 'field-number', 'HX2001');
      await phone.fill(BIND, 'field-phone', '13912340001');
      await phone.tapButton(BIND, 'code-button');
      await phone.node(BIND, 'code-button').filter({ hasText: '秒后重新获取' }).waitFor();
      // 验证码已发送 (a toast) would cover the phone typed
      const toast = phone.page.locator('.pv-bubble', { hasText: '验证码已发送' });
      await toast.waitFor();
      await toast.waitFor({ state: 'detached' });
    },
  },
  {
    name: 'cards--bind-site-picker',
    who: 'resident2',
    page: `/${BIND}`,
    act: async (phone) => {
      await phone.tap(BIND, 'field-site');
      // the sheet is the site-picker component's: its classes carry the component's prefix, not the page's
      await phone.page.locator('[class*="--site-option"]').first().waitFor();
    },
  },

  // ---- 访客预约 (R13–R18): 王强 books a visit to 张伟 this afternoon; 张伟 approves it ----
  {
    name: 'visitors--mine-empty',
    who: 'guard',
    page: `/${MY_VISITS}`,
    act: (p) => p.node(MY_VISITS, 'visits__empty').waitFor(),
  },
  {
    name: 'visitors--book-form',
    who: 'guard',
    page: `/${BOOK_VISIT}`,
    act: (p) => p.node(BOOK_VISIT, 'field-visitorName').waitFor(),
  },
  {
    name: 'visitors--book-errors',
    who: 'guard',
    page: `/${BOOK_VISIT}`,
    act: async (phone) => {
      await phone.node(BOOK_VISIT, 'field-visitorName').waitFor();
      await phone.fill(BOOK_VISIT, 'field-purpose', '探亲123');
      await phone.tapButton(BOOK_VISIT, 'submit');
      await phone.node(BOOK_VISIT, 'form-notice').waitFor();
    },
  },
  {
    // the date-time picker open over the form, on 开始时间
    name: 'visitors--book-picker',
    who: 'guard',
    page: `/${BOOK_VISIT}`,
    act: async (phone) => {
      await phone.node(BOOK_VISIT, 'field-visitorName').waitFor();
      await phone.tap(BOOK_VISIT, 'field-startsAt');
      // TDesign's classes, scoped by the preview with the component's name: matched by what they contain
      await phone.node(BOOK_VISIT, 'time-picker').locator('[class*="t-picker__confirm"]').first().waitFor();
    },
  },
  {
    // filled in, the ID number typed after ticking the consent line
    name: 'visitors--book-filled',
    who: 'guard',
    page: `/${BOOK_VISIT}`,
    act: async (phone) => {
      await phone.node(BOOK_VISIT, 'field-visitorName').waitFor();
      await phone.fill(BOOK_VISIT, 'field-hostName', '张伟');
      await phone.fill(BOOK_VISIT, 'field-hostPhone', '13912340001');
      await phone.fill(BOOK_VISIT, 'field-visitorName', '王强');
      await phone.fill(BOOK_VISIT, 'field-visitorPhone', '13912340002');
      await phone.fill(BOOK_VISIT, 'field-purpose', '探亲访友');
      await phone.tap(BOOK_VISIT, 'agreement__check');
      await phone.fill(BOOK_VISIT, 'field-idNumber', '11010519491231002X');
      await phone.tapButton(BOOK_VISIT, 'face-skip');
    },
  },
  {
    name: 'visitors--detail-pending',
    who: 'guard',
    page: () => `/${VISIT_DETAIL}?id=${encodeURIComponent(visitId)}`,
    arrange: async (app) => {
      const booked = await called(
        callAs<{ visit: { id: string } }>(
          app,
          'visitor',
          {
            action: 'book',
            requestId: randomUUID(),
            siteId: HX,
            hostName: '张伟',
            hostPhone: '13912340001',
            visitorName: '王强',
            visitorPhone: '13912340002',
            purpose: '探亲访友',
            startsAt: '2026-11-24T14:00:00+08:00',
            endsAt: '2026-11-24T16:00:00+08:00',
            // 海信慧园 asks visitors for an ID number (demo/data.ts), given after the consent line
            idNumber: '11010519491231002X',
            consentEdition: LEGAL_EDITION,
          },
          DEMO_OPENIDS.guard,
        ),
        'book',
      );
      visitId = booked.visit.id;
    },
    act: (phone) => phone.node(VISIT_DETAIL, 'visit-row').first().waitFor(),
  },
  {
    name: 'visitors--mine-list',
    who: 'guard',
    page: `/${MY_VISITS}`,
    act: (p) => p.node(MY_VISITS, 'visit-item').first().waitFor(),
  },
  {
    name: 'visitors--inbox',
    who: 'resident',
    page: `/${VISIT_INBOX}`,
    act: (p) => p.node(VISIT_INBOX, 'inbox__count').waitFor(),
  },
  {
    name: 'visitors--approval',
    who: 'resident',
    page: () => `/${VISIT_APPROVAL}?id=${encodeURIComponent(visitId)}`,
    act: (phone) => phone.node(VISIT_APPROVAL, 'approve').waitFor(),
  },
  {
    name: 'visitors--approval-reject-dialog',
    who: 'resident',
    page: () => `/${VISIT_APPROVAL}?id=${encodeURIComponent(visitId)}`,
    act: async (phone) => {
      await phone.tapButton(VISIT_APPROVAL, 'reject');
      await phone.page.locator('[class*="t-dialog__button--confirm"]').first().waitFor();
    },
  },
  {
    name: 'visitors--approval-refused',
    who: 'resident2',
    page: () => `/${VISIT_APPROVAL}?id=${encodeURIComponent(visitId)}`,
    act: (phone) => phone.node(VISIT_APPROVAL, 'visit-refused').waitFor(),
  },
  {
    name: 'visitors--approval-decided',
    who: 'resident',
    page: () => `/${VISIT_APPROVAL}?id=${encodeURIComponent(visitId)}`,
    act: async (phone) => {
      await phone.tapButton(VISIT_APPROVAL, 'approve');
      // 通过 asks WeChat for the approver's next subscription first: 允许
      const prompt = phone.page.locator('.pv-standin', { hasText: '发送订阅消息' });
      await prompt.locator('.pv-standin__button--primary').click();
      await phone.node(VISIT_APPROVAL, 'approval-decision').waitFor();
      // the 已通过 toast says it for a moment; the picture is of the page it leaves
      await phone.page.locator('.pv-bubble').waitFor({ state: 'detached', timeout: 5000 });
    },
  },
  {
    // at 12:00 the afternoon's pass is not valid yet: in words, no QR
    name: 'visitors--detail-not-yet',
    who: 'guard',
    page: () => `/${VISIT_DETAIL}?id=${encodeURIComponent(visitId)}`,
    act: (phone) => phone.node(VISIT_DETAIL, 'visit-row').first().waitFor(),
  },
  {
    name: 'visitors--detail-pass',
    who: 'guard',
    clock: '2026-11-24T14:30:00+08:00',
    page: () => `/${VISIT_DETAIL}?id=${encodeURIComponent(visitId)}`,
    act: async (phone) => {
      await phone.node(VISIT_DETAIL, 'visit-row').first().waitFor();
      await qrDrawn(phone);
    },
  },
  // ---- 房屋与住户, 限制出入设置, 申请入住 (X1, P10) ----
  {
    name: 'admin-houses--list',
    who: 'admin',
    page: `/${ADMIN_HOUSES}`,
    act: (phone) => phone.node(ADMIN_HOUSES, 'house-option').first().waitFor(),
  },
  {
    name: 'admin-houses--detail',
    who: 'admin',
    page: `/${ADMIN_HOUSES}`,
    act: async (phone) => {
      await phone.node(ADMIN_HOUSES, 'house-search').locator('input').fill('3-2-301');
      await phone.page.waitForTimeout(400);
      await phone.settled();
      await phone.tap(ADMIN_HOUSES, 'house-option');
      await phone.node(ADMIN_HOUSES, 'house-resident').first().waitFor();
    },
  },
  {
    name: 'admin-houses--import-errors',
    who: 'admin',
    page: `/${ADMIN_HOUSES}`,
    act: async (phone) => {
      await phone.tap(ADMIN_HOUSES, 'houses-mode--import');
      await phone
        .node(ADMIN_HOUSES, 'import-csv')
        .locator('textarea')
        .fill('building,unit,room,arrears\n7,1,101,否\n7,1,1 02,否\n7,,103,是\n7,1,101,否');
      await phone.tapButton(ADMIN_HOUSES, 'import-preview');
      await phone.node(ADMIN_HOUSES, 'import-problem').first().waitFor();
    },
  },
  {
    name: 'admin-houses--import-preview',
    who: 'admin',
    page: `/${ADMIN_HOUSES}`,
    act: async (phone) => {
      await phone.tap(ADMIN_HOUSES, 'houses-mode--import');
      await phone
        .node(ADMIN_HOUSES, 'import-csv')
        .locator('textarea')
        .fill('building,unit,room,arrears\n7,1,101,否\n7,1,102,是\n3,2,301,否');
      await phone.tapButton(ADMIN_HOUSES, 'import-preview');
      await phone.node(ADMIN_HOUSES, 'import-confirm').waitFor();
    },
  },
  {
    name: 'admin-restrictions--picking',
    who: 'admin',
    page: `/${ADMIN_RESTRICTIONS}`,
    act: async (phone) => {
      await phone.node(ADMIN_RESTRICTIONS, 'house-option').first().waitFor();
      await phone.node(ADMIN_RESTRICTIONS, 'house-option').nth(1).tap();
      await phone.node(ADMIN_RESTRICTIONS, 'house-option').nth(2).tap();
      await phone.tap(ADMIN_RESTRICTIONS, 'restriction-kind--own');
    },
  },
  {
    name: 'admin-restrictions--restricted',
    who: 'admin',
    page: `/${ADMIN_RESTRICTIONS}`,
    arrange: (app) => restrictResidentHouse(app, true),
    act: (phone) => phone.node(ADMIN_RESTRICTIONS, 'restricted-house').first().waitFor(),
    restore: (app) => restrictResidentHouse(app, false),
  },
  {
    name: 'residence-apply--form',
    who: APPLICANT,
    page: `/${APPLY_RESIDENCE}`,
    arrange: async (app) => {
      await called(
        callAs(app, 'site', { action: 'select', siteId: HX, requestId: randomUUID() }, APPLICANT),
        'site.select',
      );
    },
    act: async (phone) => {
      await phone.node(APPLY_RESIDENCE, 'residence-house-search').locator('input').fill('3-2-3');
      await phone.node(APPLY_RESIDENCE, 'house-choice').first().waitFor();
    },
  },
  {
    name: 'residence-apply--pending',
    who: APPLICANT,
    page: `/${APPLY_RESIDENCE}`,
    arrange: async (app) => {
      await called(
        callAs(app, 'site', { action: 'select', siteId: HX, requestId: randomUUID() }, APPLICANT),
        'site.select',
      );
      const answer = await callAs(
        app,
        'site',
        {
          action: 'applyResidence',
          siteId: HX,
          houseId: 'house-hx-3-2-302',
          name: '周杰',
          relation: 'tenant',
          requestId: randomUUID(),
        },
        APPLICANT,
      );
      if (!answer.ok && answer.code !== 'CONFLICT') throw new Error(`site.applyResidence: ${answer.message}`);
    },
    act: (phone) => phone.node(APPLY_RESIDENCE, 'application-state').waitFor(),
  },
  {
    name: 'admin-applications--pending',
    who: 'admin',
    page: `/${ADMIN_APPLICATIONS}`,
    act: async (phone) => {
      await phone.node(ADMIN_APPLICATIONS, 'application').first().waitFor();
      await phone.tapButton(ADMIN_APPLICATIONS, 'application-reject');
      await phone.node(ADMIN_APPLICATIONS, 'field-reason').waitFor();
    },
  },
  // ---- 出门条 (P9): 张伟 applies, 陈静 decides, 王强 releases ----
  {
    name: 'exits--mine-empty',
    who: 'resident2',
    page: `/${MY_SLIPS}`,
    act: (phone) => phone.node(MY_SLIPS, 'slips__state').filter({ hasText: '申请出门条' }).waitFor(),
  },
  {
    name: 'exits--apply-form',
    who: 'resident',
    page: `/${APPLY_SLIP}`,
    clock: DAYTIME,
    act: (phone) => phone.node(APPLY_SLIP, 'apply-submit').waitFor(),
  },
  {
    name: 'exits--apply-errors',
    who: 'resident',
    page: `/${APPLY_SLIP}`,
    clock: DAYTIME,
    act: async (phone) => {
      await phone.tapButton(APPLY_SLIP, 'apply-submit');
      await phone.node(APPLY_SLIP, 'apply__error').first().waitFor();
    },
  },
  {
    name: 'exits--apply-arrears',
    who: 'resident',
    page: `/${APPLY_SLIP}`,
    arrange: (app) => setResidentArrears(app, true),
    act: (phone) => phone.node(APPLY_SLIP, 'apply__refused').waitFor(),
    restore: (app) => setResidentArrears(app, false),
  },
  {
    name: 'exits--detail-pending',
    who: 'resident',
    page: () => `/${SLIP_DETAIL}?id=${slipId}`,
    clock: DAYTIME,
    arrange: async (app) => {
      await zhangWeisSlip(app);
    },
    act: (phone) => phone.node(SLIP_DETAIL, 'slip-hero__title').waitFor(),
  },
  {
    name: 'admin-exit-slips--pending',
    who: 'admin',
    page: `/${ADMIN_SLIPS}`,
    clock: DAYTIME,
    act: (phone) => phone.node(ADMIN_SLIPS, 'exit-slip').first().waitFor(),
  },
  {
    name: 'admin-exit-slips--rejecting',
    who: 'admin',
    page: `/${ADMIN_SLIPS}`,
    clock: DAYTIME,
    act: async (phone) => {
      await phone.node(ADMIN_SLIPS, 'exit-slip').first().waitFor();
      await phone.tapButton(ADMIN_SLIPS, 'slip-reject');
      await phone.node(ADMIN_SLIPS, 'field-reason').waitFor();
    },
  },
  {
    name: 'exits--detail-pass',
    who: 'resident',
    page: () => `/${SLIP_DETAIL}?id=${slipId}`,
    clock: DAYTIME,
    arrange: async (app) => {
      const id = await zhangWeisSlip(app);
      const decided = await callAs(
        app,
        'admin',
        { action: 'decideExitSlip', siteId: HX, slipId: id, approve: true, requestId: randomUUID() },
        DEMO_OPENIDS.admin,
      );
      if (!decided.ok && decided.code !== 'CONFLICT') throw new Error(`admin.decideExitSlip: ${decided.message}`);
    },
    act: (phone) => phone.node(SLIP_DETAIL, 'slip-hero__code').waitFor(),
  },
  {
    name: 'guard--exit-slip',
    who: 'guard',
    page: `/${GUARD}`,
    clock: DAYTIME,
    arrange: (app) => setHxRules(app, {}),
    act: async (phone, app) => {
      const id = await zhangWeisSlip(app);
      const { slip } = await called(
        callAs<{ slip: { pass?: { code: string } } }>(
          app,
          'pass',
          { action: 'exitSlip', slipId: id },
          DEMO_OPENIDS.resident,
        ),
        'pass.exitSlip',
      );
      await scanPass(phone, slip.pass?.code ?? '');
      await phone.node(GUARD, 'holder__row--slip').first().waitFor();
    },
  },
  {
    name: 'exits--mine-list',
    who: 'resident',
    page: `/${MY_SLIPS}`,
    clock: DAYTIME,
    act: (phone) => phone.node(MY_SLIPS, 'slip-item').first().waitFor(),
  },
  // ---- 通行证设置 in the back office (P2–P5, P7, P9), as 陈静 ----
  {
    // 物业管理 itself: the screens by area (every page's shot below is as a resident, who is refused)
    name: 'admin--home',
    who: 'admin',
    page: `/${BACK_OFFICE}`,
    act: (phone) => phone.node(BACK_OFFICE, 'back-office-entry').first().waitFor(),
  },
  {
    name: 'admin--resident-pass',
    who: 'admin',
    page: `/${RESIDENT_PASS}`,
    act: (phone) => phone.node(RESIDENT_PASS, 'save-button').waitFor(),
  },
  {
    // a problem at its field: -2 exits and a window that is not a time, refused before anything is sent
    name: 'admin--resident-pass-invalid',
    who: 'admin',
    page: `/${RESIDENT_PASS}`,
    act: async (phone) => {
      await phone.fill(RESIDENT_PASS, 'field-exits', '-2');
      await phone.fill(RESIDENT_PASS, 'window-start-0', '25:00');
      await phone.tapButton(RESIDENT_PASS, 'save-button');
      await phone.node(RESIDENT_PASS, 'window-error-0').waitFor();
      await phone.node(RESIDENT_PASS, 'field-exits').scrollIntoViewIfNeeded();
    },
  },
  {
    // saved: 门禁二维码, and the change with who and when at the foot of the page
    name: 'admin--resident-pass-saved',
    who: 'admin',
    page: `/${RESIDENT_PASS}`,
    act: async (phone) => {
      await phone.tap(RESIDENT_PASS, 'release-option--device');
      await phone.fill(RESIDENT_PASS, 'field-exits', '2');
      await phone.tapButton(RESIDENT_PASS, 'save-button');
      await phone.node(RESIDENT_PASS, 'recent-changes').getByText('周期内可出门次数').waitFor();
      await phone.page.locator('.pv-bubble').waitFor({ state: 'detached', timeout: 5000 });
      await phone.node(RESIDENT_PASS, 'recent-changes').scrollIntoViewIfNeeded();
    },
  },
  {
    name: 'admin--resident-pass-devices',
    who: 'admin',
    page: `/${RESIDENT_PASS}`,
    act: (phone) => phone.node(RESIDENT_PASS, 'device-form').scrollIntoViewIfNeeded(),
  },
  {
    // a device added: its id and secret, shown this once
    name: 'admin--resident-pass-secret',
    who: 'admin',
    page: `/${RESIDENT_PASS}`,
    act: async (phone) => {
      await phone.fill(RESIDENT_PASS, 'field-device-name', '西门闸机');
      await phone.fill(RESIDENT_PASS, 'field-device-gate', '西门');
      await phone.tapButton(RESIDENT_PASS, 'add-device');
      await phone.node(RESIDENT_PASS, 'secret-value').waitFor();
    },
  },
  {
    name: 'admin--visitor-pass',
    who: 'admin',
    page: `/${VISITOR_PASS}`,
    act: (phone) => phone.node(VISITOR_PASS, 'save-button').waitFor(),
  },
  {
    name: 'admin--visitor-pass-bottom',
    who: 'admin',
    page: `/${VISITOR_PASS}`,
    act: (phone) => phone.node(VISITOR_PASS, 'recent-changes').scrollIntoViewIfNeeded(),
  },
  {
    name: 'admin--exit-slip',
    who: 'admin',
    page: `/${EXIT_SLIP}`,
    act: (phone) => phone.node(EXIT_SLIP, 'save-button').waitFor(),
  },
  {
    name: 'admin--exit-slip-saved',
    who: 'admin',
    page: `/${EXIT_SLIP}`,
    act: async (phone) => {
      await phone.tap(EXIT_SLIP, 'toggle-arrears');
      await phone.tapButton(EXIT_SLIP, 'save-button');
      await phone.node(EXIT_SLIP, 'recent-changes').getByText('欠费住户申请出门条').waitFor();
      await phone.page.locator('.pv-bubble').waitFor({ state: 'detached', timeout: 5000 });
      await phone.node(EXIT_SLIP, 'recent-changes').scrollIntoViewIfNeeded();
    },
  },

  // ---- 人员权限 (X2) and 有效通行证 (X4): 陈静, 海信慧园's administrator; 王强 accepts an invitation code ----
  {
    name: 'admin-staff--list',
    who: 'admin',
    page: `/${ADMIN_STAFF}`,
    act: (phone) => phone.node(ADMIN_STAFF, 'staff-member--admin').first().waitFor(),
  },
  {
    name: 'admin-staff--granted',
    who: 'admin',
    page: `/${ADMIN_STAFF}`,
    act: async (phone) => {
      await phone.fill(ADMIN_STAFF, 'staff-phone', '13912340001');
      await phone.tapButton(ADMIN_STAFF, 'staff-grant');
      await phone.node(ADMIN_STAFF, 'staff-member--guard').filter({ hasText: '张伟' }).waitFor();
      await phone.page.locator('.pv-bubble').waitFor({ state: 'detached', timeout: 5000 });
    },
    restore: (app) => revokeStaff(app, '张伟'),
  },
  {
    name: 'admin-staff--last-admin',
    who: 'admin',
    page: `/${ADMIN_STAFF}`,
    act: async (phone) => {
      await phone.tap(ADMIN_STAFF, 'staff-member--admin');
      await phone.answerModal('撤销');
      await phone.node(ADMIN_STAFF, 'staff-refusal').waitFor();
    },
  },
  {
    name: 'admin-staff--invitation-code',
    who: 'admin',
    page: `/${ADMIN_STAFF}`,
    act: async (phone) => {
      await phone.tapButton(ADMIN_STAFF, 'staff-invite');
      await phone.node(ADMIN_STAFF, 'invitation-new__code').waitFor();
      await phone.node(ADMIN_STAFF, 'staff-invitation').first().waitFor();
      await phone.node(ADMIN_STAFF, 'invitation-new').scrollIntoViewIfNeeded();
    },
  },
  {
    name: 'invitation--accept',
    who: 'guard',
    page: `/${ACCEPT_INVITATION}`,
    act: (phone) => phone.node(ACCEPT_INVITATION, 'accept-code').waitFor(),
  },
  {
    name: 'invitation--accepted',
    who: 'guard',
    page: `/${ACCEPT_INVITATION}`,
    act: async (phone, app) => {
      const { code } = await called(
        callAs<{ code: string }>(
          app,
          'admin',
          { action: 'createInvitation', siteId: HX, role: 'admin', requestId: randomUUID() },
          DEMO_OPENIDS.admin,
        ),
        'admin.createInvitation',
      );
      await phone.fill(ACCEPT_INVITATION, 'accept-code', code);
      await phone.tapButton(ACCEPT_INVITATION, 'accept-submit');
      await phone.node(ACCEPT_INVITATION, 'accept__done').waitFor();
    },
    restore: (app) => revokeStaff(app, '王强', 'admin'),
  },
  {
    name: 'admin-passes--residents',
    who: 'admin',
    page: `/${ADMIN_PASSES}`,
    act: (phone) => phone.node(ADMIN_PASSES, 'pass-item').first().waitFor(),
  },
  {
    name: 'admin-passes--revoke-asked',
    who: 'admin',
    page: `/${ADMIN_PASSES}`,
    instant: true,
    act: async (phone) => {
      await phone.node(ADMIN_PASSES, 'pass-item').filter({ hasText: '张伟' }).tap();
      await phone.page.locator('.pv-modal').waitFor();
    },
  },
  {
    name: 'admin-passes--revoked',
    who: 'admin',
    page: `/${ADMIN_PASSES}`,
    act: async (phone) => {
      await phone.node(ADMIN_PASSES, 'pass-item').filter({ hasText: '张伟' }).tap();
      await phone.answerModal('收回');
      await phone.node(ADMIN_PASSES, 'pass-item--revoked').waitFor();
      await phone.page.locator('.pv-bubble').waitFor({ state: 'detached', timeout: 5000 });
    },
    restore: async (app) => {
      await called(
        callAs(
          app,
          'admin',
          { action: 'restorePass', siteId: HX, id: ZHANG_WEI_RESIDENT, requestId: randomUUID() },
          DEMO_OPENIDS.admin,
        ),
        'admin.restorePass',
      );
    },
  },
  {
    name: 'admin-passes--visitors',
    who: 'admin',
    page: `/${ADMIN_PASSES}`,
    // 张伟 invites 孙丽 for this afternoon: an approved visitor pass at once (residents may invite at 海信慧园)
    arrange: async (app) => {
      await called(
        callAs(
          app,
          'visitor',
          {
            action: 'invite',
            requestId: randomUUID(),
            siteId: HX,
            visitorName: '孙丽',
            visitorPhone: '13800138001',
            purpose: '探亲访友',
            startsAt: '2026-11-24T15:00:00+08:00',
            endsAt: '2026-11-24T18:00:00+08:00',
            idNumber: '11010519491231002X',
            consentEdition: LEGAL_EDITION,
          },
          DEMO_OPENIDS.resident,
        ),
        'visitor.invite',
      );
    },
    act: async (phone) => {
      await phone.tap(ADMIN_PASSES, 'passes-kind--visitor');
      await phone.page
        .locator(`${pageClass(ADMIN_PASSES, 'pass-item--visitor')}, ${pageClass(ADMIN_PASSES, 'passes__state--empty')}`)
        .first()
        .waitFor();
    },
  },
  // ---- 出入记录 (P12) and 数据保存期限 (X7): 陈静 reads 海信慧园's records and sets how long they are kept ----
  {
    // before the records below are made: nothing at 海信慧园 today
    name: 'admin-records--empty',
    who: 'admin',
    page: `/${ADMIN_RECORDS}`,
    act: async (phone) => {
      await phone.tap(ADMIN_RECORDS, 'range-today');
      await phone.node(ADMIN_RECORDS, 'records__state--empty').waitFor();
    },
  },
  {
    name: 'admin-records--today',
    who: 'admin',
    page: `/${ADMIN_RECORDS}`,
    clock: TODAY_MIDDAY,
    arrange: releaseAndRefuseToday,
    act: (phone) => phone.node(ADMIN_RECORDS, 'record--refused').first().waitFor(),
  },
  {
    name: 'admin-records--refused',
    who: 'admin',
    page: `/${ADMIN_RECORDS}`,
    act: async (phone) => {
      await phone.tap(ADMIN_RECORDS, 'result-refused');
      await waitFor(
        async () => (await phone.node(ADMIN_RECORDS, 'record--ok').count()) === 0,
        '出入记录: only refusals',
      );
      await phone.node(ADMIN_RECORDS, 'record--refused').first().waitFor();
    },
  },
  {
    name: 'admin-records--export',
    who: 'admin',
    page: `/${ADMIN_RECORDS}`,
    clock: TODAY_MIDDAY,
    arrange: releaseAndRefuseToday,
    act: async (phone) => {
      await phone.node(ADMIN_RECORDS, 'record').first().waitFor();
      await phone.tapButton(ADMIN_RECORDS, 'records-export');
      await phone.page.locator('.pv-modal').waitFor();
    },
  },
  {
    name: 'observer-records',
    who: 'observer',
    page: `/${ADMIN_RECORDS}`,
    clock: TODAY_MIDDAY,
    // on its own (npm run screenshots -- observer) the day has no records yet: 王强's release and refusal again
    arrange: releaseAndRefuseToday,
    act: async (phone) => {
      await phone.node(ADMIN_RECORDS, 'records-observer').waitFor();
      await phone.node(ADMIN_RECORDS, 'record').first().waitFor();
    },
  },
  {
    name: 'mine--observer',
    who: 'observer',
    page: `/${MINE}`,
    act: (phone) => phone.node(MINE, 'entry-records').waitFor(),
  },
  {
    name: 'admin-observers--list',
    who: 'admin',
    page: `/${ADMIN_OBSERVERS}`,
    act: (phone) => phone.node(ADMIN_OBSERVERS, 'observer').first().waitFor(),
  },
  {
    name: 'admin-observers--invalid',
    who: 'admin',
    page: `/${ADMIN_OBSERVERS}`,
    act: async (phone) => {
      await phone.fill(ADMIN_OBSERVERS, 'observer-phone', '1391234');
      await phone.tapButton(ADMIN_OBSERVERS, 'observer-add');
      await phone.node(ADMIN_OBSERVERS, 'observer-phone').getByText('请输入11位手机号').waitFor();
      await phone.node(ADMIN_OBSERVERS, 'observers-form').scrollIntoViewIfNeeded();
    },
  },
  {
    name: 'admin-observers--invitation-code',
    who: 'admin',
    page: `/${ADMIN_OBSERVERS}`,
    act: async (phone) => {
      await phone.fill(ADMIN_OBSERVERS, 'observer-name', '李娜');
      await phone.fill(ADMIN_OBSERVERS, 'observer-phone', '13912340003');
      await phone.fill(ADMIN_OBSERVERS, 'observer-organisation', '派出所');
      await phone.tap(ADMIN_OBSERVERS, 'observer-term--3');
      await phone.tapButton(ADMIN_OBSERVERS, 'observer-add');
      await phone.node(ADMIN_OBSERVERS, 'invitation-new__code').waitFor();
      await phone.node(ADMIN_OBSERVERS, 'observer--pending').first().waitFor();
      await phone.node(ADMIN_OBSERVERS, 'invitation-new').scrollIntoViewIfNeeded();
    },
  },
  {
    name: 'admin-audit-log',
    who: 'admin',
    page: `/${ADMIN_AUDIT_LOG}`,
    // 刘洋 reads the refusals at 东门 and exports the week
    arrange: async (app) => {
      const asObserver = (params: object) => callAs(app, 'admin', { siteId: HX, ...params }, DEMO_OPENIDS.observer);
      await asObserver({ action: 'records', gate: '东门', result: 'refused', page: 1 });
      await asObserver({ action: 'exportRecords', requestId: randomUUID() });
    },
    act: (phone) => phone.node(ADMIN_AUDIT_LOG, 'audit-entry').first().waitFor(),
  },
  {
    name: 'admin-retention',
    who: 'admin',
    page: `/${ADMIN_RETENTION}`,
    act: (phone) => phone.node(ADMIN_RETENTION, 'save-button').waitFor(),
  },
  {
    name: 'admin-retention--too-short',
    who: 'admin',
    page: `/${ADMIN_RETENTION}`,
    act: async (phone) => {
      await phone.fill(ADMIN_RETENTION, 'field-records', '10');
      await phone.fill(ADMIN_RETENTION, 'field-visitors', '0');
      await phone.tapButton(ADMIN_RETENTION, 'save-button');
      await phone.node(ADMIN_RETENTION, 'field-records').getByText('出入记录保存天数应在30到3650之间').waitFor();
      await phone.node(ADMIN_RETENTION, 'field-visitors').getByText('访客资料保存天数应在1到180之间').waitFor();
    },
  },
  {
    name: 'admin-retention--saved',
    who: 'admin',
    page: `/${ADMIN_RETENTION}`,
    act: async (phone) => {
      await phone.fill(ADMIN_RETENTION, 'field-records', '90');
      await phone.fill(ADMIN_RETENTION, 'field-visitors', '14');
      await phone.tapButton(ADMIN_RETENTION, 'save-button');
      await phone.node(ADMIN_RETENTION, 'recent-changes').getByText('陈静').first().waitFor();
      await phone.page.locator('.pv-bubble').waitFor({ state: 'detached', timeout: 5000 });
      await phone.node(ADMIN_RETENTION, 'recent-changes').scrollIntoViewIfNeeded();
    },
  },
  {
    name: 'admin--special-orgs',
    who: 'admin',
    page: `/${SPECIAL_ORGS}`,
    act: (phone) => phone.node(SPECIAL_ORGS, 'special-org').first().waitFor(),
  },
  {
    name: 'admin--special-members',
    who: 'admin',
    page: `/${SPECIAL_MEMBERS}`,
    act: (phone) => phone.node(SPECIAL_MEMBERS, 'special-member').first().waitFor(),
  },
  {
    name: 'admin--special-members-form',
    who: 'admin',
    page: `/${SPECIAL_MEMBERS}`,
    act: async (phone) => {
      await phone.tapButton(SPECIAL_MEMBERS, 'special-members__add');
      await phone.node(SPECIAL_MEMBERS, 'special-member-form').scrollIntoViewIfNeeded();
    },
  },
  {
    // a member added: the invitation code, shown this once
    name: 'admin--special-members-code',
    who: 'admin',
    page: `/${SPECIAL_MEMBERS}`,
    act: async (phone) => {
      await phone.tapButton(SPECIAL_MEMBERS, 'special-members__add');
      await phone.fill(SPECIAL_MEMBERS, 'special-field--name', '钱多多');
      await phone.fill(SPECIAL_MEMBERS, 'special-field--phone', '13700002222');
      await phone.fill(SPECIAL_MEMBERS, 'special-field--to', '2027-06-30');
      await phone.tapButton(SPECIAL_MEMBERS, 'special-member-form__save');
      await phone.node(SPECIAL_MEMBERS, 'special-code__code').waitFor();
      await phone.node(SPECIAL_MEMBERS, 'special-code').scrollIntoViewIfNeeded();
    },
  },
  {
    name: 'admin--special-member-actions',
    who: 'admin',
    page: `/${SPECIAL_MEMBERS}`,
    act: async (phone) => {
      await phone.tap(SPECIAL_MEMBERS, 'special-member');
      await phone.node(SPECIAL_MEMBERS, 'special-member-actions').scrollIntoViewIfNeeded();
    },
  },
  {
    name: 'special--bind',
    who: COURIER,
    page: `/${SPECIAL_PASS}`,
    act: (phone) => phone.node(SPECIAL_PASS, 'special-bind-submit').waitFor(),
  },
  {
    // 赵磊 bound with a fresh code: his pass for 海信慧园
    name: 'special--pass',
    who: COURIER,
    page: `/${SPECIAL_PASS}`,
    arrange: (app) => bindCourier(app),
    act: async (phone) => {
      await phone.qrCode(SPECIAL_PASS, 'special-card__code');
    },
  },
  {
    // the same courier on home at 海信慧园, which his organisation serves: his pass where a resident's would be
    name: 'home--special-pass',
    who: COURIER,
    arrange: async (app) => {
      await bindCourier(app);
      await called(
        callAs(app, 'site', { action: 'select', siteId: HX, requestId: randomUUID() }, COURIER),
        'site.select',
      );
    },
    act: async (phone) => {
      await phone.qrCode(HOME, 'pass-card__code');
    },
  },
  {
    // disabled by the property: the page says why instead of a code
    name: 'special--refused',
    who: COURIER,
    page: `/${SPECIAL_PASS}`,
    arrange: async (app) => {
      await called(
        callAs(
          app,
          'admin',
          {
            action: 'setSpecialMemberStatus',
            siteId: HX,
            memberId: 'special-zhaolei',
            status: 'disabled',
            requestId: randomUUID(),
          },
          DEMO_OPENIDS.admin,
        ),
        'admin.setSpecialMemberStatus',
      );
    },
    act: (phone) => phone.node(SPECIAL_PASS, 'special-refused').waitFor(),
  },
];

/** Takes back the staff `role` the demo person `name` was given by a shot, through 陈静's own actions. */
async function revokeStaff(app: RunningApp, name: string, role: 'admin' | 'guard' = 'guard'): Promise<void> {
  const staff = await called(
    callAs<{ members: Array<{ id: string; name: string; role: string }> }>(
      app,
      'admin',
      { action: 'staff', siteId: HX },
      DEMO_OPENIDS.admin,
    ),
    'admin.staff',
  );
  for (const member of staff.members.filter((m) => m.name === name && m.role === role)) {
    await called(
      callAs(
        app,
        'admin',
        { action: 'revokeRole', siteId: HX, membershipId: member.id, requestId: randomUUID() },
        DEMO_OPENIDS.admin,
      ),
      'admin.revokeRole',
    );
  }
}

interface DemoCard {
  siteId: string;
  type: 'member' | 'stored' | 'access';
  number: string;
  phone: string;
}

/** Demo cards of the card systems (demo/data.ts), bound to 李娜 before 我的卡 opens; newest last. */
const LINA_CARDS: DemoCard[] = [
  { siteId: HX, type: 'access', number: 'HX3001', phone: '13912340002' },
  { siteId: HX, type: 'member', number: 'HX1001', phone: '13912340001' },
  { siteId: 'site-hongjin-ge', type: 'stored', number: 'HJ6601', phone: '13912340003' },
];

/** 赵磊 binds his WeChat with a fresh invitation code, unless an earlier shot has bound him already. */
async function bindCourier(app: RunningApp): Promise<void> {
  const pass = await callAs(app, 'pass', { action: 'specialPass', siteId: HX }, COURIER);
  if (pass.ok) return;
  const made = await called(
    callAs<{ code: string }>(
      app,
      'admin',
      { action: 'renewSpecialInvitation', siteId: HX, memberId: 'special-zhaolei', requestId: randomUUID() },
      DEMO_OPENIDS.admin,
    ),
    'admin.renewSpecialInvitation',
  );
  await called(
    callAs(app, 'pass', { action: 'bindSpecialMember', code: made.code, requestId: randomUUID() }, COURIER),
    'pass.bindSpecialMember',
  );
}

async function called<T>(answer: Promise<Envelope<T>>, what: string): Promise<T> {
  const envelope = await answer;
  if (!envelope.ok) throw new Error(`${what}: ${envelope.code} ${envelope.message}`);
  return envelope.data;
}

/** Calls a function through the dev gateway as `openid`, as the phone's `wx.cloud.callFunction` does. */
async function callAs<T>(app: RunningApp, fn: string, event: object, openid: string): Promise<Envelope<T>> {
  const response = await fetch(`${app.lc.url}/fn/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-wx-openid': openid },
    body: JSON.stringify(event),
  });
  return (await response.json()) as Envelope<T>;
}

/** The SMS localcloud's stand-in of the Tencent Cloud SMS API "sent" to `phone`, oldest first. */
function smsTo(app: RunningApp, phone: string): string[][] {
  return app.lc.outbox
    .list({ kind: 'sms', recipient: phone })
    .map((sms) => (sms.payload as { params: string[] }).params);
}

/** The code in the SMS to `phone` after the first `before` of them. */
async function smsCode(app: RunningApp, phone: string, before: number): Promise<string> {
  await waitFor(async () => smsTo(app, phone).length > before, `an SMS to ${phone}`);
  return smsTo(app, phone)[before][0];
}

/** Binds a card through the function as its holder does on the form: SMS code to the card's phone, then bind. */
async function bindCard(app: RunningApp, openid: string, card: DemoCard): Promise<void> {
  const identity = { siteId: card.siteId, type: card.type, number: card.number, phone: card.phone };
  const sent = smsTo(app, card.phone).length;
  await called(callAs(app, 'card', { action: 'sendCode', requestId: randomUUID(), ...identity }, openid), 'sendCode');
  const code = await smsCode(app, card.phone, sent);
  await called(callAs(app, 'card', { action: 'bind', requestId: randomUUID(), ...identity, code }, openid), 'bind');
  // a minute later: the phone may get a code again (one a minute), and the next card is bound after this one
  await clock(app, { advanceMs: 61_000 });
}

/** A fresh code of 张伟's pass, the one his home shows now. */
async function residentCode(app: RunningApp): Promise<string> {
  const pass = called<{ code: string }>(
    callAs(app, 'pass', { action: 'residentPass' }, DEMO_OPENIDS.resident),
    'pass.residentPass',
  );
  return (await pass).code;
}

/** 海信慧园's pass rules as the demo has them, with `changes` (as its administrator sets them); {} restores them. */
/** 张伟's house barred from going out (限制出入), or free again. */
async function setResidentArrears(app: RunningApp, arrears: boolean): Promise<void> {
  await app.lc.db.modify(
    'houses',
    { _id: 'house-hx-3-2-301' },
    { $set: { arrears } },
    { multi: false, merge: true, upsert: false },
  );
}

/** 张伟's 出门条 for DAYTIME's day (goods, plate, remark): made by the first shot that needs it. */
async function zhangWeisSlip(app: RunningApp): Promise<string> {
  if (slipId) return slipId;
  const { slip } = await called(
    callAs<{ slip: { id: string } }>(
      app,
      'pass',
      {
        action: 'applyExitSlip',
        siteId: HX,
        date: DAYTIME.slice(0, 10),
        goods: '双人床一张、衣柜一个、纸箱8个',
        plate: '鲁B12345',
        remark: '下午两点搬家公司上门',
        requestId: randomUUID(),
      },
      DEMO_OPENIDS.resident,
    ),
    'pass.applyExitSlip',
  );
  slipId = slip.id;
  return slipId;
}

async function restrictResidentHouse(app: RunningApp, banned: boolean): Promise<void> {
  await app.lc.db.modify(
    'houses',
    { _id: 'house-hx-3-2-301' },
    banned ? { $set: { restriction: { kind: 'banned' } } } : { $unset: { restriction: '' } },
    { multi: false, merge: true, upsert: false },
  );
}

async function setHxRules(app: RunningApp, changes: Partial<ResidentPassSettings>): Promise<void> {
  const db = app.lc.db;
  const [site] = db.find('sites', { _id: HX }, {});
  const demo = (demoRules ??= site.residentPass as ResidentPassSettings);
  await db.modify(
    'sites',
    { _id: HX },
    { $set: { residentPass: { ...demo, ...changes } } },
    { multi: false, merge: true, upsert: false },
  );
}
let demoRules: ResidentPassSettings | undefined;

/** The guard, standing at 东门, scans `code`: the camera's stand-in in the preview takes it pasted. */
async function scanPass(phone: PreviewPhone, code: string): Promise<void> {
  await phone.node(GUARD, 'gate-option').filter({ hasText: '东门' }).first().tap();
  await phone.tapButton(GUARD, 'scan-button');
  const dialog = phone.page.locator('.pv-standin');
  await dialog.locator('.pv-standin__input').fill(code);
  await dialog.locator('.pv-standin__button--primary').click();
  await phone.node(GUARD, 'holder').or(phone.node(GUARD, 'outcome')).waitFor();
  await phone.settled();
}

/** Waits until the pass QR on home is drawn: its canvas has dark pixels. */
async function qrDrawn(phone: PreviewPhone): Promise<void> {
  await phone.page.waitForFunction(`(() => {
    const canvas = document.querySelector('.pv-page:not([hidden]) canvas');
    const context = canvas && canvas.width > 0 ? canvas.getContext('2d') : null;
    if (!context) return false;
    const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
    for (let i = 0; i < pixels.length; i += 4) if (pixels[i + 3] > 0 && pixels[i] < 128) return true;
    return false;
  })()`);
}

async function search(phone: PreviewPhone, keyword: string): Promise<void> {
  await phone.node(SITES, 'site-search').locator('input').fill(keyword);
  await phone.page.waitForTimeout(400);
  await phone.settled();
}

async function faults(app: RunningApp, body: object): Promise<void> {
  await fetch(`${app.lc.url}/_dev/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

async function clock(app: RunningApp, body: object): Promise<void> {
  const response = await fetch(`${app.lc.url}/_dev/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`/_dev/clock answered ${response.status}: ${await response.text()}`);
}

async function take(context: BrowserContext, app: RunningApp, shot: Shot): Promise<string> {
  const offsetMs = app.lc.clock.offsetMs();
  if (shot.clock) await clock(app, { at: shot.clock });
  await shot.arrange?.(app);
  const failing = shot.name.endsWith('--error');
  // set here, not cleared at the end: a function's last lines may trail its answer into the next shot's setup
  deliberateFault = failing ? shot.name : undefined;
  if (failing) {
    console.log(
      `deliberate fault: ${shot.name}: every database call fails, so the functions log errors ` +
        `(expected; their output is in ${path.relative(process.cwd(), FAULT_LOG)})`,
    );
    await faults(app, { mode: 'fail', count: 1000 });
  }
  const page = typeof shot.page === 'function' ? shot.page() : shot.page;
  const phone = await openPhone(context, app, shot.who, page, (message) => {
    throw new Error(`${shot.name}: the page threw ${message}`);
  });
  try {
    await phone.page.waitForFunction('window.__preview.routes.length > 0');
    if (!shot.unsettled) await phone.settled();
    await shot.act?.(phone, app);
    // TDesign's icons are images: let them arrive before the picture
    if (!shot.instant) await phone.page.waitForLoadState('networkidle');
    const file = path.join(OUT, `${shot.name}.png`);
    await phone.page.locator('.pv-phone').screenshot({ path: file, animations: 'disabled' });
    return file;
  } finally {
    await phone.page.close();
    await faults(app, { clear: true });
    await shot.restore?.(app);
    if (shot.clock) await clock(app, { offsetMs });
  }
}

/** `npm run screenshots -- <part of a name> …` takes only the shots whose names contain one of the parts */
const ONLY = process.argv.slice(2);

async function main(): Promise<void> {
  // a partial run keeps the other pictures
  if (ONLY.length === 0) rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tongxing-screenshots-'));
  const app = await startApp({ localcloud: { port: 0, dataDir, onFunctionLog: functionLog } });
  const browser = await launchChromium();
  try {
    await clock(app, { at: DAYTIME });
    const context = await previewContext(browser);
    // no jest timeout to stay inside here, and on a busy machine the preview's first load of a page takes a while
    context.setDefaultNavigationTimeout(60_000);
    const { manifest } = await app.preview.ready();
    const named = new Set([HOME, SITES]);
    const everyPage: Shot[] = manifest.pages
      .filter((route) => !named.has(route))
      .map((route) => ({ name: pageTagName(route).replace(/^page-/, ''), who: 'resident', page: `/${route}` }));
    const shots = [...NAMED, ...everyPage].filter(
      (shot) => ONLY.length === 0 || ONLY.some((part) => shot.name.includes(part)),
    );
    for (const shot of shots) {
      const file = await take(context, app, shot);
      console.log(`screenshots: ${path.relative(process.cwd(), file)}`);
    }
  } finally {
    await browser.close();
    await app.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error('screenshots failed:', error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
