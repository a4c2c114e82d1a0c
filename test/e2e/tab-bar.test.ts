/**
 * The tab bar as a person uses it: 首页 → 我的 → 首页 shows 首页 again. switchTab keeps a tab page loaded (hidden)
 * when it leaves the stack; the preview once left 我的 drawn over 首页 after the switch back.
 */
import { PAGES } from '../support/pages';
import { usePreviewApp, type PreviewPhone } from './support/preview-app';

const fixture = usePreviewApp();

/** The routes of the page layers a person can see, and the page under the middle of the screen. */
async function onScreen(phone: PreviewPhone): Promise<{ visible: string[]; underFinger: string | null }> {
  return (await phone.page.evaluate(`(() => {
    const visible = [...document.querySelectorAll('.pv-page')]
      .filter((layer) => layer.getBoundingClientRect().height > 0 && getComputedStyle(layer).visibility !== 'hidden')
      .map((layer) => layer.dataset.route);
    const area = document.querySelector('.pv-page:not([hidden])').getBoundingClientRect();
    const hit = document.elementFromPoint(area.left + area.width / 2, area.top + area.height / 2);
    const layer = hit && hit.closest('.pv-page');
    return { visible, underFinger: layer ? layer.dataset.route : null };
  })()`)) as { visible: string[]; underFinger: string | null };
}

test('首页 → 我的 → 首页 shows 首页, not 我的 left over it', async () => {
  const phone = await fixture.open('resident');
  await phone.waitForPage(PAGES.home);
  expect(await onScreen(phone)).toEqual({ visible: [PAGES.home], underFinger: PAGES.home });

  await phone.openTab(PAGES.mine);
  expect(await onScreen(phone)).toEqual({ visible: [PAGES.mine], underFinger: PAGES.mine });

  await phone.openTab(PAGES.home);
  expect(await onScreen(phone)).toEqual({ visible: [PAGES.home], underFinger: PAGES.home });
  expect(await phone.routes()).toEqual([PAGES.home]);

  // and once more: 我的, loaded before, comes back on top of the hidden 首页
  await phone.openTab(PAGES.mine);
  expect(await onScreen(phone)).toEqual({ visible: [PAGES.mine], underFinger: PAGES.mine });
  expect(await phone.errors()).toEqual([]);
});
