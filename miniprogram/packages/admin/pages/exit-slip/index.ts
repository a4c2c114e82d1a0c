/**
 * 出门条设置 (P9): whether a household marked in arrears may apply for an exit slip, and which fields the slip's
 * form shows and requires. The slip journey (apply, approve, scan) reads them when it comes.
 */
import {
  EXIT_SLIP_FORM_FIELDS,
  EXIT_SLIP_FORM_FIELD_LABELS,
  type ExitSlipFormField,
  type ExitSlipSettings,
} from '../../../../core/api/admin-exit-slip';
import { DEFAULT_EXIT_SLIP_SETTINGS, exitSlipSettingsInput } from '../../../../core/exit-slip-rules';
import { adminSettings } from '../../services/settings';
import { definePage } from '../../../../utils/define-page';
import { adminSiteBehavior } from '../../behaviors/admin-site';
import type { FieldChoiceRow } from '../../components/field-choices/index';
import { recentChanges, type ChangeLine } from '../../utils/settings-changes';

type Status = 'loading' | 'ready' | 'failed';

function fieldRows(settings: ExitSlipSettings): FieldChoiceRow[] {
  return EXIT_SLIP_FORM_FIELDS.map((key) => ({
    key,
    label: EXIT_SLIP_FORM_FIELD_LABELS[key],
    ...settings.fields[key],
  }));
}

definePage<{ siteId?: string }>()({
  behaviors: [adminSiteBehavior],

  data: {
    status: 'loading' as Status,
    failure: '',
    draft: DEFAULT_EXIT_SLIP_SETTINGS,
    fieldRows: fieldRows(DEFAULT_EXIT_SLIP_SETTINGS),
    notice: '',
    saving: false,
    changes: [] as ChangeLine[],
    changesFailed: false,
  },

  methods: {
    onShow() {
      void this.open();
    },

    async open() {
      const site = await this.openAdminSite();
      if (!site) return;
      if (this.siteId === site.id && this.data.status === 'ready') return;
      this.siteId = site.id;
      await this.load();
    },

    async load() {
      const siteId = this.siteId;
      if (!siteId) return;
      this.setData({ status: 'loading' });
      const answer = await adminSettings.query('exitSlipSettings', { siteId });
      if (!answer.ok) {
        this.setData({ status: 'failed', failure: answer.message });
        return;
      }
      this.show(answer.data.settings);
      this.setData({ status: 'ready' });
      await this.loadChanges();
    },

    show(draft: ExitSlipSettings) {
      this.setData({ draft, fieldRows: fieldRows(draft), notice: '' });
    },

    async loadChanges() {
      if (!this.siteId) return;
      const changes = await recentChanges(this.siteId, ['exitSlip']);
      this.setData({ changes: changes ?? [], changesFailed: changes === null });
    },

    onArrearsChange() {
      this.show({ ...this.data.draft, arrearsMayApply: !this.data.draft.arrearsMayApply });
    },

    onFieldChoice(event: WechatMiniprogram.CustomEvent<FieldChoiceRow>) {
      const { key, show, required } = event.detail;
      const fields = { ...this.data.draft.fields, [key as ExitSlipFormField]: { show, required: show && required } };
      this.show({ ...this.data.draft, fields });
    },

    async save() {
      const siteId = this.siteId;
      if (!siteId || this.data.saving) return;
      // the same rules as the function's: only a bug could fail them here, and then the words say what
      const checked = exitSlipSettingsInput.parse(this.data.draft);
      if (!checked.ok) {
        this.setData({ notice: checked.issues[0].message });
        return;
      }
      this.setData({ saving: true, notice: '' });
      const answer = await adminSettings.mutate('setExitSlipSettings', { siteId, settings: checked.value });
      this.setData({ saving: false });
      if (!answer.ok) {
        this.setData({ notice: answer.message });
        return;
      }
      this.show(answer.data.settings);
      wx.showToast({ title: '已保存', icon: 'success' });
      await this.loadChanges();
    },
  },
});
