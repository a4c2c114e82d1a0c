/**
 * 出门条 (P9) as people walk it: 张伟 opens 出门条 from 我的, applies for today with the goods the site asks for,
 * and waits; 陈静 approves in 出门条审批; 张伟's slip then shows its QR, which 王强 scans at the gate and sees the
 * slip's goods. A household in arrears reads why it cannot apply; a rejection's reason reaches the applicant. A goods
 * photo goes from the phone's album into storage, and 陈静 opens that very picture.
 */
import { setArrears, setExitSlipSettings } from '../support/exit-slips';
import { canvasOn } from './support/canvas';
import { usePageTests } from './support/app';
import { pngPicture } from './support/pictures';
import type { MiniProgram } from './support/mini-program';
import { readableText, type PageDriver } from './support/page-driver';
import { waitUntil } from './support/wait';

const app = usePageTests();
const EXIT_PAGES = {
  mine: 'packages/exits/pages/mine/index',
  apply: 'packages/exits/pages/apply/index',
  detail: 'packages/exits/pages/detail/index',
  admin: 'packages/admin/pages/exit-slips/index',
};

/** A macrotask: the event's chain of microtasks has run. */
const delivered = () => new Promise((resolve) => setTimeout(resolve, 0));

async function openApply(mp: MiniProgram): Promise<PageDriver> {
  const mine = mp.currentPage;
  await waitUntil(() => mine.has('.apply'), 'the 申请出门条 button');
  mine.tap('.apply', '.t-button');
  return mp.waitForPage(EXIT_PAGES.apply);
}

/** The TDesign date picker's own handlers: its 确定 confirms the day it opened on (the first, today). */
interface DatePicker {
  data: { visible: boolean };
  onConfirm(): void;
}

/** Taps 出门日期 and 确定 on the picker, which opens on the first day the slip may be for: today. */
async function pickToday(page: PageDriver): Promise<void> {
  page.tap('.field-date');
  const picker = await waitUntil(() => {
    const instance = page.find('.date-picker')?.instance as unknown as DatePicker | undefined;
    return instance?.data.visible ? instance : undefined;
  }, 'the date picker to open');
  picker.onConfirm();
  await waitUntil(() => !picker.data.visible, 'the date picker to close');
  await delivered();
}

test('张伟 applies from 我的出门条, 陈静 approves, and his slip shows its QR, which 王强 scans with its goods', async () => {
  const mp = await app.launch(EXIT_PAGES.mine, 'resident');
  const mine = mp.currentPage;
  await waitUntil(
    () => mine.has('.slips__state') && mine.text('.slips__state').includes('需先申请出门条'),
    'the empty list',
  );
  const apply = await openApply(mp);
  await waitUntil(() => apply.has('.apply-submit'), 'the form');
  expect(apply.text('.apply__site')).toBe('海信慧园');
  // the site's default form: 物品清单 (required), 车牌号, 备注 and photos; no 搬运人 or 搬家公司
  expect(apply.has('.apply-field-goods')).toBe(true);
  expect(apply.has('.apply-field-plate')).toBe(true);
  expect(apply.has('.apply-field-company')).toBe(false);
  expect(apply.has('.apply-photo--add')).toBe(true);

  // nothing filled in: the day and the goods are asked for, nothing is sent
  apply.tap('.apply-submit', '.t-button');
  await waitUntil(() => apply.has('.apply__error'), 'the missing fields');
  expect(apply.findAll('.apply__error').map((node) => readableText(node))).toEqual([
    '请选择出门日期',
    '请填写物品清单',
  ]);
  expect(app.cloud.lc.db.count('exitSlips', {})).toBe(0);

  await pickToday(apply);
  apply.find('.apply-field-goods')?.dispatchEvent('input', { detail: { value: '沙发一套、纸箱6个' } });
  await delivered();
  apply.tap('.apply-submit', '.t-button');
  const detail = await mp.waitForPage(EXIT_PAGES.detail);
  await waitUntil(() => detail.has('.slip-hero__title'), 'the slip');
  expect(detail.text('.slip-hero__title')).toBe('等待物业审核');
  expect(detail.text('.slip__section')).toContain('沙发一套、纸箱6个');
  mp.exit();

  const admin = await app.launch(EXIT_PAGES.admin, 'admin');
  const list = admin.currentPage;
  await waitUntil(() => list.has('.exit-slip'), 'the slip to decide');
  expect(list.text('.exit-slip__house')).toBe('3栋2单元301');
  expect(list.text('.exit-slip__who')).toMatch(/^张伟 · \d{3}\*{4}\d{4}$/);
  expect(list.text('.exit-slip__row')).toContain('沙发一套、纸箱6个');
  list.tap('.slip-approve', '.t-button');
  await waitUntil(() => list.has('.exit-slips__empty'), 'the list emptied');
  expect(admin.phone.calls.showToast.at(-1)).toEqual({ title: '已通过', icon: 'success' });
  admin.exit();

  const again = await app.launch(EXIT_PAGES.mine, 'resident');
  const slips = again.currentPage;
  await waitUntil(() => slips.has('.slip-item'), 'the slip in the list');
  expect(slips.text('.slip-state')).toBe('可使用');
  slips.tap('.slip-item');
  const shown = await again.waitForPage(EXIT_PAGES.detail);
  const code = await waitUntil(() => canvasOn(shown, '#exit-slip-qr')?.decodeQr(), 'the slip’s QR');
  expect(code).toMatch(/^TX2:/);
  expect(shown.text('.slip-hero__title')).toBe('请向门岗出示二维码');
  again.exit();

  // the guard scans it: the slip's goods, not an expiry time
  const scanned = await app.cloud.call<{ ok: boolean; data: { exitSlip?: { goods?: string } } }>(
    'gate',
    { action: 'scan', code, siteId: 'site-haixin-huiyuan' },
    'demo-guard-wangqiang',
  );
  expect(scanned).toMatchObject({ ok: true, data: { type: 'exitSlip', exitSlip: { goods: '沙发一套、纸箱6个' } } });
});

