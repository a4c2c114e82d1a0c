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
import { adminSettings } from '../../../../services/admin-settings';
import { definePage } from '../../../../utils/define-page';
import { settingsPageBehavior } from '../../behaviors/settings-page';
import type { FieldChoiceRow } from '../../components/field-choices/index';

function fieldRows(settings: ExitSlipSettings): FieldChoiceRow[] {
  return EXIT_SLIP_FORM_FIELDS.map((key) => ({
    key,
    label: EXIT_SLIP_FORM_FIELD_LABELS[key],
    ...settings.fields[key],
  }));
}

/** The page's data for these settings, as the form shows them. */
const shown = (draft: ExitSlipSettings) => ({ draft, fieldRows: fieldRows(draft), notice: '' });

definePage<{ siteId?: string }>()({
  behaviors: [
    settingsPageBehavior({
      areas: ['exitSlip'],
      async read(siteId) {
        const answer = await adminSettings.query('exitSlipSettings', { siteId });
        return answer.ok ? shown(answer.data.settings) : answer.message;
      },
    }),
  ],

  data: {
    draft: DEFAULT_EXIT_SLIP_SETTINGS,
    fieldRows: fieldRows(DEFAULT_EXIT_SLIP_SETTINGS),
    notice: '',
    saving: false,
  },

  methods: {
    show(draft: ExitSlipSettings) {
      this.setData(shown(draft));
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
