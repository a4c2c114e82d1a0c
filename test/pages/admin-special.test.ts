/**
 * 专用通行证 through the pages (P6): 陈静 adds 顺丰快递's courier on 成员 and reads the invitation code once; the courier
 * (a WeChat user with no account) opens 我的 → 专用通行证, binds with the code and shows a QR the guard releases; 陈静
 * disables him and his page says so instead of a code. The member form's 身份证照片 and 人脸照片 go from the phone's album
 * and camera into storage and onto the member; a closed picker or a failed upload leaves the form as it was.
 */
import { randomUUID } from 'node:crypto';
import type { Envelope } from '../../miniprogram/core/envelope';
import { PAGES } from '../support/pages';
import { data, release } from '../support/fixtures';
import { setVisitorSettings } from '../support/visitors';
import { mineHeader } from './support/account';
import { DEMO_OPENIDS, usePageTests } from './support/app';
import type { SpecialMemberView } from '../../miniprogram/core/api/admin-special';
import { canvasOn } from './support/canvas';
import { passCard, passCode } from './support/pass';
import { readableText, type PageDriver } from './support/page-driver';
import { pngPicture, storedBytes } from './support/pictures';
import { waitUntil } from './support/wait';
import { useDaytimeServerClock } from './support/phone-clock';

const app = usePageTests();

useDaytimeServerClock(app);
const MEMBERS = 'packages/admin/pages/special-members/index';
const ORGANISATIONS = 'packages/admin/pages/special-orgs/index';
const SPECIAL_PASS = 'packages/special/pages/pass/index';

const rows = (page: PageDriver) => page.findAll('.special-member').map((node) => readableText(node));

test('陈静 adds a member on 成员: the code is shown once, the phone masked; she disables him', async () => {
  const mp = await app.launch(MEMBERS, 'admin');
  const page = mp.currentPage;
  await waitUntil(() => page.has('.special-member'), 'the demo member');
  expect(rows(page)).toEqual([expect.stringContaining('赵磊 · 顺丰快递')]);
  expect(rows(page)[0]).toContain('137****1111');
  expect(rows(page)[0]).toContain('未绑定');

  page.tap('.special-members__add', '.t-button');
  await waitUntil(() => page.has('.special-member-form'), 'the form');
  // 海信慧园 takes faces at its gate terminal (faceCapture gate): the form asks for the ID photo alone
  expect(page.has('.member-photo--id')).toBe(true);
  expect(page.has('.member-photo--face')).toBe(false);
  page.type('钱多多', '.special-field--name', '.t-input__control');
  page.type('1370000', '.special-field--phone', '.t-input__control');
  page.tap('.special-member-form__save', '.t-button');
  await waitUntil(() => page.has('.special-form__problem'), 'the phone refused');
  expect(page.text('.special-form__problem')).toBe('请输入11位手机号');
  page.type('13700002222', '.special-field--phone', '.t-input__control');
  page.type('2026-12-31', '.special-field--to', '.t-input__control');
  page.type('110101199003074514', '.special-field--id', '.t-input__control');
  page.tap('.special-member-form__save', '.t-button');
  await waitUntil(() => page.has('.special-code__code'), 'the invitation code');
  const code = page.text('.special-code__code');
  expect(code).toMatch(/^[2-9A-Z]{10}$/);
  expect(page.text('.special-code')).toContain('钱多多（顺丰快递）');
  page.tap('.special-code__copy', '.t-button');
  await waitUntil(() => mp.phone.calls.setClipboardData.length > 0, 'the copy');
  expect(mp.phone.calls.setClipboardData).toEqual([code]);
  await waitUntil(() => rows(page).length === 2, 'two members');

  // the new member's actions: 停用 asks first
  const index = rows(page).findIndex((row) => row.includes('钱多多'));
  page.tap(page.findAll('.special-member')[index], '.t-cell');
  await waitUntil(() => page.has('.special-member-actions'), 'the member’s actions');
  expect(page.text('.special-member-actions')).toContain('110***********4514');
  page.tap('.special-member-actions__status', '.t-button');
  const modal = await waitUntil(() => mp.phone.modal, 'the confirmation');
  modal.answer(true);
  await waitUntil(() => rows(page).some((row) => row.includes('钱多多') && row.includes('已停用')), 'disabled');
});

test('the organisations page lists 顺丰快递 with its community; a new organisation is added', async () => {
  const mp = await app.launch(ORGANISATIONS, 'admin');
  const page = mp.currentPage;
  await waitUntil(() => page.has('.special-org'), 'the organisations');
  expect(readableText(page.findAll('.special-org')[0])).toContain('顺丰快递');
  expect(readableText(page.findAll('.special-org')[0])).toContain('海信慧园');
  page.type('洁净保洁', '.special-form__name', '.t-input__control');
  page.tap('.special-form__save', '.t-button');
  await waitUntil(() => page.findAll('.special-org').length === 2, 'two organisations');
});