test('a household in arrears reads why it cannot apply; the site may let it', async () => {
  await setArrears(app.cloud, 'house-hx-3-2-301', true);
  const mp = await app.launch(EXIT_PAGES.apply, 'resident');
  const page = mp.currentPage;
  await waitUntil(() => page.has('.apply__refused'), 'the refusal');
  expect(page.text('.apply__refused')).toContain('欠缴的物业费');
  expect(page.has('.apply-submit')).toBe(false);
  mp.exit();

  await setExitSlipSettings(app.cloud, { arrearsMayApply: true });
  const allowed = await app.launch(EXIT_PAGES.apply, 'resident');
  await waitUntil(() => allowed.currentPage.has('.apply-submit'), 'the form');
});

test('陈静 rejects with a reason, and 张伟 reads it on his slip', async () => {
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const applied = await app.cloud.call<{ ok: true; data: { slip: { id: string } } }>(
    'pass',
    {
      action: 'applyExitSlip',
      siteId: 'site-haixin-huiyuan',
      date: today,
      goods: '冰箱一台',
      requestId: 'page-slip-1',
    },
    'demo-resident-zhangwei',
  );
  const admin = await app.launch(EXIT_PAGES.admin, 'admin');
  const list = admin.currentPage;
  await waitUntil(() => list.has('.exit-slip'), 'the slip to decide');
  list.tap('.slip-reject', '.t-button');
  await waitUntil(() => list.has('.field-reason'), 'the reason field');
  list.tap('.slip-confirm-reject', '.t-button');
  await waitUntil(() => list.text('.field-reason').includes('请填写拒绝原因'), 'the missing reason');
  list.type('请先预约电梯', '.field-reason', '.t-input__control');
  await delivered();
  list.tap('.slip-confirm-reject', '.t-button');
  await waitUntil(() => list.has('.exit-slips__empty'), 'the list emptied');
  admin.exit();

  const mp = await app.launch(`${EXIT_PAGES.detail}?id=${applied.data.slip.id}`, 'resident');
  const detail = mp.currentPage;
  await waitUntil(() => detail.has('.slip-hero__title'), 'the slip');
  expect(detail.text('.slip-hero__title')).toBe('出门条未通过');
  expect(detail.text('.slip-hero__detail')).toBe('原因：请先预约电梯');
});

test('张伟 adds a goods photo from his album — after closing the picker and a failed upload — and 陈静 opens that very picture', async () => {
  const mp = await app.launch(EXIT_PAGES.mine, 'resident');
  const apply = await openApply(mp);
  const { phone } = mp;
  await waitUntil(() => apply.has('.apply-photo--add'), 'the form');

  // the picker closed: nothing uploaded, nothing said
  apply.tap('.apply-photo--add');
  await waitUntil(() => phone.calls.chooseMedia.length === 1, 'the picker');
  await waitUntil(() => apply.text('.apply-photo--add') === '+ 添加', 'the tile as it was');
  expect(phone.calls.uploadFile).toEqual([]);
  expect(phone.calls.showToast).toEqual([]);

  // no network: the upload fails and he is told; the tile is there to try again
  const goods = pngPicture([30, 160, 60]);
  phone.network = 'offline';
  phone.album.next = goods;
  apply.tap('.apply-photo--add');
  await waitUntil(() => phone.calls.showToast.length === 1, 'the failure said');
  expect(phone.calls.showToast[0]).toEqual({ title: '照片上传失败，请重试', icon: 'none' });
  await waitUntil(() => apply.text('.apply-photo--add') === '+ 添加', 'the tile again');
  phone.network = 'online';

  phone.album.next = goods;
  apply.tap('.apply-photo--add');
  await waitUntil(() => apply.findAll('.apply-photo__image').length === 1, 'the photo’s preview');
  expect(phone.calls.uploadFile.at(-1)).toMatch(/^exitSlips\/photos\/demo-resident-zhangwei\/[\w-]+\.png$/);
  await pickToday(apply);
  apply.find('.apply-field-goods')?.dispatchEvent('input', { detail: { value: '冰箱一台' } });
  await delivered();
  apply.tap('.apply-submit', '.t-button');
  await mp.waitForPage(EXIT_PAGES.detail);
  mp.exit();

  const admin = await app.launch(EXIT_PAGES.admin, 'admin');
  const list = admin.currentPage;
  await waitUntil(() => list.has('.exit-slip__photo'), 'the slip with its photo');
  list.tap('.exit-slip__photo');
  const shown = await waitUntil(() => admin.phone.calls.previewImage[0], 'the photo full screen');
  const response = await fetch(String(shown.current));
  expect(response.status).toBe(200);
  expect(Buffer.from(await response.arrayBuffer()).equals(goods.bytes)).toBe(true);
});
