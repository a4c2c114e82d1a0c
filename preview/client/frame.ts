/**
 * The phone: a 375 × 812 screen (an iPhone X-class size, the commonest WeChat width) with the parts WeChat draws
 * natively around a page — status bar, navigation bar (title from app.json `window` and the page's json, the
 * back arrow, the menu capsule), the tab bar when app.json has one — and the page area between them, where pages
 * render and scroll. Beside it: the toolbar above and the dev panel (dev-panel.ts).
 */
import type { TabBarConfig, WindowConfig } from '../manifest-types';
import { el } from './dom';

export { SCREEN } from './screen';

export interface FrameParts {
  toolbar: HTMLElement;
  screen: HTMLElement;
  viewport: HTMLElement;
  overlays: HTMLElement;
  panel: HTMLElement;
}

const CAPSULE =
  '<svg viewBox="0 0 87 32" width="87" height="32"><rect x=".5" y=".5" width="86" height="31" rx="15.5" fill="rgba(255,255,255,.6)" stroke="rgba(0,0,0,.12)"/><circle cx="17" cy="16" r="2.6" fill="currentColor"/><circle cx="26" cy="16" r="3.6" fill="currentColor"/><circle cx="35" cy="16" r="2.6" fill="currentColor"/><path d="M43.5 9v14" stroke="rgba(0,0,0,.15)"/><circle cx="65" cy="16" r="8" fill="none" stroke="currentColor" stroke-width="2"/><circle cx="65" cy="16" r="3" fill="currentColor"/></svg>';
const BACK =
  '<svg viewBox="0 0 12 24" width="12" height="24"><path d="M10 3L2 12l8 9" fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round"/></svg>';
const HOME =
  '<svg viewBox="0 0 24 24" width="22" height="22"><path d="M3.5 10.5L12 3.5l8.5 7V20a.5.5 0 0 1-.5.5h-5v-6h-6v6H4a.5.5 0 0 1-.5-.5z" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linejoin="round"/></svg>';
const STATUS_ICONS =
  '<svg viewBox="0 0 68 12" width="68" height="12"><rect x="0" y="8" width="3" height="4" rx="1"/><rect x="5" y="6" width="3" height="6" rx="1"/><rect x="10" y="3" width="3" height="9" rx="1"/><rect x="15" y="0" width="3" height="12" rx="1"/><path d="M25 4.5a10 10 0 0 1 14 0l-1.6 1.6a7.7 7.7 0 0 0-10.8 0zM28.2 7.7a5.5 5.5 0 0 1 7.6 0L32 11.5z"/><rect x="43.5" y=".5" width="22" height="11" rx="3" fill="none" stroke="currentColor" opacity=".4"/><rect x="45" y="2" width="19" height="8" rx="1.8"/><rect x="66.5" y="4" width="1.5" height="4" rx=".7" opacity=".4"/></svg>';

export class Frame {
  readonly parts: FrameParts;
  private readonly navBar: HTMLElement;
  private readonly title: HTMLElement;
  private readonly back: HTMLElement;
  private readonly tabBar: HTMLElement;

