/**
 * 注册 (R1) through the page: the form checks as the person types with the core rules, 获取验证码 counts down,
 * refusals read plainly, nothing is sent before the person agreed to the 用户协议 and 隐私政策 (whose links open
 * them), and what the WeChat user chose before registering stays theirs.
 */
import { OPERATOR } from '../../miniprogram/config/operator';
import { LEGAL_EDITION, LEGAL_EDITION_LABEL } from '../../miniprogram/core/consent';
import { accountFor } from '../support/accounts';
import { advanceClock } from '../support/clock';
import { PAGES } from '../support/pages';
import { smsCode, smsCount } from '../support/sms';
import { usePageTests } from './support/app';
import {
  agree,
  agreed,
  blur,
  canSubmit,
  codeButton,
  fill,
  notice,
  openTab,
  passwordRules,
  registerThroughPages,
  requestCode,
  submit,
  tip,
} from './support/account';
import { readableText } from './support/page-driver';
import { tapSite } from './support/sites';
import { waitUntil } from './support/wait';

const app = usePageTests();

const registerCalls = (calls: Array<{ data: Record<string, unknown> }>) =>
  calls.filter((call) => call.data.action === 'register').map((call) => call.data);

const sendCodeCalls = (calls: Array<{ data: Record<string, unknown> }>) =>
  calls.filter((call) => call.data.action === 'sendCode');

test('as the person types, each field says what is wrong and the password rules tick; 注册 waits for a valid form', async () => {
  const mp = await app.launch(PAGES.register, 'newcomer');
  const page = mp.currentPage;
  expect(passwordRules(page)).toEqual({ met: [], unmet: ['8到32个字符', '包含字母', '包含数字', '不含空格'] });
  expect(canSubmit(page)).toBe(false);

  await fill(page, 'phone', '1390000', true);
  expect(tip(page, 'phone')).toBe('请输入11位手机号');
  await fill(page, 'phone', '13900000004');
  expect(tip(page, 'phone')).toBe('');

  // a weak password: the list shows which rules are unmet, the field the first of them
  await fill(page, 'password', 'abc', true);
  expect(passwordRules(page)).toEqual({ met: ['包含字母', '不含空格'], unmet: ['8到32个字符', '包含数字'] });
  expect(tip(page, 'password')).toBe('密码需8到32个字符');
  await fill(page, 'password', 'abc 12345');
  expect(passwordRules(page).unmet).toEqual(['不含空格']);
  expect(tip(page, 'password')).toBe('密码需不含空格');
  await fill(page, 'password', 'abc12345');
  expect(passwordRules(page).unmet).toEqual([]);
  expect(tip(page, 'password')).toBe('');

  await fill(page, 'email', 'zhangwei@', true);
  expect(tip(page, 'email')).toBe('邮箱格式不正确');
  await fill(page, 'code', '12345', true);
  expect(tip(page, 'code')).toBe('请输入6位数字验证码');
  await fill(page, 'code', '123456');
  expect(canSubmit(page)).toBe(false);

  // the email is optional: empty is fine
  await fill(page, 'email', '');
  expect(tip(page, 'email')).toBe('');
  expect(canSubmit(page)).toBe(true);

  await fill(page, 'password', 'abcdefgh');
  expect(canSubmit(page)).toBe(false);
  submit(page);
  await blur(page, 'code');
  expect(mp.phone.calls.callFunction).toEqual([]);
});

test('获取验证码 wants a valid phone first, then sends a code and counts down from the answer', async () => {
  const mp = await app.launch(PAGES.register, 'newcomer');
  const page = mp.currentPage;
  expect(codeButton(page)).toBe('获取验证码');

  page.tap('.code-button', '.t-button');
  await waitUntil(() => tip(page, 'phone') === '请填写手机号', 'the phone tip');
  expect(sendCodeCalls(mp.phone.calls.callFunction)).toEqual([]);

  await fill(page, 'phone', '13900000005');
  page.tap('.code-button', '.t-button');
  await waitUntil(() => /^(60|59)秒后重新获取$/.test(codeButton(page)), 'the countdown');
  expect(mp.phone.calls.showToast).toEqual([{ title: '验证码已发送', icon: 'none' }]);
  expect(await smsCode(app.cloud, '13900000005')).toMatch(/^\d{6}$/);
  expect(page.has('.code-button', '.t-button--disabled')).toBe(true);
  await waitUntil(() => codeButton(page) === '58秒后重新获取', 'the countdown to go on', 4000);
  expect(sendCodeCalls(mp.phone.calls.callFunction)).toHaveLength(1);
});

