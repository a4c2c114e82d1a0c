/**
 * 数据保存期限 (X7): how many days the site keeps its access records. The number is checked with the rule the
 * `admin` function applies (core/retention-rules.ts), so a value it would refuse never leaves the phone.
 */
import { recordRetentionDays, RECORD_RETENTION_DAYS } from '../../../../core/retention-rules';
import { adminSettings } from '../../services/settings';
import { definePage } from '../../../../utils/define-page';
import { adminSiteBehavior } from '../../behaviors/admin-site';
import { recentChanges, type ChangeLine } from '../../utils/settings-changes';

type Status = 'loading' | 'ready' | 'failed';

// a whole number stays a number for the rule; anything else goes as typed, so the rule names the problem
const typedNumber = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : text);

definePage<{ siteId?: string }>()({
  behaviors: [adminSiteBehavior],

  data: {
    status: 'loading' as Status,
    failure: '',
    /** what the site keeps now, as the function answered it */
    savedDays: RECORD_RETENTION_DAYS.default as number,
    /** the field's text while the administrator types */
    draftDays: String(RECORD_RETENTION_DAYS.default),
    error: '',
    notice: '',
    saving: false,
    range: `${RECORD_RETENTION_DAYS.min} 到 ${RECORD_RETENTION_DAYS.max}`,
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
      const days = answer.data.accessRecordsDays;
      this.setData({ status: 'ready', savedDays: days, draftDays: String(days), error: '', notice: '' });
      await this.loadChanges();
    },

    async loadChanges() {
      if (!this.siteId) return;
      const changes = await recentChanges(this.siteId, ['retention']);
      this.setData({ changes: changes ?? [], changesFailed: changes === null });
    },

    onDaysChange(event: WechatMiniprogram.CustomEvent<{ value?: string }>) {
      this.setData({ draftDays: String(event.detail.value ?? ''), error: '', notice: '' });
    },

    async save() {
      const siteId = this.siteId;
      if (!siteId || this.data.saving) return;
      const checked = recordRetentionDays.parse(typedNumber(this.data.draftDays));
      if (!checked.ok) {
        this.setData({ error: checked.issues[0].message });
        return;
      }
      this.setData({ saving: true, error: '', notice: '' });
      const answer = await adminSettings.mutate('setRetention', { siteId, accessRecordsDays: checked.value });
      this.setData({ saving: false });
      if (!answer.ok) {
        this.setData({ notice: answer.message });
        return;
      }
      const days = answer.data.accessRecordsDays;
      this.setData({ savedDays: days, draftDays: String(days) });
      wx.showToast({ title: '已保存', icon: 'success' });
      await this.loadChanges();
    },
  },
});
