/**
 * The client's native overlays, drawn over the phone's screen in WeChat's look: the toast/loading bubble (one at
 * a time: each replaces the other, as on the phone), the modal dialog, the action sheet, and the dialogs the
 * preview puts where the phone would show its own UI (camera, permission prompts). The sizes and colours follow
 * WeChat's iOS client by eye; fonts and animations differ.
 */
import { button, el } from './dom';

export interface ToastOptions {
  title: string;
  icon?: 'success' | 'error' | 'loading' | 'none';
  duration?: number;
  mask?: boolean;
}

export interface ModalOptions {
  title?: string;
  content?: string;
  showCancel?: boolean;
  cancelText?: string;
  cancelColor?: string;
  confirmText?: string;
  confirmColor?: string;
  editable?: boolean;
  placeholderText?: string;
}

const ICONS: Record<'success' | 'error', string> = {
  success:
    '<svg viewBox="0 0 48 48" width="48" height="48"><path d="M10 25l9 9 19-20" fill="none" stroke="#fff" stroke-width="4" stroke-linecap="round" stroke-linejoin="round"/></svg>',
  error:
    '<svg viewBox="0 0 48 48" width="48" height="48"><circle cx="24" cy="24" r="18" fill="none" stroke="#fff" stroke-width="3.5"/><path d="M24 14v13" stroke="#fff" stroke-width="4" stroke-linecap="round"/><circle cx="24" cy="33" r="2.5" fill="#fff"/></svg>',
};

export class Overlays {
  private bubble: { node: HTMLElement; kind: 'toast' | 'loading'; timer?: number } | undefined;

  constructor(private readonly layer: HTMLElement) {}

  /** showToast and showLoading: one bubble; `kind` tells which hide call may close it. */
  showBubble(kind: 'toast' | 'loading', options: ToastOptions): void {
    this.hideBubble();
    const icon = kind === 'loading' ? 'loading' : (options.icon ?? 'success');
    const withIcon = icon !== 'none';
    const node = el('div', { class: `pv-bubble-layer${options.mask ? ' pv-bubble-layer--mask' : ''}` }, [
      el('div', { class: `pv-bubble ${withIcon ? 'pv-bubble--icon' : 'pv-bubble--text'}`, 'data-kind': kind }, [
        icon === 'loading' ? el('div', { class: 'pv-spinner' }) : null,
        icon === 'success' || icon === 'error' ? el('div', { class: 'pv-bubble__icon', html: ICONS[icon] }) : null,
        el('div', { class: 'pv-bubble__title', text: options.title }),
      ]),
    ]);
    this.layer.append(node);
    const timer =
      kind === 'toast' ? window.setTimeout(() => this.hideBubble('toast'), options.duration ?? 1500) : undefined;
    this.bubble = { node, kind, timer };
  }

  hideBubble(kind?: 'toast' | 'loading'): void {
    if (!this.bubble || (kind && this.bubble.kind !== kind)) return;
    window.clearTimeout(this.bubble.timer);
    this.bubble.node.remove();
    this.bubble = undefined;
  }

  modal(options: ModalOptions): Promise<{ confirm: boolean; cancel: boolean; content?: string }> {
    return new Promise((resolve) => {
      const input = options.editable
        ? el('input', { class: 'pv-modal__input', placeholder: options.placeholderText ?? '' })
        : null;
      const close = (confirm: boolean) => {
        layer.remove();
        resolve({
          confirm,
          cancel: !confirm,
          ...(options.editable ? { content: (input as HTMLInputElement).value } : {}),
        });
      };
      const cancel = button(options.cancelText ?? '取消', 'pv-modal__button', () => close(false));
      cancel.style.color = options.cancelColor ?? '#000000';
      const confirm = button(options.confirmText ?? '确定', 'pv-modal__button pv-modal__button--confirm', () =>
        close(true),
      );
      confirm.style.color = options.confirmColor ?? '#576B95';
      const layer = el('div', { class: 'pv-mask pv-mask--center' }, [
        el('div', { class: 'pv-modal', role: 'dialog' }, [
          options.title ? el('div', { class: 'pv-modal__title', text: options.title }) : null,
          options.content ? el('div', { class: 'pv-modal__content', text: options.content }) : null,
          input,
          el('div', { class: 'pv-modal__footer' }, [options.showCancel === false ? null : cancel, confirm]),
        ]),
      ]);
      this.layer.append(swallowingGhostClick(layer));
    });
  }

