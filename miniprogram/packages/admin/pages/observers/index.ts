/**
 * 观察员 (P11): people of the 街道办, the 派出所 and the like who read the current site's access records, read-only
 * and masked. An administrator enters the person's phone, name and organisation and how long the right lasts
 * (不限, or 1/3/6/12 months, ending with that Shanghai day); that makes an invitation code, shown once with 复制,
 * which the person opens in the mini-program (我的 → 接受邀请) signed in with that phone. A tap on an observer asks
 * before taking the right back (or withdrawing a code not yet used).
 */
import type { ObserverStatus, ObserverView } from '../../../../core/api/admin-observers';
import { SHANGHAI_OFFSET_MS } from '../../../../core/time';
import { definePage } from '../../../../utils/define-page';
import { adminSiteBehavior } from '../../behaviors/admin-site';
import { addObserver, listObservers, revokeObserver } from '../../services/observers';
import { formatShanghai } from '../../utils/staff-display';

type Status = 'loading' | 'ready' | 'failed';

/** How long the right lasts: months from today, or 0 for 不限 (until revoked). */
export const OBSERVER_TERMS = [
  { months: 0, label: '不限' },
  { months: 1, label: '1个月' },
  { months: 3, label: '3个月' },
  { months: 6, label: '6个月' },
  { months: 12, label: '1年' },
];

const STATUS_WORDS: Record<ObserverStatus, string> = { pending: '待绑定', active: '有效', expired: '已过期' };

interface ObserverRow extends ObserverView {
  statusLabel: string;
  detail: string;
}

interface Fields {
  siteId?: string;
  busy?: boolean;
}

/** The last day of a term, `YYYY-MM-DD` in Shanghai: today plus `months` (the month's last day if shorter). */
export function termEnd(months: number, now: number): string {
  const today = new Date(now + SHANGHAI_OFFSET_MS);
  const y = today.getUTCFullYear();
  const m = today.getUTCMonth() + months;
  const monthEnd = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(today.getUTCDate(), monthEnd))).toISOString().slice(0, 10);
}

/** The day a right ends, as the administrator picked it (`expiresAt` is the midnight after it). */
function lastDay(expiresAt: string): string {
  return formatShanghai(new Date(Date.parse(expiresAt) - 60_000).toISOString()).slice(0, 10);
}

const rowOf = (o: ObserverView): ObserverRow => ({
  ...o,
  statusLabel: STATUS_WORDS[o.status],
  detail: [
    o.organisation,
    o.phone,
    o.status === 'pending' && o.invitationExpiresAt
      ? `邀请码 ${formatShanghai(o.invitationExpiresAt)} 前有效`
      : o.expiresAt
        ? `${o.status === 'expired' ? '已于' : '有效至'} ${lastDay(o.expiresAt)}${o.status === 'expired' ? ' 到期' : ''}`
        : '长期有效',
  ].join(' · '),
});

definePage<Fields>()({
  behaviors: [adminSiteBehavior],

  data: {
    status: 'loading' as Status,
    failure: '',
    observers: [] as ObserverRow[],
    terms: OBSERVER_TERMS,
    term: 0,
    name: '',
    phone: '',
    organisation: '',
    problems: { name: '', phone: '', organisation: '' },
    adding: false,
    /** the code just made: shown once, with 复制 */
    newCode: '',
    newCodeFor: '',
    newCodeExpires: '',
  },

  methods: {
    async onShow() {
      const site = await this.openAdminSite();
      if (!site) return;
      this.siteId = site.id;
      await this.load();
    },

    async load() {
      if (!this.siteId) return;
      if (this.data.status !== 'ready') this.setData({ status: 'loading' });
      const answer = await listObservers(this.siteId);
      if (!answer.ok) {
        this.setData({ status: 'failed', failure: answer.message });
        return;
      }
      this.setData({ status: 'ready', observers: answer.data.observers.map(rowOf) });
    },

    onNameInput(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ name: event.detail.value, 'problems.name': '' });
    },

    onPhoneInput(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ phone: event.detail.value, 'problems.phone': '' });
    },

    onOrganisationInput(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ organisation: event.detail.value, 'problems.organisation': '' });
    },

    /** a term chip, its months in `data-months` */
    onPickTerm(event: WechatMiniprogram.CustomEvent<object, object, { months: number }>) {
      this.setData({ term: Number(event.currentTarget.dataset.months) });
    },

    async onAdd() {
      if (this.busy || !this.siteId) return;
      const name = this.data.name.trim();
      const phone = this.data.phone.trim();
      const organisation = this.data.organisation.trim();
      const problems = {
        name: name ? '' : '请输入姓名',
        phone: /^1[3-9]\d{9}$/.test(phone) ? '' : '请输入11位手机号',
        organisation: organisation ? '' : '请输入身份或单位，如 街道办、派出所',
      };
      this.setData({ problems });
      if (problems.name || problems.phone || problems.organisation) return;
      this.busy = true;
      this.setData({ adding: true });
      const answer = await addObserver(this.siteId, {
        name,
        phone,
        organisation,
        ...(this.data.term ? { expiresOn: termEnd(this.data.term, Date.now()) } : {}),
      });
      this.busy = false;
      this.setData({ adding: false });
      if (!answer.ok) {
        wx.showToast({ title: answer.message, icon: 'none' });
        return;
      }
      const { observer, code } = answer.data;
      this.setData({
        newCode: code,
        newCodeFor: `${observer.name}（${observer.organisation}）`,
        newCodeExpires: formatShanghai(observer.invitationExpiresAt ?? ''),
        name: '',
        phone: '',
        organisation: '',
      });
      await this.load();
    },

    onCopyCode() {
      wx.setClipboardData({ data: this.data.newCode });
    },

    /** an observer's row, its id in `data-id` */
    async onRevoke(event: WechatMiniprogram.CustomEvent<object, object, { id: string }>) {
      const observer = this.data.observers.find((o) => o.id === event.currentTarget.dataset.id);
      if (!observer || this.busy || !this.siteId) return;
      const pending = observer.status === 'pending';
      const confirmed = await wx
        .showModal({
          title: pending ? '作废邀请码' : '撤销观察员',
          content: pending
            ? `确定作废给${observer.name}的邀请码吗？作废后无法再使用。`
            : `确定撤销${observer.name}（${observer.organisation}）的观察员权限吗？撤销后对方立即无法查看出入记录。`,
          confirmText: pending ? '作废' : '撤销',
          confirmColor: '#d54941',
          cancelText: '取消',
        })
        .catch(() => ({ confirm: false }));
      if (!confirmed.confirm) return;
      this.busy = true;
      const answer = await revokeObserver(this.siteId, observer.id);
      this.busy = false;
      if (!answer.ok) {
        wx.showToast({ title: answer.message, icon: 'none' });
        return;
      }
      wx.showToast({ title: pending ? '已作废' : '已撤销', icon: 'none' });
      if (pending) this.setData({ newCode: '' });
      await this.load();
    },
  },
});
