/**
 * 专用通行证设置 → 成员 (P6): the members of the organisations serving the current site (or of one, `?organisationId=`),
 * 20 a page. 添加成员 takes the organisation, name, phone, validity period and optionally an ID number (sent once,
 * shown masked after); the new member's invitation code is shown once, with 复制, to hand over — the member opens it
 * in the app (我的 → 专用通行证). A tap on a member shows 编辑, 停用 / 启用 and, before they bind, 重新生成邀请码
 * under the list.
 */
import type { SpecialMemberInput, SpecialMemberView } from '../../../../core/api/admin-special';
import { shanghaiDate } from '../../../../core/time';
import { definePage } from '../../../../utils/define-page';
import { adminSiteBehavior } from '../../behaviors/admin-site';
import {
  createMember,
  listMembers,
  listOrganisations,
  renewInvitation,
  setMemberStatus,
  updateMember,
} from '../../services/special';
import { formatShanghai } from '../../utils/staff-display';
import { memberRowOf, type MemberRow } from '../../utils/special-members';

type Status = 'loading' | 'ready' | 'failed';

interface Fields {
  siteId?: string;
  busy?: boolean;
}

const emptyForm = () => {
  const today = shanghaiDate(new Date());
  return { memberId: '', name: '', phone: '', idNumber: '', validFrom: today, validTo: today, organisationId: '' };
};