  constructor(
    root: HTMLElement,
    private readonly tabs: TabBarConfig | undefined,
    handlers: { back(): void; home(): void; tab(pagePath: string): void },
  ) {
    this.title = el('div', { class: 'pv-navbar__title' });
    this.back = el('button', { class: 'pv-navbar__back', html: BACK, 'aria-label': '返回' });
    this.back.addEventListener('click', () => (this.back.dataset.mode === 'home' ? handlers.home() : handlers.back()));
    this.navBar = el('div', { class: 'pv-navbar' }, [
      this.back,
      this.title,
      el('div', { class: 'pv-navbar__capsule', html: CAPSULE }),
    ]);
    this.tabBar = el('div', { class: 'pv-tabbar' });
    this.tabBar.style.backgroundColor = tabs?.backgroundColor ?? '#f7f7f7';
    this.tabBar.style.borderTopColor = tabs?.borderStyle === 'white' ? 'rgba(255,255,255,.3)' : 'rgba(0,0,0,.15)';
    for (const item of tabs?.list ?? []) {
      const icon = el('span', { class: 'pv-tabbar__icon' });
      icon.style.setProperty('--pv-icon', item.iconPath ? `url(/app/mp/${item.iconPath})` : 'none');
      icon.style.setProperty('--pv-icon-selected', `url(/app/mp/${item.selectedIconPath ?? item.iconPath})`);
      const tab = el('button', { class: 'pv-tabbar__item', 'data-path': item.pagePath }, [
        icon,
        el('span', { class: 'pv-tabbar__text', text: item.text }),
      ]);
      tab.addEventListener('click', () => handlers.tab(item.pagePath));
      this.tabBar.append(tab);
    }
    const viewport = el('div', { class: 'pv-viewport' });
    const overlays = el('div', { class: 'pv-overlays' });
    const screen = el('div', { class: 'pv-screen' }, [
      el('div', { class: 'pv-statusbar' }, [
        el('span', { class: 'pv-statusbar__time', text: '9:41' }),
        el('span', { class: 'pv-statusbar__icons', html: STATUS_ICONS }),
      ]),
      this.navBar,
      viewport,
      this.tabBar,
      el('div', { class: 'pv-home-indicator' }),
      overlays,
    ]);
    const toolbar = el('header', { class: 'pv-toolbar' });
    const panel = el('aside', { class: 'pv-panel' });
    root.append(toolbar, el('main', { class: 'pv-stage' }, [el('div', { class: 'pv-phone' }, [screen]), panel]));
    this.parts = { toolbar, screen, viewport, overlays, panel };
  }

  /**
   * Draws the native bars for the page on screen: a back arrow over another page, or — as WeChat does when the
   * only page is neither the home page nor a tab — a home button.
   */
  show(route: string, window: WindowConfig, nav: 'back' | 'home' | 'none'): void {
    const custom = window.navigationStyle === 'custom';
    const light = window.navigationBarTextStyle === 'white';
    this.parts.screen.classList.toggle('pv-screen--custom-nav', custom);
    this.parts.screen.classList.toggle('pv-screen--light-status', light);
    this.navBar.style.backgroundColor = window.navigationBarBackgroundColor ?? '#ffffff';
    this.navBar.style.color = light ? '#ffffff' : '#000000';
    this.title.textContent = window.navigationBarTitleText ?? '';
    this.back.hidden = nav === 'none';
    this.back.dataset.mode = nav;
    this.back.innerHTML = nav === 'home' ? HOME : BACK;
    this.back.setAttribute('aria-label', nav === 'home' ? '首页' : '返回');
    const onTab = this.tabs?.list.some((item) => item.pagePath === route) ?? false;
    this.parts.screen.classList.toggle('pv-screen--tabbar', onTab);
    for (const tab of this.tabBar.querySelectorAll<HTMLElement>('.pv-tabbar__item')) {
      const selected = tab.dataset.path === route;
      tab.classList.toggle('pv-tabbar__item--selected', selected);
      tab.style.color = (selected ? this.tabs?.selectedColor : this.tabs?.color) ?? '';
    }
    this.parts.viewport.style.backgroundColor = window.backgroundColor ?? '#ffffff';
  }

  setTitle(title: string): void {
    this.title.textContent = title;
  }

  setNavColors(frontColor: string, backgroundColor: string): void {
    this.navBar.style.color = frontColor;
    this.navBar.style.backgroundColor = backgroundColor;
    this.parts.screen.classList.toggle('pv-screen--light-status', frontColor.toLowerCase() === '#ffffff');
  }

  /** What vibrateShort/Long look like here: the phone frame flashes. */
  flash(long: boolean): void {
    const phone = this.parts.screen.parentElement as HTMLElement;
    phone.classList.remove('pv-phone--buzz', 'pv-phone--buzz-long');
    void phone.offsetWidth;
    phone.classList.add(long ? 'pv-phone--buzz-long' : 'pv-phone--buzz');
  }
}
