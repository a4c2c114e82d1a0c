/**
 * 专用通行证设置 → 机构管理 (P6): the organisations serving the current site (a courier, a cleaning company) with the
 * communities each is linked to. The form below adds one or, after 编辑 on a row, changes its name and links; only
 * the sites the administrator runs can be ticked (the function says the same). 成员 opens the organisation's members.
 */
import type { SpecialOrganisationView } from '../../../../core/api/admin-special';
import { definePage } from '../../../../utils/define-page';
import { adminSiteBehavior } from '../../behaviors/admin-site';
import { listOrganisations, saveOrganisation } from '../../services/special';
import { SPECIAL_MEMBERS_URL } from '../../utils/entries';

type Status = 'loading' | 'ready' | 'failed';

interface OrganisationRow extends SpecialOrganisationView {
  detail: string;
}

interface SiteChoice {
  id: string;
  name: string;
  on: boolean;
}

interface Fields {
  siteId?: string;
  busy?: boolean;
}

const rowOf = (o: SpecialOrganisationView): OrganisationRow => ({
  ...o,
  detail: `${o.sites.map((s) => s.name).join('、')} · ${o.activeMembers}名成员`,
});

definePage<Fields>()({
  behaviors: [adminSiteBehavior],

  data: {
    status: 'loading' as Status,
    failure: '',
    organisations: [] as OrganisationRow[],
    /** the organisation being edited; '' for a new one */
    editingId: '',
    name: '',
    choices: [] as SiteChoice[],
    saving: false,
    problem: '',
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
      const answer = await listOrganisations(this.siteId);
      if (!answer.ok) {
        this.setData({ status: 'failed', failure: answer.message });
        return;
      }
      const { organisations, linkableSites } = answer.data;
      const editing = organisations.find((o) => o.id === this.data.editingId);
      const linked = new Set(editing ? editing.sites.map((s) => s.id) : [this.siteId]);
      this.setData({
        status: 'ready',
        organisations: organisations.map(rowOf),
        choices: linkableSites.map((s) => ({ ...s, on: linked.has(s.id) })),
      });
    },

    onNameInput(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ name: event.detail.value, problem: '' });
    },

    /** a site's chip, its id in `data-id` */
    onToggleSite(event: WechatMiniprogram.CustomEvent<object, object, { id: string }>) {
      const { id } = event.currentTarget.dataset;
      this.setData({ choices: this.data.choices.map((c) => (c.id === id ? { ...c, on: !c.on } : c)) });
    },

    /** 编辑 on a row: the form takes the organisation, its id in `data-id` */
    onEdit(event: WechatMiniprogram.CustomEvent<object, object, { id: string }>) {
      const organisation = this.data.organisations.find((o) => o.id === event.currentTarget.dataset.id);
      if (!organisation) return;
      const linked = new Set(organisation.sites.map((s) => s.id));
      this.setData({
        editingId: organisation.id,
        name: organisation.name,
        problem: '',
        choices: this.data.choices.map((c) => ({ ...c, on: linked.has(c.id) })),
      });
    },

    onCancelEdit() {
      this.setData({
        editingId: '',
        name: '',
        problem: '',
        choices: this.data.choices.map((c) => ({ ...c, on: c.id === this.siteId })),
      });
    },

    /** 成员 on a row, its id in `data-id` */
    onOpenMembers(event: WechatMiniprogram.CustomEvent<object, object, { id: string }>) {
      wx.navigateTo({ url: `${SPECIAL_MEMBERS_URL}?organisationId=${event.currentTarget.dataset.id}` });
    },

    onOpenAllMembers() {
      wx.navigateTo({ url: SPECIAL_MEMBERS_URL });
    },

    async onSave() {
      if (this.busy || !this.siteId) return;
      const name = this.data.name.trim();
      if (!name) {
        this.setData({ problem: '请填写机构名称' });
        return;
      }
      const editing = this.data.organisations.find((o) => o.id === this.data.editingId);
      // a linked site the caller does not run is kept as it is: only its own administrators unlink it
      const mine = new Set(this.data.choices.map((c) => c.id));
      const kept = (editing?.sites ?? []).filter((s) => !mine.has(s.id)).map((s) => s.id);
      const siteIds = [...kept, ...this.data.choices.filter((c) => c.on).map((c) => c.id)];
      this.busy = true;
      this.setData({ saving: true, problem: '' });
      const answer = await saveOrganisation(this.siteId, editing?.id, name, siteIds);
      this.busy = false;
      this.setData({ saving: false });
      if (!answer.ok) {
        this.setData({ problem: answer.message });
        return;
      }
      wx.showToast({ title: editing ? '已保存' : '已添加机构', icon: 'none' });
      this.setData({ editingId: '', name: '' });
      await this.load();
    },
  },
});