test('the courier binds with the code on 我的 → 专用通行证; his QR, on his page and on home, is released; disabled, he reads why', async () => {
  const { cloud } = app;
  const made = await cloud.call<Envelope<{ code: string }>>(
    'admin',
    {
      action: 'renewSpecialInvitation',
      siteId: 'site-haixin-huiyuan',
      memberId: 'special-zhaolei',
      requestId: randomUUID(),
    },
    DEMO_OPENIDS.admin,
  );
  if (!made.ok) throw new Error(made.message);

  const mp = await app.launch(PAGES.mine, 'newcomer');
  await mineHeader(mp);
  mp.currentPage.tap('.entry-special-pass', '.t-cell');
  const page = await mp.waitForPage(SPECIAL_PASS);
  await waitUntil(() => page.has('.special-bind'), 'the invitation form');
  page.type('WRONGCODE2', '.special-code', '.t-input__control');
  page.tap('.special-bind-submit', '.t-button');
  await waitUntil(() => page.text('.special-code').includes('邀请码不正确'), 'a wrong code refused');
  page.type(made.data.code.toLowerCase(), '.special-code', '.t-input__control');
  page.tap('.special-bind-submit', '.t-button');
  const code = await waitUntil(() => canvasOn(page, '#special-pass-qr')?.decodeQr(), 'the pass QR');
  expect(page.text('.special-card')).toContain('海信慧园');
  expect(page.text('.special-card')).toContain('赵磊 · 顺丰快递');
  const released = await release(cloud, DEMO_OPENIDS.guard, code);
  expect(released).toMatchObject({ ok: true, data: { type: 'special' } });

  // home: at a community his organisation serves, the courier's 专用通行证 stands where a resident's pass would
  await cloud.call(
    'site',
    { action: 'select', siteId: 'site-haixin-huiyuan', requestId: randomUUID() },
    DEMO_OPENIDS.newcomer,
  );
  const home = (await app.launch(PAGES.home, 'newcomer')).currentPage;
  const homeCode = await passCode(home);
  expect(await passCard(home)).toContain('赵磊顺丰快递');
  expect(home.text('.pass-card')).toContain('专用通行证 · 有效期至');
  expect(home.has('.pass-apply')).toBe(false);
  expect(await release(cloud, DEMO_OPENIDS.guard, homeCode)).toMatchObject({ ok: true, data: { type: 'special' } });
  await waitUntil(() => home.has('.pass-next'), 'the used pass, and another on offer');

  await cloud.call(
    'admin',
    {
      action: 'setSpecialMemberStatus',
      siteId: 'site-haixin-huiyuan',
      memberId: 'special-zhaolei',
      status: 'disabled',
      requestId: randomUUID(),
    },
    DEMO_OPENIDS.admin,
  );
  // he comes back later: his page and home ask again, and say why there is no code
  const again = (await app.launch(SPECIAL_PASS, 'newcomer')).currentPage;
  await waitUntil(() => again.has('.special-refused'), 'the refusal');
  expect(again.text('.special-refused')).toContain('该专用通行证已停用');
  const homeAgain = (await app.launch(PAGES.home, 'newcomer')).currentPage;
  expect(await passCard(homeAgain)).toContain('该专用通行证已停用');
  expect(homeAgain.has('#pass-qr')).toBe(false);

  // the property's 出入记录 says whose courier passed: the organisation stands where a resident's house would be
  const records = (await app.launch('packages/admin/pages/records/index', 'admin')).currentPage;
  await waitUntil(() => records.has('.record'), 'the records');
  expect(readableText(records.findAll('.record')[0])).toContain('顺丰快递');
});

