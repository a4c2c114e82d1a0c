/**
 * Around the phone: the toolbar (who holds the phone, restart, build state) and the dev panel — the device
 * buttons (shake), everything localcloud "sent" (`GET /_dev/outbox`, whatever its kinds: subscription messages,
 * SMS, door commands once the gate exists), and a log of what the shim could not do. Tapping a subscription
 * message opens its `page` in the preview, as the person it was sent to; tapping a message that carries a URL Link
 * (`https://wxaurl.cn/<ticket>`, e.g. in an SMS) opens the page the link names (`GET /_dev/urllinks/<ticket>`), as
 * its recipient would from their own phone.
 */
import { button, el } from './dom';
import type { Devices } from './devices';
import { demoIdentities, freshOpenid, isFreshUser, NEW_USER } from './identities';

interface OutboxEntry {
  id: number;
  kind: string;
  recipient: string;
  at: number;
  payload: Record<string, unknown>;
}

const KIND_LABELS: Record<string, string> = { subscribeMessage: '订阅消息', sms: '短信' };
/** Door openings: any outbox kind that names a door; the section is there before the gate is. */
const isDoorKind = (kind: string) => /door|gate|open/i.test(kind);
const POLL_MS = 1000;
/** a URL Link (URL Link, `urllink.generate`) anywhere in a message's payload */
const URL_LINK = /https:\/\/(?:wxaurl|wxmpurl)\.cn\/[A-Za-z0-9_-]+/;

export class Toolbar {
  private readonly status: HTMLElement;

  constructor(root: HTMLElement, openid: string, handlers: { switchTo(openid: string): void; restart(): void }) {
    const select = el('select', { class: 'pv-toolbar__who', 'aria-label': '身份' });
    const identities = demoIdentities();
    for (const identity of identities) {
      select.append(el('option', { value: identity.openid, text: identity.label }));
    }
    select.append(el('option', { value: NEW_USER, text: '一个新的微信用户（新 openid）' }));
    if (!identities.some((identity) => identity.openid === openid)) {
      select.append(el('option', { value: openid, text: isFreshUser(openid) ? `新用户 ${openid}` : openid }));
    }
    select.value = openid;
    select.addEventListener('change', () =>
      handlers.switchTo(select.value === NEW_USER ? freshOpenid() : select.value),
    );
    this.status = el('span', { class: 'pv-toolbar__status' });
    root.append(
      el('span', { class: 'pv-toolbar__brand', text: '通行 · 浏览器预览' }),
      el('label', { class: 'pv-toolbar__label', text: '身份' }),
      select,
      button('重新启动小程序', 'pv-toolbar__button', () => handlers.restart()),
      this.status,
    );
  }

  /** Polls the server's build: a newer one reloads the page (the stack is reopened), a failed one is shown. */
  watchBuilds(builtAt: number): void {
    this.status.textContent = `构建于 ${new Date(builtAt).toLocaleTimeString()}`;
    const poll = async () => {
      try {
        const build = (await (await fetch('/app/build')).json()) as { builtAt: number; error?: string };
        if (build.error) {
          this.status.textContent = `构建失败：${build.error}`;
          this.status.classList.add('pv-toolbar__status--error');
        } else if (build.builtAt !== builtAt) {
          location.reload();
          return;
        }
      } catch {
        // localcloud restarting: try again
      }
      window.setTimeout(() => void poll(), POLL_MS);
    };
    window.setTimeout(() => void poll(), POLL_MS);
  }
}

export class DevPanel {
  private readonly sent: HTMLElement;
  private readonly doors: HTMLElement;
  private readonly logList: HTMLElement;
  private readonly shakeHint: HTMLElement;
  private lastSeen = '';

  constructor(
    root: HTMLElement,
    private readonly devices: Devices,
    private readonly handlers: {
      openMessagePage(page: string, recipient: string): void;
      openUrlLink(url: string, recipient: string): void;
    },
  ) {
    this.shakeHint = el('span', { class: 'pv-panel__hint' });
    this.sent = el('div', { class: 'pv-panel__list' });
    this.doors = el('div', { class: 'pv-panel__list' });
    this.logList = el('div', { class: 'pv-panel__list pv-panel__log' });
    root.append(
      el('section', { class: 'pv-panel__section' }, [
        el('h2', { text: '设备' }),
        el('div', { class: 'pv-panel__row' }, [
          button('摇一摇', 'pv-panel__button', () => this.devices.shake()),
          this.shakeHint,
        ]),
      ]),
      el('section', { class: 'pv-panel__section' }, [el('h2', { text: '开门记录' }), this.doors]),
      el('section', { class: 'pv-panel__section' }, [el('h2', { text: '已发送（localcloud outbox）' }), this.sent]),
      el('section', { class: 'pv-panel__section' }, [el('h2', { text: '预览日志' }), this.logList]),
    );
    this.render([]);
    void this.poll();
  }

  log(text: string): void {
    this.logList.prepend(el('div', { class: 'pv-panel__entry', text: `${new Date().toLocaleTimeString()} ${text}` }));
  }

  private async poll(): Promise<void> {
    this.shakeHint.textContent = this.devices.accelerometerRunning ? '小程序正在监听加速度计' : '加速度计未开启';
    try {
      const { messages } = (await (await fetch('/_dev/outbox')).json()) as { messages: OutboxEntry[] };
      const signature = messages.map((message) => message.id).join(',');
      if (signature !== this.lastSeen) {
        this.lastSeen = signature;
        this.render(messages);
      }
    } catch {
      // localcloud restarting: try again
    }
    window.setTimeout(() => void this.poll(), POLL_MS);
  }

  private render(messages: OutboxEntry[]): void {
    const newestFirst = [...messages].reverse();
    const doors = newestFirst.filter((message) => isDoorKind(message.kind));
    const others = newestFirst.filter((message) => !isDoorKind(message.kind));
    this.doors.replaceChildren(...(doors.length ? doors.map((m) => this.entry(m)) : [empty('还没有开门记录')]));
    this.sent.replaceChildren(...(others.length ? others.map((m) => this.entry(m)) : [empty('还没有发送任何消息')]));
  }

  private entry(message: OutboxEntry): HTMLElement {
    const page = typeof message.payload.page === 'string' ? message.payload.page : undefined;
    const link = page ? undefined : URL_LINK.exec(JSON.stringify(message.payload))?.[0];
    const tappable = page ?? link;
    const node = el(
      'div',
      { class: `pv-panel__entry pv-panel__message${tappable ? ' pv-panel__message--link' : ''}` },
      [
        el('div', { class: 'pv-panel__message-head' }, [
          el('span', { class: 'pv-panel__kind', text: KIND_LABELS[message.kind] ?? message.kind }),
          el('span', { text: `→ ${message.recipient}` }),
          el('span', { class: 'pv-panel__time', text: new Date(message.at).toLocaleTimeString() }),
        ]),
        el('pre', { class: 'pv-panel__payload', text: JSON.stringify(message.payload, null, 1) }),
        page ? el('div', { class: 'pv-panel__open', text: `点按打开 ${page}` }) : null,
        link ? el('div', { class: 'pv-panel__open pv-panel__open--link', text: `点按打开链接 ${link}` }) : null,
      ],
    );
    if (page) node.addEventListener('click', () => this.handlers.openMessagePage(page, message.recipient));
    else if (link) node.addEventListener('click', () => this.handlers.openUrlLink(link, message.recipient));
    return node;
  }
}

function empty(text: string): HTMLElement {
  return el('div', { class: 'pv-panel__empty', text });
}
