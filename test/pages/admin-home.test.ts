/**
 * 物业管理, the back office's home: 我的 offers it to the current site's administrators only, it lists the
 * back office's screens, and anyone else who opens it reads why and goes back.
 */
import { PAGES } from '../support/pages';
import { mineHeader } from './support/account';
import { usePageTests } from './support/app';
import { readableText } from './support/page-driver';
import { waitUntil } from './support/wait';

const app = usePageTests();

test('我的 offers 物业管理 to the administrator only; it opens the back office of the current site', async () => {
  for (const who of ['resident', 'guard', 'observer'] as const) {
    const other = await app.launch(PAGES.mine, who);
    await mineHeader(other);
    await other.settled();
    expect(other.currentPage.has('.entry-back-office')).toBe(false);
    other.exit();
  }

  const admin = await app.launch(PAGES.mine, 'admin');
  await waitUntil(() => admin.currentPage.has('.entry-back-office'), 'the 物业管理 entry');
  admin.currentPage.tap('.entry-back-office', '.t-cell');
  const home = await admin.waitForPage(PAGES.backOffice);
  await waitUntil(() => home.has('.back-office-entry'), 'the entries');
  expect(home.text('.back-office__site-name')).toBe('海信慧园');
  expect(home.has('.back-office-entry--resident-pass')).toBe(true);
  expect(home.has('.back-office-entry--staff')).toBe(true);
});

test('someone who is not an administrator here reads why, and nothing of the back office', async () => {
  const resident = await app.launch(PAGES.backOffice, 'resident');
  const page = resident.currentPage;
  await waitUntil(() => page.has('.admin-access-state', '.admin-access--refused'), 'the refusal');
  expect(page.has('.back-office-entry')).toBe(false);
  page.tap('.admin-access-state', '.admin-access__action', '.t-button');
  await resident.waitForPage(PAGES.mine);
});

test('when the site cannot be checked, a remembered site is not a refusal: the page says why and 重试 reads again', async () => {
  const first = await app.launch(PAGES.backOffice, 'admin');
  await waitUntil(() => first.currentPage.has('.back-office-entry'), 'the entries');
  first.exit();

  await app.injectFaults({ mode: 'fail', count: 1000 });
  const mp = await app.launch(PAGES.backOffice, first.phone);
  const page = mp.currentPage;
  await waitUntil(() => page.has('.admin-access-state', '.admin-access--failed'), 'the failure');
  expect(page.has('.admin-access-state', '.admin-access--refused')).toBe(false);
  expect(readableText(page.find('.admin-access-state') ?? page.root)).toContain('系统繁忙，请稍后再试');

  await app.clearFaults();
  page.tap('.admin-access-state', '.admin-access__action', '.t-button');
  await waitUntil(() => page.has('.back-office-entry'), 'the entries after 重试');
});