definePage<Fields>()({
  behaviors: [adminSiteBehavior],

  data: {
    status: 'loading' as Status,
    failure: '',
    filter: '',
    organisations: [] as Array<{ id: string; name: string }>,
    members: [] as MemberRow[],
    page: 1,
    hasMore: false,
    form: emptyForm(),
    /** the form is open (添加成员 or 编辑) */
    editing: false,
    saving: false,
    problem: '',
    /** a code just made: shown once, with 复制 */
    newCode: '',
    newCodeFor: '',
    newCodeExpires: '',
    /** the member whose actions show (编辑, 停用 / 启用, 重新生成邀请码) */
    selected: null as MemberRow | null,
  },

  methods: {
    onLoad(query: Record<string, string | undefined>) {
      if (query.organisationId) this.setData({ filter: query.organisationId });
    },

    async onShow() {
      const site = await this.openAdminSite();
      if (!site) return;
      this.siteId = site.id;
      await this.load();
    },

    async load(page = 1) {
      if (!this.siteId) return;
      if (this.data.status !== 'ready') this.setData({ status: 'loading' });
      const [orgs, found] = await Promise.all([
        listOrganisations(this.siteId),
        listMembers(this.siteId, page, this.data.filter || undefined),
      ]);
      if (!orgs.ok || !found.ok) {
        this.setData({ status: 'failed', failure: !orgs.ok ? orgs.message : !found.ok ? found.message : '' });
        return;
      }
      const rows = found.data.members.map(memberRowOf);
      this.setData({
        status: 'ready',
        organisations: orgs.data.organisations.map((o) => ({ id: o.id, name: o.name })),
        members: page === 1 ? rows : [...this.data.members, ...rows],
        page,
        hasMore: found.data.hasMore,
      });
    },

    onMore() {
      void this.load(this.data.page + 1);
    },

    /** an organisation chip above the list, its id in `data-id` ('' for all) */
    onFilter(event: WechatMiniprogram.CustomEvent<object, object, { id: string }>) {
      this.setData({ filter: event.currentTarget.dataset.id });
      void this.load();
    },

    onAdd() {
      const organisationId = this.data.filter || this.data.organisations[0]?.id || '';
      this.setData({ editing: true, problem: '', form: { ...emptyForm(), organisationId } });
    },

    onCancel() {
      this.setData({ editing: false, problem: '' });
    },

    /** a form field's input, the field's name in `data-field` */
    onField(event: WechatMiniprogram.CustomEvent<{ value: string }, object, { field: string }>) {
      this.setData({ [`form.${event.currentTarget.dataset.field}`]: event.detail.value, problem: '' });
    },

    /** an organisation chip in the form, its id in `data-id` */
    onPickOrganisation(event: WechatMiniprogram.CustomEvent<object, object, { id: string }>) {
      this.setData({ 'form.organisationId': event.currentTarget.dataset.id });
    },

    async onSave() {
      if (this.busy || !this.siteId) return;
      const { form } = this.data;
      if (!form.organisationId) return this.setData({ problem: '请先在机构管理中添加机构' });
      if (!form.name.trim()) return this.setData({ problem: '请填写姓名' });
      if (!/^1[3-9]\d{9}$/.test(form.phone.trim())) return this.setData({ problem: '请输入11位手机号' });
      const member: SpecialMemberInput = {
        organisationId: form.organisationId,
        name: form.name.trim(),
        phone: form.phone.trim(),
        validFrom: form.validFrom,
        validTo: form.validTo,
        ...(form.idNumber.trim() ? { idNumber: form.idNumber.trim() } : {}),
      };
      this.busy = true;
      this.setData({ saving: true, problem: '' });
      const answer = form.memberId
        ? await updateMember(this.siteId, form.memberId, member)
        : await createMember(this.siteId, member);
      this.busy = false;
      this.setData({ saving: false });
      if (!answer.ok) return this.setData({ problem: answer.message });
      const saved: { member: SpecialMemberView; code?: string } = answer.data;
      if (saved.code) this.showCode(saved.member, saved.code);
      wx.showToast({ title: form.memberId ? '已保存' : '已添加成员', icon: 'none' });
      this.setData({ editing: false });
      await this.load();
    },

    showCode(member: SpecialMemberView, code: string) {
      this.setData({
        newCode: code,
        newCodeFor: `${member.name}（${member.organisation.name}）`,
        newCodeExpires: member.invitationExpiresAt ? formatShanghai(member.invitationExpiresAt) : '',
      });
    },

    onCopyCode() {
      wx.setClipboardData({ data: this.data.newCode });
    },

    /** a member's row, its id in `data-id`: what can be done to them shows under the list */
    onMember(event: WechatMiniprogram.CustomEvent<object, object, { id: string }>) {
      const member = this.data.members.find((m) => m.id === event.currentTarget.dataset.id);
      this.setData({ selected: member ?? null, editing: false });
    },

    onCloseSelected() {
      this.setData({ selected: null });
    },

    onEditSelected() {
      if (this.data.selected) this.edit(this.data.selected);
    },

    onToggleSelected() {
      const member = this.data.selected;
      if (member && !this.busy) void this.changeStatus(member, member.status === 'active' ? 'disabled' : 'active');
    },

    onRenewSelected() {
      const member = this.data.selected;
      if (member && !this.busy) void this.renew(member);
    },

    edit(member: MemberRow) {
      this.setData({
        selected: null,
        editing: true,
        problem: '',
        // the phone and ID number are shown masked: both must be typed again to change; the ID number left empty keeps it
        form: {
          memberId: member.id,
          name: member.name,
          phone: '',
          idNumber: '',
          validFrom: member.validFrom,
          validTo: member.validTo,
          organisationId: member.organisation.id,
        },
      });
    },

    async changeStatus(member: MemberRow, status: 'active' | 'disabled') {
      if (!this.siteId) return;
      if (status === 'disabled') {
        const asked = await wx
          .showModal({
            title: '停用专用通行证',
            content: `停用后${member.name}的专用通行证立即不能使用，可随时重新启用。`,
            confirmText: '停用',
            confirmColor: '#c9353f',
          })
          .catch(() => ({ confirm: false }));
        if (!asked.confirm) return;
      }
      this.busy = true;
      const answer = await setMemberStatus(this.siteId, member.id, status);
      this.busy = false;
      if (!answer.ok) return void wx.showToast({ title: answer.message, icon: 'none' });
      wx.showToast({ title: status === 'disabled' ? '已停用' : '已启用', icon: 'none' });
      this.setData({ selected: null });
      await this.load();
    },

    async renew(member: MemberRow) {
      if (!this.siteId) return;
      this.busy = true;
      const answer = await renewInvitation(this.siteId, member.id);
      this.busy = false;
      if (!answer.ok) return void wx.showToast({ title: answer.message, icon: 'none' });
      this.showCode(answer.data.member, answer.data.code);
      this.setData({ selected: null });
      await this.load();
    },
  },
});
