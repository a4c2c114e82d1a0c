/**
 * 申请入住 (X1) in a real browser: a newcomer at 海信慧园 taps 申请入住 on the door screen, picks 3栋2单元302 by its
 * number, gives a name and 租客; 陈静 approves in 物业管理 → 入住申请; the newcomer's door screen then shows a pass.
 */
import { HX } from '../support/fixtures';
import { PAGES } from '../support/pages';
import { usePreviewApp } from './support/preview-app';

const fixture = usePreviewApp();
const HOME = PAGES.home;
const APPLY = PAGES.applyResidence;
const APPLICATIONS = PAGES.adminApplications;
const NEWCOMER = 'e2e-residence-newcomer';

test('a newcomer applies to join a house and 陈静 approves: the newcomer’s door screen shows a pass', async () => {
  await fixture.app.cloud.call('site', { action: 'select', siteId: HX, requestId: 'e2e-residence-select' }, NEWCOMER);

  const newcomer = await fixture.open(NEWCOMER);
  await newcomer.tapButton(HOME, 'pass-apply');
  await newcomer.waitForPage(APPLY);
  await newcomer.node(APPLY, 'residence-house-search').locator('input').fill('3-2-3');
  await newcomer.node(APPLY, 'house-choice').filter({ hasText: '3栋2单元302' }).tap();
  await newcomer.node(APPLY, 'house-chosen').waitFor();
  await newcomer.fill(APPLY, 'field-name', '周杰');
  await newcomer.tap(APPLY, 'relation-choice--tenant');
  await newcomer.tapButton(APPLY, 'apply-submit');
  await newcomer.node(APPLY, 'application-state--pending').waitFor();

  const admin = await fixture.open('admin', `/${APPLICATIONS}`, { anotherPhone: true });
  await admin.node(APPLICATIONS, 'application').filter({ hasText: '3栋2单元302' }).waitFor();
  await admin.tapButton(APPLICATIONS, 'application-approve');
  await admin.node(APPLICATIONS, 'applications__empty').waitFor();

  await newcomer.tapButton(APPLY, 'application-refresh');
  await newcomer.tapButton(APPLY, 'application-home');
  await newcomer.waitForPage(HOME);
  await newcomer.node(HOME, 'pass-card__quota').waitFor();
});
