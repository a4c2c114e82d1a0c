/**
 * 数据保存期限 (X7): how many days the site keeps its access records, and a visitor's ID number and face photo after
 * the visit. Both numbers are checked with the rules the `admin` function applies (core/retention-rules.ts), so a
 * value it would refuse never leaves the phone; each problem shows at its own field.
 */
import type { RetentionSettings } from '../../../../core/api/admin-retention';
import {
  RECORD_RETENTION_DAYS,
  retentionSettingsInput,
  retentionSettingsOf,
  VISITOR_DATA_RETENTION_DAYS,
} from '../../../../core/retention-rules';
import { adminSettings } from '../../services/settings';
import { definePage } from '../../../../utils/define-page';
import { adminSiteBehavior } from '../../behaviors/admin-site';
import { recentChanges, type ChangeLine } from '../../utils/settings-changes';

type Status = 'loading' | 'ready' | 'failed';
type Field = keyof RetentionSettings;
type Dataset = WechatMiniprogram.CustomEvent<{ value?: string }, object, { field: Field }>;

/** the fields' text while the administrator types */
type Draft = Record<Field, string>;

const DEFAULTS = retentionSettingsOf({});
const draftOf = (settings: RetentionSettings): Draft => ({
  accessRecordsDays: String(settings.accessRecordsDays),
  visitorDataDays: String(settings.visitorDataDays),
});
const NO_ERRORS: Record<Field, string> = { accessRecordsDays: '', visitorDataDays: '' };

// a whole number stays a number for the rule; anything else goes as typed, so the rule names the problem
const typedNumber = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : text);

definePage<{ siteId?: string }>()({
  behaviors: [adminSiteBehavior],

  data: {
    status: 'loading' as Status,
    failure: '',
    /** what the site keeps now, as the function answered it */
    saved: DEFAULTS,
    draft: draftOf(DEFAULTS),
    errors: NO_ERRORS,
    notice: '',
    saving: false,
    recordsRange: `${RECORD_RETENTION_DAYS.min} 到 ${RECORD_RETENTION_DAYS.max}`,
    visitorsRange: `${VISITOR_DATA_RETENTION_DAYS.min} 到 ${VISITOR_DATA_RETENTION_DAYS.max}`,
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
      const answer = await adminSettings.query('retention', { siteId });
      if (!answer.ok) {
        this.setData({ status: 'failed', failure: answer.message });
        return;
      }
      this.setData({ status: 'ready', ...this.shown(answer.data) });
      await this.loadChanges();
    },

    shown(settings: RetentionSettings) {
      return { saved: settings, draft: draftOf(settings), errors: NO_ERRORS, notice: '' };
    },

    async loadChanges() {
      if (!this.siteId) return;
      const changes = await recentChanges(this.siteId, ['retention']);
      this.setData({ changes: changes ?? [], changesFailed: changes === null });
    },

    onDaysChange(event: Dataset) {
      const field = event.currentTarget.dataset.field;
      this.setData({
        draft: { ...this.data.draft, [field]: String(event.detail.value ?? '') },
        errors: { ...this.data.errors, [field]: '' },
        notice: '',
      });
    },

    async save() {
      const siteId = this.siteId;
      if (!siteId || this.data.saving) return;
      const checked = retentionSettingsInput.parse({
        accessRecordsDays: typedNumber(this.data.draft.accessRecordsDays),
        visitorDataDays: typedNumber(this.data.draft.visitorDataDays),
      });
      if (!checked.ok) {
        const errors = { ...NO_ERRORS };
        for (const issue of checked.issues) {
          if (issue.path === 'accessRecordsDays' || issue.path === 'visitorDataDays')
            errors[issue.path] ||= issue.message;
        }
        this.setData({ errors });
        return;
      }
      this.setData({ saving: true, errors: NO_ERRORS, notice: '' });
      const answer = await adminSettings.mutate('setRetention', { siteId, ...checked.value });
      this.setData({ saving: false });
      if (!answer.ok) {
        this.setData({ notice: answer.message });
        return;
      }
      this.setData(this.shown(answer.data));
      wx.showToast({ title: '已保存', icon: 'success' });
      await this.loadChanges();
    },
  },
});