test('a code sent a moment ago (an earlier visit): the button counts down the rest of the wait, no refusal beside it', async () => {
  const phone = '13900000008';
  const sent = await app.cloud.call<{ ok: boolean }>(
    'account',
    { action: 'sendCode', requestId: 'earlier-visit-0001', phone, purpose: 'register' },
    'demo-newcomer',
  );
  expect(sent.ok).toBe(true);
  // 36 s of the 60 s wait have gone when the person comes back to the form
  advanceClock(app.cloud, 36_000);

  const mp = await app.launch(PAGES.register, 'newcomer');
  const page = mp.currentPage;
  await fill(page, 'phone', phone);
  page.tap('.code-button', '.t-button');
  await waitUntil(() => /^2[34]秒后重新获取$/.test(codeButton(page)), 'the countdown of the rest of the wait');
  expect(page.has('.code-button', '.t-button--disabled')).toBe(true);
  expect(notice(page)).toBe('');
  expect(mp.phone.calls.showToast).toEqual([]);
  expect(await smsCount(app.cloud, phone)).toBe(1);
  const shown = codeButton(page);
  await waitUntil(
    () => codeButton(page) !== shown && /^2\d秒后重新获取$/.test(codeButton(page)),
    'the countdown to go on',
    4000,
  );
});

test('refusals read plainly: a phone already registered, a wrong code', async () => {
  await accountFor(app.cloud, 'wx-owner', { phone: '13900000006', password: 'secret123' });
  const mp = await app.launch(PAGES.register, 'newcomer');
  const page = mp.currentPage;

  await fill(page, 'phone', '13900000006');
  page.tap('.code-button', '.t-button');
  await waitUntil(() => notice(page) === '该手机号已注册，请直接登录', 'the refusal');
  expect(codeButton(page)).toBe('获取验证码');

  await fill(page, 'phone', '13900000007');
  expect(notice(page)).toBe('');
  const code = await requestCode(app.cloud, page, '13900000007');
  await fill(page, 'code', code === '000000' ? '111111' : '000000');
  await fill(page, 'password', 'secret123');
  await agree(page);
  submit(page);
  await waitUntil(() => notice(page) === '验证码错误', 'the refusal of the code');
  expect(mp.routes).toEqual([PAGES.register]);

  await fill(page, 'code', code);
  submit(page);
  await mp.waitForPage(PAGES.home);
  expect(mp.phone.calls.showToast.at(-1)).toEqual({ title: '注册成功', icon: 'success' });
});

test('the site a WeChat user chose before registering is still their site after', async () => {
  const mp = await app.launch(PAGES.home, 'newcomer');
  const home = mp.currentPage;
  await waitUntil(() => home.text().includes('请先选择场区'), 'the empty state');
  home.tap('.site-bar');
  const list = await mp.waitForPage('pages/sites/index');
  await waitUntil(() => list.has('.site-cell'), 'the list');
  tapSite(list, '鸿锦阁');
  await waitUntil(() => mp.currentPage === home && home.has('.pass-card'), 'home with the site');

  await registerThroughPages(app.cloud, mp, { phone: '13900000008', password: 'secret123' });
  const backHome = await openTab(mp, 'home');
  await waitUntil(() => backHome.has('.pass-card'), 'the pass card');
  await mp.settled();
  expect(backHome.text('.site-bar')).toBe('当前场区：鸿锦阁');
});

