/**
 * Every button and link a person taps on the main pages is at least 44 × 44 px (88rpx on the 375 px phone) as the
 * browser lays it out: TDesign's small and medium buttons, text links and choice chips were 28 to 40 px high.
 */
import { CARD_PAGES, PAGES } from '../support/pages';
import { usePreviewApp, type PreviewPhone } from './support/preview-app';
import { waitFor } from '../../preview/driver/wait';

const MIN_PX = 44;

/**
 * What can be tapped, by the classes the page's WXML and TDesign give it (WXML's `bindtap` and `aria-role` leave no
 * trace in the DOM): TDesign buttons and cells, and our own links, chips and bars. A new kind of tappable text gets
 * its class here.
 */
const TAPPABLE_CLASSES = [
  't-cell',
  'form-link',
  'type-option',
  'choice',
  'site-bar',
  'site-picker__close',
  // the back office's settings: choice chips, switches, a window's add and remove
  'option',
  'switch-target',
  'window__add',
  'window__remove',
  // the back office's house lists and the 申请入住 form
  'house-row',
  'list-footer--action',
  'relation-choice',
  'house-choice',
  // 出门条: the day, the photos, a slip in the list
  'apply-date',
  'apply-photo',
  'slip-item',
  // 专用通行证: the linked-community and organisation chips, the member's community chips
  'special-form__site',
  'special-site',
];

interface Target {
  text: string;
  className: string;
  width: number;
  height: number;
}

/** The tappable things on the page on screen, with their laid-out size. */
async function targets(phone: PreviewPhone): Promise<Target[]> {
  return (await phone.page.evaluate(`(() => {
    const layer = document.querySelector('.pv-page:not([hidden])');
    // a class as the WXML wrote it comes prefixed by its page or component: page-packages-account-pages-login--form-link,
    // t-cell--t-cell
    const tappable = new RegExp('(^|\\\\s)[\\\\w-]+--(' + ${JSON.stringify(TAPPABLE_CLASSES.join('|'))} + ')(\\\\s|$)');
    return [...layer.querySelectorAll('*')]
      .filter((node) => node.tagName === 'WX-BUTTON' || tappable.test(node.getAttribute('class') || ''))
      .map((node) => ({ node, box: node.getBoundingClientRect() }))
      .filter(({ box }) => box.width > 0 && box.height > 0)
      .map(({ node, box }) => ({
        text: node.innerText.replace(/\\s+/g, ' ').trim().slice(0, 24),
        className: (node.getAttribute('class') || '').split(' ')[0],
        width: Math.round(box.width),
        height: Math.round(box.height),
      }));
  })()`)) as Target[];
}

const tooSmall = (all: Target[]) => all.filter((target) => target.width < MIN_PX || target.height < MIN_PX);

// the pages are opened and measured, nothing is saved: one app for every test
const fixture = usePreviewApp({ readOnly: true });

/**
 * One phone per person for the file: a test takes that person's phone to its page with wx.reLaunch (every open
 * page leaves, the new one loads) instead of loading the app in a new tab, about 2 s a page.
 */
const phones = new Map<string, PreviewPhone>();

async function phoneAt(who: string, route: string): Promise<PreviewPhone> {
  const open = phones.get(who);
  if (!open) {
    const phone = await fixture.open(who, `/${route}`);
    phones.set(who, phone);
    return phone;
  }
  await open.page.evaluate(`new Promise((resolve, reject) => window.wx.reLaunch({
    url: ${JSON.stringify(`/${route}`)},
    success: resolve,
    fail: (failure) => reject(new Error(failure.errMsg)),
  }))`);
  return open;
}

test.each([
  ['new', PAGES.login, '注册'],
  ['new', PAGES.register, '获取验证码'],
  ['new', PAGES.resetPassword, '获取验证码'],
  ['resident', PAGES.home, '自助卡务'],
  ['resident', PAGES.mine, '自助卡务'],
  ['resident', PAGES.sites, '海信慧园'],
  ['resident', CARD_PAGES.list, '绑定新卡'],
  ['resident', CARD_PAGES.bind, '门禁卡'],
  ['admin', PAGES.adminResidentPass, '添加设备'],
  ['admin', PAGES.adminVisitorPass, '保存设置'],
  ['admin', PAGES.adminExitSlip, '保存设置'],
  ['admin', PAGES.adminStaff, '按手机号授权'],
  ['admin', PAGES.adminHouses, '1栋1单元101'],
  ['admin', PAGES.adminRestrictions, '1栋1单元101'],
  ['admin', PAGES.adminObservers, '生成邀请码'],
  ['admin', PAGES.adminRecords, '导出'],
  ['observer', PAGES.adminRecords, '导出'],
  ['admin', 'packages/admin/pages/special-orgs/index', '添加机构'],
  ['admin', 'packages/admin/pages/special-members/index', '添加成员'],
  ['new', 'packages/special/pages/pass/index', '绑定专用通行证'],
  ['resident2', PAGES.applyResidence, '选择场区'],
  ['resident', 'packages/exits/pages/apply/index', '请选择出门日期'],
  ['resident', 'packages/exits/pages/mine/index', '申请出门条'],
])('as %s, every button and link on %s is at least 44 × 44 px', async (who, route, shownOnceLoaded) => {
  const phone = await phoneAt(who, route);
  await phone.waitForPage(route);
  let shown: Target[] = [];
  // the page draws what it loaded after its calls are answered: measure once the tappable `shownOnceLoaded` is there
  await waitFor(async () => {
    shown = await targets(phone);
    return shown.some((target) => target.text.includes(shownOnceLoaded));
  }, `${shownOnceLoaded} on ${route}`);
  expect(tooSmall(shown)).toEqual([]);
});