test('陈静 adds a member with an ID photo from the album and a face photo from the camera; a closed picker or a failed upload changes nothing', async () => {
  // a face is collected in the app only where the site has turned that on (docs/personal-data.md, Faces)
  data(await setVisitorSettings(app.cloud, { faceCapture: 'app' }));
  const mp = await app.launch(MEMBERS, 'admin');
  const { phone } = mp;
  const page = mp.currentPage;
  await waitUntil(() => page.has('.special-member'), 'the demo member');
  page.tap('.special-members__add', '.t-button');
  await waitUntil(() => page.has('.member-photo--id'), 'the photo tiles');
  expect(page.text('.member-photo--id')).toBe('+ 拍摄或选择身份证照片');
  expect(page.text('.member-photo--face')).toBe('+ 拍摄或选择人脸照片');

  // she opens the picker and closes it: nothing is uploaded, nothing is said
  page.tap('.member-photo--id .member-photo__pick');
  await waitUntil(() => phone.calls.chooseMedia.length === 1, 'the picker');
  expect(phone.calls.chooseMedia[0].sourceType.sort()).toEqual(['album', 'camera']);
  await waitUntil(() => page.text('.member-photo--id').startsWith('+'), 'the tile as it was');
  expect(page.has('.member-photos__problem')).toBe(false);
  expect(phone.calls.uploadFile).toEqual([]);

  // with no network the upload fails: she reads why, and the tile is there to try again
  const idPhoto = pngPicture([200, 40, 40]);
  const facePhoto = pngPicture([40, 40, 200]);
  phone.network = 'offline';
  phone.album.next = idPhoto;
  page.tap('.member-photo--id .member-photo__pick');
  await waitUntil(() => page.has('.member-photos__problem'), 'the failed upload');
  expect(page.text('.member-photos__problem')).toBe('身份证照片上传失败，请检查网络后重新选择');
  expect(page.text('.member-photo--id')).toBe('+ 拍摄或选择身份证照片');
  phone.network = 'online';

  phone.album.next = idPhoto;
  page.tap('.member-photo--id .member-photo__pick');
  await waitUntil(() => page.has('.member-photo--id .member-photo__image'), 'the ID photo’s preview');
  expect(page.has('.member-photos__problem')).toBe(false);
  expect(page.text('.member-photo--id')).toBe('点击更换身份证照片移除');
  // the face from the camera; she takes it away and takes it again
  phone.camera.next = pngPicture([0, 0, 0]);
  page.tap('.member-photo--face .member-photo__pick');
  await waitUntil(() => page.has('.member-photo--face .member-photo__remove'), 'the face photo');
  page.tap('.member-photo--face .member-photo__remove');
  await waitUntil(() => !page.has('.member-photo--face .member-photo__image'), 'the face photo removed');
  phone.camera.next = facePhoto;
  page.tap('.member-photo--face .member-photo__pick');
  await waitUntil(() => page.has('.member-photo--face .member-photo__image'), 'the face photo again');
  // the one that failed offline, the ID photo, the first face and the second
  expect(phone.calls.uploadFile).toHaveLength(4);
  for (const cloudPath of phone.calls.uploadFile) {
    expect(cloudPath).toMatch(new RegExp(`^special/photos/${DEMO_OPENIDS.admin}/[\\w-]+\\.png$`));
  }

  page.type('钱多多', '.special-field--name', '.t-input__control');
  page.type('13700002222', '.special-field--phone', '.t-input__control');
  page.tap('.special-member-form__save', '.t-button');
  await waitUntil(() => page.has('.special-code__code'), 'the invitation code');

  // the function has both photos, the very pictures she chose
  const listed = await app.cloud.call<Envelope<{ members: SpecialMemberView[] }>>(
    'admin',
    { action: 'specialMembers', siteId: 'site-haixin-huiyuan' },
    DEMO_OPENIDS.admin,
  );
  if (!listed.ok) throw new Error(listed.message);
  const added = listed.data.members.find((m) => m.name === '钱多多');
  expect(added).toMatchObject({ hasIdPhoto: true, hasFacePhoto: true });
  const stored = app.cloud.lc.db.find('specialMembers', { name: '钱多多' })[0];
  expect(storedBytes(app.cloud.lc, String(stored.idPhotoFileId)).equals(idPhoto.bytes)).toBe(true);
  expect(storedBytes(app.cloud.lc, String(stored.facePhotoFileId)).equals(facePhoto.bytes)).toBe(true);

  // her member's actions say the photos are on file; 编辑 says that leaving them keeps them, and it does
  await waitUntil(() => rows(page).length === 2, 'two members');
  page.tap(page.findAll('.special-member')[rows(page).findIndex((row) => row.includes('钱多多'))], '.t-cell');
  await waitUntil(() => page.has('.special-member-actions'), 'the member’s actions');
  expect(page.text('.special-member-actions__photos')).toBe('身份证照片 已上传 · 人脸照片 已上传');
  page.tap('.special-member-actions__edit', '.t-button');
  await waitUntil(() => page.has('.member-photos__note'), 'the photos on file');
  expect(page.text('.member-photo--id')).toBe('已上传点击更换身份证照片');
  expect(page.text('.member-photos__note')).toBe('已上传的照片不更换即保留。');
  // the phone, shown masked, is left empty: it stays as it was
  expect(page.has('.special-field--phone')).toBe(true);
  page.type('钱二多', '.special-field--name', '.t-input__control');
  page.tap('.special-member-form__save', '.t-button');
  await waitUntil(() => phone.calls.showToast.some((t) => t.title === '已保存'), 'saved');
  const kept = app.cloud.lc.db.find('specialMembers', { name: '钱二多' })[0];
  expect(kept).toMatchObject({
    phone: '13700002222',
    idPhotoFileId: stored.idPhotoFileId,
    facePhotoFileId: stored.facePhotoFileId,
  });
});