test('注册 cannot proceed without agreeing: it says why and sends nothing; ticking the box lets it through', async () => {
  const mp = await app.launch(PAGES.register, 'newcomer');
  const page = mp.currentPage;
  expect(page.text('.agreement')).toBe('我已阅读并同意《用户协议》和《隐私政策》');
  expect(agreed(page)).toBe(false);
  await fill(page, 'phone', '13900000009');
  await fill(page, 'code', await requestCode(app.cloud, page, '13900000009'));
  await fill(page, 'password', 'secret123');
  expect(canSubmit(page)).toBe(true);

  submit(page);
  await waitUntil(() => notice(page) === '请先阅读并同意《用户协议》和《隐私政策》', 'the reason');
  expect(page.has('.agreement--wanted')).toBe(true);
  await mp.settled();
  expect(registerCalls(mp.phone.calls.callFunction)).toEqual([]);
  expect(mp.routes).toEqual([PAGES.register]);

  await agree(page);
  expect(agreed(page)).toBe(true);
  expect(notice(page)).toBe('');
  expect(page.has('.agreement--wanted')).toBe(false);
  submit(page);
  await mp.waitForPage(PAGES.home);
  // the edition the person had on screen travels with the registration (the function keeps it)
  expect(registerCalls(mp.phone.calls.callFunction)).toEqual([
    expect.objectContaining({ consent: { edition: LEGAL_EDITION } }),
  ]);
});

test('unticking takes the agreement back: 注册 refuses again', async () => {
  const mp = await app.launch(PAGES.register, 'newcomer');
  const page = mp.currentPage;
  await fill(page, 'phone', '13900000010');
  await fill(page, 'code', '123456');
  await fill(page, 'password', 'secret123');
  await agree(page);
  await agree(page);
  expect(agreed(page)).toBe(false);
  submit(page);
  await waitUntil(() => notice(page) === '请先阅读并同意《用户协议》和《隐私政策》', 'the reason');
  expect(registerCalls(mp.phone.calls.callFunction)).toEqual([]);
});

test('《用户协议》 and 《隐私政策》 open from the agreement line, readable, with the operator and the edition', async () => {
  const mp = await app.launch(PAGES.register, 'newcomer');
  const page = mp.currentPage;

  page.tap('.link-terms');
  const terms = await mp.waitForPage(PAGES.userAgreement);
  expect(terms.text('.legal__title')).toBe('用户协议');
  expect(terms.text('.legal__meta')).toBe(`版本：${LEGAL_EDITION_LABEL}　运营方：${OPERATOR.name}`);
  expect(terms.text()).toContain('通行码只供您本人出入使用');
  // the agreement opens the policy too
  terms.tap('.open-privacy');
  const fromTerms = await mp.waitForPage(PAGES.privacyPolicy);
  expect(fromTerms.text('.legal__title')).toBe('隐私政策');
  await mp.navigateBack(2);
  expect(mp.currentPage.route).toBe(PAGES.register);

  page.tap('.link-privacy');
  const policy = await mp.waitForPage(PAGES.privacyPolicy);
  const text = policy.text();
  // what is collected, why, how long, who sees it, how to delete: the parts PIPL asks a policy to tell
  for (const part of [
    '手机号',
    '身份证号',
    '人脸照片和证件照片（敏感个人信息）',
    '出入记录（含体温）：保存 180 天',
    '访客的证件号码和人脸照片：来访结束后保存 30 天',
    '观察员的每一次查阅和导出都记入审计日志',
    '在“我的”中选择“注销账号”',
    '其他住户看不到您的任何信息',
  ]) {
    expect(text).toContain(part);
  }
  expect(text).toContain(`个人信息保护联系方式：${OPERATOR.contact}`);
  expect(policy.findAll('.legal__h2').map((heading) => readableText(heading))).toEqual([
    '一、我们收集的信息和用途',
    '二、保存在哪里，保存多久',
    '三、谁能看到您的信息',
    '四、我们如何保护您的信息',
    '五、您的权利',
    '六、未成年人',
    '七、本政策的更新',
    '八、联系我们',
  ]);
});
