/**
 * 访客预约 through the pages (R13–R18, P7): the entries from home and 我的, the booking form (validation on screen
 * before any call, the subscription asked at 提交), the booking's detail, and the states a page without a booking
 * or without the right to see it shows. Every call goes to the real `visitor` function on localcloud: the tests
 * that book or read a booking need the function (the visitors-server branch). Where the site takes faces in the app,
 * 登记人脸 opens the front camera and the booking carries the photo.
 */
import { parseShanghai } from '../../miniprogram/core/visit-time';
import { SUBSCRIPTION_TEMPLATES } from '../../miniprogram/config/subscriptions';
import { setVisitorSettings } from '../support/visitors';
import { usePageTests } from './support/app';
import { agree, agreed, canSubmit, fill, notice, submit, tip } from './support/account';
import { pngPicture, storedBytes } from './support/pictures';
import { waitUntil } from './support/wait';
import {
  VISIT_PAGES,
  bookDirectly,
  choiceTip,
  fillBooking,
  openedForm,
  pickTime,
  settingsOf,
  shownVisits,
  tomorrowsVisit,
  visitRows,
  wallClockIn,
} from './support/visitors';

const app = usePageTests();
const GUARD = 'demo-guard-wangqiang';

const visitorCalls = (calls: Array<{ name: string; data: Record<string, unknown> }>, action: string) =>
  calls.filter((call) => call.name === 'visitor' && call.data.action === action);

test('home offers 访客预约, which opens the booking form', async () => {
  const mp = await app.launch('pages/home/index', 'resident');
  await waitUntil(() => mp.currentPage.has('.entry-visitors'), 'the 访客预约 entry');
  mp.currentPage.tap('.entry-visitors', '.t-cell');
  await mp.waitForPage(VISIT_PAGES.book);
  expect(mp.routes).toEqual(['pages/home/index', VISIT_PAGES.book]);
});

test('the detail and the approval page opened without a booking say so, and ask the function nothing', async () => {
  for (const route of [VISIT_PAGES.detail, VISIT_PAGES.approval]) {
    const mp = await app.launch(route, 'resident');
    await waitUntil(() => mp.currentPage.has('.visit-state__action'), 'the explanation');
    expect(mp.currentPage.text()).toContain('没有指定要查看的预约');
    expect(visitorCalls(mp.phone.calls.callFunction, 'detail')).toEqual([]);
    mp.exit();
  }
});

test('when the site cannot be read, the form says so with 重试, and 重试 asks again', async () => {
  await app.injectFaults({ mode: 'fail', count: 1000 });
  const mp = await app.launch(VISIT_PAGES.book, 'guard');
  const form = await openedForm(mp);
  expect(form.has('.retry')).toBe(true);
  expect(form.has('.field-visitorName')).toBe(false);
  const asked = mp.phone.calls.callFunction.length;
  await app.clearFaults();
  form.tap('.retry', '.t-button');
  await waitUntil(() => mp.phone.calls.callFunction.length > asked, 'the form to ask again');
});

test('the booking form shows each problem under its field, and sends nothing until they are fixed', async () => {
  const mp = await app.launch(VISIT_PAGES.book, 'guard');
  const form = await openedForm(mp);
  expect(form.text('.site-name')).toBe('海信慧园');

  // 提交 on an empty form: every problem shows, nothing is sent
  submit(form);
  await waitUntil(() => tip(form, 'visitorName'), 'the problems');
  expect(tip(form, 'hostName')).toBe('请填写受访人姓名');
  expect(tip(form, 'purpose')).toBe('请填写来访目的');
  expect(notice(form)).toBe('请按提示修改标红的内容');
  // the window starts filled in: from the next half hour, two hours long (the site allows 24)
  const start = parseShanghai(form.text('.starts-at'));
  const end = parseShanghai(form.text('.ends-at'));
  expect(start && start.getTime() % 1_800_000).toBe(0);
  expect(start!.getTime() - Date.now()).toBeGreaterThanOrEqual(0);
  expect(start!.getTime() - Date.now()).toBeLessThanOrEqual(1_800_000);
  expect(end!.getTime() - start!.getTime()).toBe(2 * 3_600_000);
  expect(choiceTip(form, 'startsAt')).toBe('');

  // 来访目的: Chinese only
  await fill(form, 'purpose', '探亲123');
  expect(tip(form, 'purpose')).toBe('来访目的只能填写汉字，不能包含数字、字母、符号或空格');
  await fill(form, 'purpose', 'visit');
  expect(tip(form, 'purpose')).toBe('来访目的只能填写汉字，不能包含数字、字母、符号或空格');
  await fill(form, 'purpose', '探亲访友');
  expect(tip(form, 'purpose')).toBe('');

  // the window: the end after the start
  await pickTime(form, 'startsAt', wallClockIn(1, 16));
  await pickTime(form, 'endsAt', wallClockIn(1, 14));
  expect(choiceTip(form, 'endsAt')).toBe('结束时间应晚于开始时间');

  submit(form);
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(visitorCalls(mp.phone.calls.callFunction, 'book')).toEqual([]);
  expect(mp.phone.calls.requestSubscribeMessage).toEqual([]);
});

