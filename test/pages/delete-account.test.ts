/**
 * 注销账号 (X7) through the pages: from the foot of 我的, what it means said first, a code to the account's phone
 * (shown masked), a last confirmation, then home as a newcomer; a wrong code deletes nothing. The function's
 * erasure itself is test/functions/account-deletion.test.ts.
 */
import type { Envelope } from '../../miniprogram/core/envelope';
import { REMEMBERED_PROFILE_KEY } from '../../miniprogram/services/account';
import { DEMO_OPENIDS } from '../support/app-cloud';
import { PAGES } from '../support/pages';
import { answerModal, fill, mineHeader, notice, requestCode } from './support/account';
import { usePageTests } from './support/app';
import { waitUntil } from './support/wait';

const app = usePageTests();
const PHONE = '13912340003';

async function hasAccount(openid: string): Promise<boolean> {
  const answer = await app.cloud.call<Envelope<{ profile: { hasAccount: boolean } }>>(
    'account',
    { action: 'profile' },
    openid,
  );
  if (!answer.ok) throw new Error(answer.message);
  return answer.data.profile.hasAccount;
}

test('李娜 deletes her account from 我的 with a code to her phone, and the app starts afresh', async () => {
  const mp = await app.launch(PAGES.mine, 'resident2');
  await mineHeader(mp);
  await waitUntil(() => mp.currentPage.has('.delete-account-entry'), 'the 注销账号 entry');
  mp.currentPage.tap('.delete-account-entry', '.t-button');
  const page = await mp.waitForPage(PAGES.deleteAccount);
  await waitUntil(() => page.has('.field-code'), 'the code field');
  expect(page.text('.deletion-terms')).toContain('账号、手机号');

  // a wrong code first: refused in words, nothing deleted
  const code = await requestCode(app.cloud, page, PHONE);
  // the field says where the code went, masked as the function answered
  expect((page.instance as { data: { maskedPhone: string } }).data.maskedPhone).toBe('139****0003');
  await fill(page, 'code', '000000');
  page.tap('.delete-account', '.t-button');
  await answerModal(mp, true);
  await waitUntil(() => notice(page) !== '', 'the refusal');
  expect(notice(page)).toBe('验证码错误');
  expect(await hasAccount(DEMO_OPENIDS.resident2)).toBe(true);

  // one wrong try leaves the code live
  await fill(page, 'code', code);
  page.tap('.delete-account', '.t-button');
  const modal = await answerModal(mp, true);
  expect(modal.title).toBe('确认注销账号');
  await mp.waitForPage(PAGES.home);
  expect(mp.phone.calls.reLaunch).toContain(`/${PAGES.home}`);
  expect(await hasAccount(DEMO_OPENIDS.resident2)).toBe(false);
  // the phone forgot her too
  expect(mp.phone.storage.get(REMEMBERED_PROFILE_KEY)).toBeUndefined();
});
