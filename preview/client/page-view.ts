/**
 * One open page on the preview's phone: its own layer in the page area, scrolling by itself (WeChat gives each
 * page its own webview, so each keeps its scroll position), with `position: fixed` pinned to the page area, not
 * to the browser window. The page's root element is `<tx-page>`, what WXSS calls `page`.
 *
 * Scrolling calls `onPageScroll` and, within `onReachBottomDistance` (default 50 px) of the end, `onReachBottom`
 * once per arrival, as WeChat does.
 */
import type { PageLifecycle, PageQuery } from './page-stack';
import type { PageRoot } from './runtime';
import { el } from './dom';

export type PageEvent = PageLifecycle | 'onPageScroll' | 'onReachBottom';

export class PageView {
  readonly layer: HTMLElement;
  private readonly scroller: HTMLElement;
  private nearBottom = false;

  constructor(
    readonly route: string,
    readonly root: PageRoot,
    private readonly reachBottomDistance: number,
  ) {
    const page = document.createElement('tx-page');
    this.scroller = el('div', { class: 'pv-scroller' }, [page]);
    this.layer = el('div', { class: 'pv-page', 'data-route': route }, [this.scroller]);
    root.attach(page);
    this.scroller.addEventListener('scroll', () => this.onScroll(), { passive: true });
  }

  /** The page's `this`, as getCurrentPages() lists it. */
  get instance(): Record<string, unknown> {
    return this.root.instance as unknown as Record<string, unknown>;
  }

  call(event: PageEvent, argument?: PageQuery | { scrollTop: number }): void {
    const hook = this.instance[event];
    if (typeof hook === 'function') hook.call(this.instance, argument);
  }

  setVisible(visible: boolean): void {
    this.layer.hidden = !visible;
  }

  scrollTo(top: number): void {
    this.scroller.scrollTo({ top });
  }

  remove(): void {
    this.root.detach();
    this.layer.remove();
  }

  private onScroll(): void {
    const { scrollTop, scrollHeight, clientHeight } = this.scroller;
    this.call('onPageScroll', { scrollTop });
    const near = scrollTop + clientHeight >= scrollHeight - this.reachBottomDistance;
    if (near && !this.nearBottom) this.call('onReachBottom');
    this.nearBottom = near;
  }
}