  /** The bottom sheet of showActionSheet; resolves the tapped index, or undefined for 取消 / the mask. */
  actionSheet(items: string[], options: { alertText?: string; itemColor?: string } = {}): Promise<number | undefined> {
    return new Promise((resolve) => {
      const close = (index: number | undefined) => {
        layer.remove();
        resolve(index);
      };
      const sheet = el('div', { class: 'pv-sheet', role: 'dialog' }, [
        options.alertText ? el('div', { class: 'pv-sheet__alert', text: options.alertText }) : null,
        ...items.map((item, index) => {
          const node = button(item, 'pv-sheet__item', () => close(index));
          node.style.color = options.itemColor ?? '#000000';
          return node;
        }),
        el('div', { class: 'pv-sheet__gap' }),
        button('取消', 'pv-sheet__item pv-sheet__cancel', () => close(undefined)),
      ]);
      const layer = el('div', { class: 'pv-mask pv-mask--bottom' }, [sheet]);
      layer.addEventListener('click', (event) => {
        if (event.target === layer) close(undefined);
      });
      this.layer.append(swallowingGhostClick(layer));
    });
  }

  /**
   * A dialog standing in for the phone's own UI: a title, a note saying what the real phone does, content, and
   * buttons; resolves with the chosen button's value (`undefined` when closed).
   */
  standIn<T>(
    title: string,
    note: string,
    content: Node[],
    actions: Array<{ label: string; value: () => T | undefined; primary?: boolean }>,
  ): Promise<T | undefined> {
    return new Promise((resolve) => {
      const close = (value: T | undefined) => {
        layer.remove();
        resolve(value);
      };
      const layer = el('div', { class: 'pv-mask pv-mask--bottom' }, [
        el('div', { class: 'pv-standin', role: 'dialog' }, [
          el('div', { class: 'pv-standin__title', text: title }),
          el('div', { class: 'pv-standin__note', text: note }),
          ...content,
          el(
            'div',
            { class: 'pv-standin__actions' },
            actions.map((action) =>
              button(action.label, `pv-standin__button${action.primary ? ' pv-standin__button--primary' : ''}`, () =>
                close(action.value()),
              ),
            ),
          ),
        ]),
      ]);
      this.layer.append(swallowingGhostClick(layer));
    });
  }
}

/** How long after an overlay shows a click may still be the one the opening tap left behind. */
const GHOST_CLICK_MS = 350;

/**
 * A browser follows a touch with a compatibility click at the same point. When the touch opened this overlay
 * (退出登录 opening its confirm, say), that click would land on whatever button now lies under the finger and
 * answer the overlay unasked. WeChat's native overlays never see it, so the preview drops it: a click that comes
 * from touch within moments of the overlay showing. A person's own tap on the overlay comes later.
 */
function swallowingGhostClick(layer: HTMLElement): HTMLElement {
  const shownAt = performance.now();
  layer.addEventListener(
    'click',
    (event) => {
      const fromTouch = (event as UIEvent & { sourceCapabilities?: { firesTouchEvents?: boolean } }).sourceCapabilities
        ?.firesTouchEvents;
      if (fromTouch && performance.now() - shownAt < GHOST_CLICK_MS) {
        event.stopPropagation();
        event.preventDefault();
      }
    },
    true,
  );
  return layer;
}
