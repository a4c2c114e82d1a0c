/**
 * One open page, driven the way a person drives it: read what is on screen, tap, type, scroll. Selectors are
 * selectComponent's (the classes written in the WXML, `>>>` to reach inside a component); TDesign components
 * are driven through their inner nodes (ui.md), so a tap passes the component's own checks (a disabled button
 * does not fire).
 */
import type { Component as Node, ComponentJSON, RootComponent } from 'j-component';

export type AnyNode = Node<WechatMiniprogram.IAnyObject, WechatMiniprogram.IAnyObject, WechatMiniprogram.IAnyObject>;
export type PageRoot = RootComponent<
  WechatMiniprogram.IAnyObject,
  WechatMiniprogram.IAnyObject,
  WechatMiniprogram.IAnyObject
>;

/** Lifecycles WeChat calls on a page built with the Component constructor (they live in its methods). */
export type PageLifecycle = 'onLoad' | 'onShow' | 'onHide' | 'onUnload' | 'onReachBottom';

export class PageDriver {
  constructor(
    /** e.g. `pages/home/index` */
    readonly route: string,
    readonly root: PageRoot,
  ) {}

  /** The page's `this`, as `getCurrentPages()` returns it. */
  get instance(): object {
    return this.root.instance;
  }

  /** Calls a lifecycle method if the page has one, as the platform does. */
  lifecycle(name: PageLifecycle, arg?: Record<string, string>): void {
    const hook = (this.root.instance as unknown as Record<string, unknown>)[name];
    if (typeof hook === 'function') hook.call(this.root.instance, arg);
  }

  /**
   * The first node matching the selectors in turn, each inside the one before: `find('.site-search',
   * '.t-input__keyword')` is the input inside the page's search box (selectComponent has no `>>>` here).
   */
  find(...selectors: string[]): AnyNode | undefined {
    return descend(this.root, selectors);
  }

  findAll(selector: string): AnyNode[] {
    return this.root.querySelectorAll(selector);
  }

  has(...selectors: string[]): boolean {
    return this.find(...selectors) !== undefined;
  }

  /** The text a person reads in the node the selectors reach; the whole page without selectors. */
  text(...selectors: string[]): string {
    return readableText(this.get(selectors));
  }

  /** A tap on a node: selectors as `find` takes them, or a node found before and selectors inside it. */
  tap(target: AnyNode | string, ...selectors: string[]): void {
    const node = typeof target === 'string' ? this.get([target, ...selectors]) : descend(target, selectors);
    if (!node) throw new Error(`${this.route}: nothing matches ${selectors.join(' then ')} inside the node`);
    node.dispatchEvent('tap');
  }

  /** Types into an input (WeChat sends `input` with the whole value on each keystroke). */
  type(value: string, ...selectors: string[]): void {
    this.get(selectors).dispatchEvent('input', { detail: { value } });
  }

  /** The person scrolls to the end of the list. */
  scrollToBottom(): void {
    this.lifecycle('onReachBottom');
  }

  private get(selectors: string[]): AnyNode {
    const node = this.find(...selectors);
    if (!node) throw new Error(`${this.route}: nothing matches ${selectors.join(' then ')}\n${this.text()}`);
    return node;
  }
}

function descend(node: AnyNode, selectors: string[]): AnyNode | undefined {
  let found: AnyNode | undefined = node;
  for (const selector of selectors) found = found?.querySelector(selector);
  return found;
}

/**
 * The text a person reads in a node, or in the node the selectors reach inside it: its text nodes, shadow trees
 * included (TDesign's components keep their text inside), each trimmed.
 */
export function readableText(node: AnyNode, ...selectors: string[]): string {
  const target = descend(node, selectors);
  if (!target) throw new Error(`nothing matches ${selectors.join(' then ')} inside the node`);
  const parts: string[] = [];
  const walk = (json: ComponentJSON | string) => {
    if (typeof json === 'string') parts.push(json.trim());
    else json.children.forEach(walk);
  };
  walk(target.toJSON());
  return parts.join('');
}
