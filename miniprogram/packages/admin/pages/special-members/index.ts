/**
 * 专用通行证设置 → 成员 (P6): the members of the organisations serving the current site (or of one, `?organisationId=`),
 * 20 a page. 添加成员 takes the organisation, name, phone, validity period and optionally an ID number (sent once,
 * shown masked after) and the 身份证照片 and 人脸照片, each a tile that takes a photo from the album or the camera and
 * uploads it to the administrator's own folder (`photoFolder`, the only one the function accepts) before 保存; the
 * new member's invitation code is shown once, with 复制, to hand over — the member opens it in the app (我的 →
 * 专用通行证). A tap on a member shows 编辑, 停用 / 启用 and, before they bind, 重新生成邀请码 under the list.
 */
import type { SpecialMemberEdit, SpecialMemberView } from '../../../../core/api/admin-special';
import { shanghaiDate } from '../../../../core/time';
import { definePage } from '../../../../utils/define-page';
import { uploadPhoto } from '../../../../utils/upload-photo';
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
import { memberRowOf, photoFields, photoTiles, type MemberRow, type PhotoTile } from '../../utils/special-members';

type Status = 'loading' | 'ready' | 'failed';

interface Fields {
  siteId?: string;
  busy?: boolean;
  /** where the form uploads photos, as `specialMembers` gives it */
  photoFolder?: string;
  /** the site may collect faces in the app: the form offers 人脸照片 (docs/personal-data.md, Faces) */
  facePhotos?: boolean;
  /** counts the forms opened: an upload that ends after its form closed is dropped */
  formOpened?: number;
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
    /** the form's 身份证照片 and 人脸照片 */
    photos: photoTiles(),
    /** an upload that failed, in words */
    photoProblem: '',
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
      this.photoFolder = found.data.photoFolder;
      this.facePhotos = found.data.facePhotos;
      const rows = found.data.members.map((member) => memberRowOf(member, found.data.facePhotos));
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
      this.formOpened = (this.formOpened ?? 0) + 1;
      this.setData({
        editing: true,
        problem: '',
        form: { ...emptyForm(), organisationId },
        photos: photoTiles(undefined, this.facePhotos),
        photoProblem: '',
      });
    },

    onCancel() {
      this.formOpened = (this.formOpened ?? 0) + 1;
      this.setData({ editing: false, problem: '' });
    },

    /** a photo tile, its place in `data-index`: a photo from the album or the camera, uploaded; again replaces it */
    async onPhoto(event: WechatMiniprogram.CustomEvent<object, object, { index: number }>) {
      const index = Number(event.currentTarget.dataset.index);
      const tile: PhotoTile | undefined = this.data.photos[index];
      if (!tile || tile.uploading || !this.photoFolder) return;
      const form = this.formOpened;
      this.setData({ [`photos[${index}].uploading`]: true, photoProblem: '', problem: '' });
      const result = await uploadPhoto(this.photoFolder);
      if (form !== this.formOpened) return;
      if (result.ok) {
        this.setData({
          [`photos[${index}]`]: { ...tile, fileId: result.fileId, preview: result.preview, uploading: false },
        });
        return;
      }
      this.setData({
        [`photos[${index}].uploading`]: false,
        // closing the picker is not a failure; an upload that did not go through is said, and the tile stays usable
        photoProblem: result.cancelled ? '' : `${tile.label}上传失败，请检查网络后重新选择`,
      });
    },

    /** 移除 under a tile, its place in `data-index`: the photo chosen here goes (one on file stays) */
    onRemovePhoto(event: WechatMiniprogram.CustomEvent<object, object, { index: number }>) {
      const index = Number(event.currentTarget.dataset.index);
      this.setData({ [`photos[${index}].fileId`]: '', [`photos[${index}].preview`]: '', photoProblem: '' });
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
      const phone = form.phone.trim();
      // editing, the phone on file is shown masked: left empty, it stays
      if (!(form.memberId && !phone) && !/^1[3-9]\d{9}$/.test(phone)) {
        return this.setData({ problem: '请输入11位手机号' });
      }
      if (this.data.photos.some((p) => p.uploading)) return this.setData({ problem: '照片上传中，请稍候' });
      const member: SpecialMemberEdit = {
        organisationId: form.organisationId,
        name: form.name.trim(),
        ...(phone ? { phone } : {}),
        validFrom: form.validFrom,
        validTo: form.validTo,
        ...(form.idNumber.trim() ? { idNumber: form.idNumber.trim() } : {}),
        ...photoFields(this.data.photos),
      };
      this.busy = true;
      this.setData({ saving: true, problem: '' });
      const answer = form.memberId
        ? await updateMember(this.siteId, form.memberId, member)
        : await createMember(this.siteId, { ...member, phone });
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
      this.formOpened = (this.formOpened ?? 0) + 1;
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
      this.formOpened = (this.formOpened ?? 0) + 1;
      this.setData({
        selected: null,
        editing: true,
        problem: '',
        // a photo on file is said; one uploaded now replaces it, none keeps it
        photos: photoTiles(member, this.facePhotos),
        photoProblem: '',
        // the phone and ID number are shown masked: typed again to change them, left empty to keep them
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