test('a visitor books: WeChat is asked for the decision’s subscription at 提交, then the booking’s detail', async () => {
  const mp = await app.launch(VISIT_PAGES.book, 'guard');
  const form = await openedForm(mp);
  const settings = await settingsOf(app.cloud, GUARD);
  await fillBooking(form, tomorrowsVisit());
  if (settings.face === 'optional') form.tap('.face-skip', '.t-button');
  expect(canSubmit(form)).toBe(true);
  submit(form);

  const detail = await mp.waitForPage(VISIT_PAGES.detail);
  expect(mp.phone.calls.requestSubscribeMessage).toEqual([
    [SUBSCRIPTION_TEMPLATES.visitApproved, SUBSCRIPTION_TEMPLATES.visitRejected],
  ]);
  await waitUntil(() => detail.has('.visit-row'), 'the booking');
  expect(detail.text('.visit-hero__title')).toBe('等待审核');
  expect(visitRows(detail)).toMatchObject({
    受访人姓名: '张伟',
    来访人姓名: '赵六',
    所属场区: '海信慧园',
    审核状态: '待审核',
    来访目的: '探亲访友',
  });
  // no QR before approval
  expect(detail.has('#visit-pass-qr')).toBe(false);
});

test('where the site takes faces in the app, 登记人脸 opens the front camera and the booking carries that photo', async () => {
  await setVisitorSettings(app.cloud, { face: 'required', faceCapture: 'app' });
  const mp = await app.launch(VISIT_PAGES.book, 'guard');
  const form = await openedForm(mp);
  await fillBooking(form, tomorrowsVisit());
  if (!agreed(form)) await agree(form);
  const face = pngPicture([220, 180, 150]);
  mp.phone.camera.next = face;
  form.tap('.face-register', '.t-button');
  await waitUntil(() => form.has('.face-uploaded'), 'the face photo');
  expect(mp.phone.calls.chooseMedia).toEqual([{ sourceType: ['camera'], camera: 'front' }]);
  expect(mp.phone.calls.uploadFile[0]).toMatch(new RegExp(`^visitors/faces/${GUARD}/[\\w-]+\\.png$`));
  submit(form);
  await mp.waitForPage(VISIT_PAGES.detail);
  const [visit] = app.cloud.lc.db.find('visits', {});
  expect(storedBytes(app.cloud.lc, String(visit.faceFileId)).equals(face.bytes)).toBe(true);
});

test('我的预约 lists my bookings with their status and window in words; none yet offers 去预约', async () => {
  const empty = await app.launch(VISIT_PAGES.mine, 'guard');
  await waitUntil(() => empty.currentPage.has('.visits__empty'), 'the empty state');
  empty.currentPage.tap('.book', '.t-button');
  await empty.waitForPage(VISIT_PAGES.book);
  empty.exit();

  await bookDirectly(app.cloud, GUARD);
  const mp = await app.launch(VISIT_PAGES.mine, 'guard');
  const rows = await shownVisits(mp.currentPage);
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatch(/^待审核刚刚来访人 赵六 · 受访人 张伟明天 14:00–16:00 · 海信慧园$/);
});

test('the invitation form follows the site: offered where residents may invite, otherwise booking instead', async () => {
  const settings = await settingsOf(app.cloud, 'demo-resident-zhangwei');
  const mp = await app.launch(VISIT_PAGES.invite, 'resident');
  const form = await openedForm(mp, VISIT_PAGES.invite);
  const shown = {
    form: form.has('.field-visitorName'),
    host: form.has('.field-hostName'),
    bookInstead: form.has('.not-invitable'),
  };
  expect(shown).toEqual(
    settings.residentsMayInvite
      ? { form: true, host: false, bookInstead: false }
      : { form: false, host: false, bookInstead: true },
  );
});
