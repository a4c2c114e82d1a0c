/**
 * 申请入住 (X1) as people walk it: a newcomer at 海信慧园 taps 申请入住 on the door screen, picks 3栋2单元302, gives a
 * name and 租客, and waits; 陈静 approves in 入住申请; the newcomer's door screen then shows a pass. A rejection's
 * reason reaches the applicant.
 */
import { HX } from '../support/fixtures';
import { PAGES } from '../support/pages';
import { useDaytimeServerClock } from './support/phone-clock';
import { fill } from './support/account';
import { usePageTests } from './support/app';
import type { MiniProgram } from './support/mini-program';
import { readableText, type PageDriver } from './support/page-driver';
import { passCard, passCode } from './support/pass';
import { waitUntil } from './support/wait';
import { newPhone } from './support/wx-client';

const app = usePageTests();

useDaytimeServerClock(app);

/** A WeChat user new to the app who has chosen 海信慧园 as their site. */
async function newcomerAtHaixin(openid: string): Promise<MiniProgram> {
  await app.cloud.call('site', { action: 'select', siteId: HX, requestId: `select-${openid}` }, openid);
  return app.launch(
    PAGES.home,
    newPhone(openid, () => app.cloud.lc.url),
  );
}

async function applyFor(mp: MiniProgram, typed: string, house: string, name: string): Promise<PageDriver> {
  const home = mp.currentPage;
  await waitUntil(() => home.has('.pass-apply'), 'the 申请入住 button');
  home.tap('.pass-apply', '.t-button');
  const page = await mp.waitForPage(PAGES.applyResidence);
  await waitUntil(() => page.has('.residence-house-search'), 'the form');
  expect(page.text('.apply__site')).toBe('海信慧园');
  page.type(typed, '.residence-house-search', '.t-input__keyword');
  await waitUntil(() => page.findAll('.house-choice').some((node) => readableText(node) === house), house);
  const choice = page.findAll('.house-choice').find((node) => readableText(node) === house);
  if (!choice) throw new Error(`no ${house}`);
  page.tap(choice);
  await waitUntil(() => page.has('.house-chosen'), 'the chosen house');
  await fill(page, 'name', name);
  page.tap('.relation-choice--tenant');
  page.tap('.apply-submit', '.t-button');
  await waitUntil(() => page.has('.application-state'), 'the application state');
  return page;
}

test('a newcomer applies from the door screen, 陈静 approves, and the newcomer’s door screen shows a pass', async () => {
  const openid = 'apply-journey-newcomer';
  const mp = await newcomerAtHaixin(openid);
  const apply = await applyFor(mp, '3-2-3', '3栋2单元302', '周杰');
  expect(apply.text('.application-state__title')).toBe('申请已提交，等待物业审核');
  expect(readableText(apply.find('.application-state') ?? apply.root)).toContain('海信慧园 3栋2单元302');

  const admin = await app.launch(PAGES.adminApplications, 'admin');
  const list = admin.currentPage;
  await waitUntil(() => list.has('.application'), 'the application');
  expect(list.text('.application__house')).toBe('3栋2单元302');
  expect(list.text('.application__who')).toBe('周杰 · 租客');
  list.tap('.application-approve', '.t-button');
  await waitUntil(() => list.has('.applications__empty'), 'the list emptied');
  expect(admin.phone.calls.showToast.at(-1)).toEqual({ title: '已通过', icon: 'success' });

  // one phone at a time holds the simulator's wx: the administrator's closes, the newcomer opens the app again
  admin.exit();
  mp.exit();
  const back = await app.launch(PAGES.applyResidence, mp.phone);
  const state = back.currentPage;
  await waitUntil(() => state.has('.application-home'), 'the approval');
  expect(state.text('.application-state__title')).toBe('申请已通过，您已是本小区住户');
  state.tap('.application-home', '.t-button');
  const home = await back.waitForPage(PAGES.home);
  expect(await passCode(home)).toMatch(/^TX2:/);
});

test('a rejection needs a reason, and the applicant reads it and may apply again', async () => {
  const openid = 'apply-rejected-newcomer';
  const mp = await newcomerAtHaixin(openid);
  await applyFor(mp, '5 1', '5栋1单元102', '吴刚');

  const admin = await app.launch(PAGES.adminApplications, 'admin');
  const list = admin.currentPage;
  await waitUntil(() => list.has('.application'), 'the application');
  list.tap('.application-reject', '.t-button');
  await waitUntil(() => list.has('.field-reason'), 'the reason field');
  list.tap('.application-confirm-reject', '.t-button');
  await waitUntil(() => list.text('.field-reason').includes('请填写拒绝原因'), 'the missing reason');
  await fill(list, 'reason', '房屋信息不符');
  list.tap('.application-confirm-reject', '.t-button');
  await waitUntil(() => list.has('.applications__empty'), 'the list emptied');

  admin.exit();
  mp.exit();
  const again = await app.launch(PAGES.home, mp.phone);
  const home = again.currentPage;
  expect(await passCard(home)).toContain('申请入住');
  home.tap('.pass-apply', '.t-button');
  const page = await again.waitForPage(PAGES.applyResidence);
  await waitUntil(() => page.has('.application-again'), 'the rejection');
  expect(page.text('.application-state__reason')).toBe('未通过原因：房屋信息不符');
  page.tap('.application-again', '.t-button');
  await waitUntil(() => page.has('.residence-house-search'), 'the form again');
});
