/**
 * 有效通行证 (X4): the current site's passes in force, residents' or visitors', a page at a time; a tap asks before
 * taking one back (收回), and a resident's taken-back passes can be given back (恢复). What 收回 means for each kind
 * is core/api/admin-passes.ts's to say; the page repeats it in the question, so the administrator knows.
 */
import type { ActivePassKind, ActivePassView } from '../../../../core/api/admin-passes';
import { listActivePasses, restorePass, revokePass } from '../../services/staff';
import { definePage } from '../../../../utils/define-page';
import { adminSiteBehavior } from '../../behaviors/admin-site';
import { pagedListBehavior } from '../../behaviors/paged-list';
import { formatShanghai } from '../../utils/staff-display';

interface PassRow extends ActivePassView {
  detail: string;
  note: string;
}

interface Fields {
  siteId?: string;
  busy?: boolean;
}

function rowOf(pass: ActivePassView): PassRow {
  const detail =
    pass.kind === 'resident'
      ? `${pass.house ?? ''} · 长期有效`
      : `受访 ${pass.host ?? ''} ${pass.house ?? ''} · 至 ${formatShanghai(pass.validUntil ?? '').slice(5)}`;
  return { ...pass, detail, note: pass.revoked ? '已收回 · 恢复' : '收回' };
}

definePage<Fields>()({
  behaviors: [adminSiteBehavior, pagedListBehavior<PassRow>()],

  data: {
    kind: 'resident' as ActivePassKind,
  },

  methods: {
    async onShow() {
      const site = await this.openAdminSite();
      if (!site) return;
      const siteId = (this.siteId = site.id);
      this.pagedFrom(
        (page) => listActivePasses(siteId, this.data.kind, page),
        (answer) => answer.passes.map(rowOf),
      );
      await this.loadFirst();
    },

    onReachBottom() {
      void this.loadMore();
    },

    /** 住户 or 访客, in `data-kind` */
    async onPickKind(event: WechatMiniprogram.CustomEvent<object, object, { kind: ActivePassKind }>) {
      const { kind } = event.currentTarget.dataset;
      if (kind === this.data.kind) return;
      this.setData({ kind, rows: [] });
      await this.loadFirst();
    },

    /** a pass's row, its id in `data-id` */
    async onTapPass(event: WechatMiniprogram.CustomEvent<object, object, { id: string }>) {
      const pass = this.data.rows.find((p) => p.id === event.currentTarget.dataset.id);
      if (!pass || this.busy || !this.siteId) return;
      const question = pass.revoked
        ? {
            title: '恢复通行证',
            content: `确定恢复${pass.holder}的通行证吗？恢复后可再次出示通行码出门。`,
            confirmText: '恢复',
          }
        : pass.kind === 'resident'
          ? {
              title: '收回通行证',
              content: `确定收回${pass.holder}的通行证吗？正在出示的通行码立即失效，恢复前无法再获取新的通行码。`,
              confirmText: '收回',
            }
          : {
              title: '收回通行证',
              content: `确定收回访客${pass.holder}的通行证吗？收回后不能恢复。`,
              confirmText: '收回',
            };
      const asked = await wx
        .showModal({ ...question, confirmColor: pass.revoked ? '#0052d9' : '#d54941', cancelText: '取消' })
        .catch(() => ({ confirm: false }));
      if (!asked.confirm) return;
      this.busy = true;
      const answer = pass.revoked
        ? await restorePass(this.siteId, pass.id)
        : await revokePass(this.siteId, pass.kind, pass.id);
      this.busy = false;
      if (!answer.ok) {
        wx.showToast({ title: answer.message, icon: 'none' });
        return;
      }
      wx.showToast({ title: pass.revoked ? '已恢复' : '已收回', icon: 'none' });
      await this.loadFirst();
    },
  },
});
