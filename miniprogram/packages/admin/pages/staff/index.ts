/**
 * 人员权限 (X2): the current site's administrators and guards. An administrator grants a role by the person's phone
 * (they must have registered) or makes an invitation code to hand over, shown once with 复制; a tap on a person or
 * an open invitation asks before taking it back. The site's last administrator cannot be taken away (LAST_ADMIN):
 * the page says so above the list, and again in place when the function refuses.
 */
import type { InvitationView, StaffMemberView, StaffRole } from '../../../../core/api/admin-staff';
import { ROLE_LABELS } from '../../../../core/roles';
import { formatShanghai } from '../../utils/staff-display';
import { createInvitation, grantRole, listStaff, revokeInvitation, revokeRole } from '../../services/staff';
import { definePage } from '../../../../utils/define-page';
import { adminSiteBehavior } from '../../behaviors/admin-site';

type StaffStatus = 'loading' | 'ready' | 'failed';

interface MemberRow extends StaffMemberView {
  roleLabel: string;
  detail: string;
}

interface InvitationRow extends InvitationView {
  roleLabel: string;
  detail: string;
}

interface Fields {
  siteId?: string;
  /** a change on its way: a second tap does nothing */
  busy?: boolean;
}

const rowOf = (m: StaffMemberView): MemberRow => ({
  ...m,
  roleLabel: ROLE_LABELS[m.role],
  detail: [m.phone ?? '未登记手机号', m.me ? '我' : ''].filter(Boolean).join(' · '),
});

const invitationRowOf = (i: InvitationView): InvitationRow => ({
  ...i,
  roleLabel: ROLE_LABELS[i.role],
  detail: `${formatShanghai(i.expiresAt)} 前有效`,
});

definePage<Fields>()({
  behaviors: [adminSiteBehavior],

  data: {
    status: 'loading' as StaffStatus,
    failure: '',
    admins: [] as MemberRow[],
    guards: [] as MemberRow[],
    invitations: [] as InvitationRow[],
    phone: '',
    role: 'guard' as StaffRole,
    granting: false,
    grantProblem: '',
    /** why the last change was refused, shown in place (LAST_ADMIN reads better here than in a toast) */
    refusal: '',
    /** the code just made: shown once, with 复制 */
    newCode: '',
    newCodeRole: '',
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
      const answer = await listStaff(this.siteId);
      if (!answer.ok) {
        this.setData({ status: 'failed', failure: answer.message });
        return;
      }
      const rows = answer.data.members.map(rowOf);
      this.setData({
        status: 'ready',
        admins: rows.filter((r) => r.role === 'admin'),
        guards: rows.filter((r) => r.role === 'guard'),
        invitations: answer.data.invitations.map(invitationRowOf),
      });
    },

    onPhoneInput(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ phone: event.detail.value, grantProblem: '' });
    },

    /** the role to grant or invite to, in `data-role` */
    onPickRole(event: WechatMiniprogram.CustomEvent<object, object, { role: StaffRole }>) {
      this.setData({ role: event.currentTarget.dataset.role });
    },

    async onGrant() {
      if (this.busy || !this.siteId) return;
      const phone = this.data.phone.trim();
      if (!/^1[3-9]\d{9}$/.test(phone)) {
        this.setData({ grantProblem: '请输入11位手机号' });
        return;
      }
      this.busy = true;
      this.setData({ granting: true, refusal: '' });
      const answer = await grantRole(this.siteId, phone, this.data.role);
      this.busy = false;
      this.setData({ granting: false });
      if (!answer.ok) {
        this.setData({ grantProblem: answer.message });
        return;
      }
      wx.showToast({
        title: `已授权${answer.data.member.name}为${ROLE_LABELS[answer.data.member.role]}`,
        icon: 'none',
      });
      this.setData({ phone: '' });
      await this.load();
    },

    async onInvite() {
      if (this.busy || !this.siteId) return;
      this.busy = true;
      const answer = await createInvitation(this.siteId, this.data.role);
      this.busy = false;
      if (!answer.ok) {
        wx.showToast({ title: answer.message, icon: 'none' });
        return;
      }
      this.setData({
        newCode: answer.data.code,
        newCodeRole: ROLE_LABELS[answer.data.invitation.role],
        newCodeExpires: formatShanghai(answer.data.invitation.expiresAt),
      });
      await this.load();
    },

    onCopyCode() {
      wx.setClipboardData({ data: this.data.newCode });
    },

    /** a person's row, the membership id in `data-id` */
    async onRevokeMember(event: WechatMiniprogram.CustomEvent<object, object, { id: string }>) {
      const member = [...this.data.admins, ...this.data.guards].find((m) => m.id === event.currentTarget.dataset.id);
      if (!member || this.busy || !this.siteId) return;
      const self = member.me ? '（您本人）' : '';
      const confirmed = await this.ask(
        `撤销${member.roleLabel}`,
        `确定撤销${member.name}${self}的${member.roleLabel}权限吗？撤销后对方立即失去该权限。`,
        '撤销',
      );
      if (!confirmed) return;
      this.busy = true;
      const answer = await revokeRole(this.siteId, member.id);
      this.busy = false;
      if (!answer.ok) {
        this.setData({ refusal: answer.message });
        return;
      }
      this.setData({ refusal: '' });
      wx.showToast({ title: '已撤销', icon: 'none' });
      // an administrator who stepped down is no longer one here: the access check says so
      if (member.me && member.role === 'admin') await this.openAdminSite();
      await this.load();
    },

    /** an open invitation's row, its id in `data-id` */
    async onRevokeInvitation(event: WechatMiniprogram.CustomEvent<object, object, { id: string }>) {
      const invitation = this.data.invitations.find((i) => i.id === event.currentTarget.dataset.id);
      if (!invitation || this.busy || !this.siteId) return;
      if (!(await this.ask('作废邀请码', `确定作废这个${invitation.roleLabel}邀请码吗？作废后无法再使用。`, '作废')))
        return;
      this.busy = true;
      const answer = await revokeInvitation(this.siteId, invitation.id);
      this.busy = false;
      if (!answer.ok) {
        wx.showToast({ title: answer.message, icon: 'none' });
        return;
      }
      this.setData({ newCode: '' });
      await this.load();
    },

    async ask(title: string, content: string, confirmText: string): Promise<boolean> {
      const answer = await wx
        .showModal({ title, content, confirmText, confirmColor: '#d54941', cancelText: '取消' })
        .catch(() => ({ confirm: false }));
      return answer.confirm;
    },
  },
});
