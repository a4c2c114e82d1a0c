/**
 * 访客通行证设置 (P7, R14): whether residents invite visitors without approval or visitors register and are
 * approved, which fields the visitor form shows and requires, face registration and the longest visit (how long a
 * visitor's ID number and face photo are kept is set in 数据保存期限, pages/retention). The visitor pages read these at the next booking; visits already booked keep
 * what they were booked with.
 */
import type { FaceCapture, FaceRegistration, VisitorSettings } from '../../../../core/api/visitor';
import { VISITOR_FORM_FIELDS, VISITOR_FORM_FIELD_LABELS } from '../../../../core/api/visitor';
import { DEFAULT_VISITOR_SETTINGS, visitorSettingsInput } from '../../../../core/visit-rules';
import { FACE_CAPTURE_WORDS, FACE_WORDS } from '../../../../core/settings-words';
import { adminSettings } from '../../services/settings';
import { definePage } from '../../../../utils/define-page';
import { adminSiteBehavior } from '../../behaviors/admin-site';
import type { FieldChoiceRow } from '../../components/field-choices/index';
import { recentChanges, type ChangeLine } from '../../utils/settings-changes';

type Status = 'loading' | 'ready' | 'failed';
type NumberField = 'maxVisitHours';
type ToggleField = 'residentsMayInvite' | 'adminsApprove';
type Dataset<T extends WechatMiniprogram.IAnyObject> = WechatMiniprogram.CustomEvent<{ value: unknown }, object, T>;

/** The settings as the form holds them: the numbers as typed. */
type VisitorDraft = Omit<VisitorSettings, NumberField> & Record<NumberField, string>;

const draftOf = (settings: VisitorSettings): VisitorDraft => ({
  ...settings,
  maxVisitHours: String(settings.maxVisitHours),
});

const NO_ERRORS: Record<NumberField, string> = { maxVisitHours: '' };

function fieldRows(settings: Pick<VisitorSettings, 'fields'>): FieldChoiceRow[] {
  return VISITOR_FORM_FIELDS.map((key) => ({ key, label: VISITOR_FORM_FIELD_LABELS[key], ...settings.fields[key] }));
}

/** A whole number as typed, or the text itself, which the rule then refuses in its own words. */
const typedNumber = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : text);

/** The draft checked by the same rules the function applies; each number's problem at its field. */
function checkDraft(
  draft: VisitorDraft,
): { ok: true; settings: VisitorSettings } | { ok: false; errors: typeof NO_ERRORS } {
  const parsed = visitorSettingsInput.parse({
    ...draft,
    maxVisitHours: typedNumber(draft.maxVisitHours),
  });
  if (parsed.ok) return { ok: true, settings: parsed.value };
  const errors = { ...NO_ERRORS };
  for (const issue of parsed.issues) {
    if (issue.path === 'maxVisitHours') errors[issue.path] ||= issue.message;
  }
  return { ok: false, errors };
}

definePage<{ siteId?: string }>()({
  behaviors: [adminSiteBehavior],

  data: {
    status: 'loading' as Status,
    failure: '',
    draft: draftOf(DEFAULT_VISITOR_SETTINGS),
    fieldRows: fieldRows(DEFAULT_VISITOR_SETTINGS),
    errors: NO_ERRORS,
    notice: '',
    saving: false,
    faceOptions: (['off', 'optional', 'required'] as FaceRegistration[]).map((value) => ({
      value,
      label: FACE_WORDS[value],
    })),
    captureOptions: (['gate', 'app'] as FaceCapture[]).map((value) => ({ value, label: FACE_CAPTURE_WORDS[value] })),
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
      const answer = await adminSettings.query('visitorSettings', { siteId });
      if (!answer.ok) {
        this.setData({ status: 'failed', failure: answer.message });
        return;
      }
      this.show(answer.data.settings);
      this.setData({ status: 'ready' });
      await this.loadChanges();
    },

    show(settings: VisitorSettings) {
      this.setData({ draft: draftOf(settings), fieldRows: fieldRows(settings), errors: NO_ERRORS, notice: '' });
    },

    async loadChanges() {
      if (!this.siteId) return;
      const changes = await recentChanges(this.siteId, ['visitorPass']);
      this.setData({ changes: changes ?? [], changesFailed: changes === null });
    },

    edit(patch: Partial<VisitorDraft>) {
      const draft = { ...this.data.draft, ...patch };
      const shown = this.data.errors.maxVisitHours;
      const checked = checkDraft(draft);
      this.setData({
        draft,
        fieldRows: fieldRows(draft),
        errors: shown && !checked.ok ? checked.errors : NO_ERRORS,
        notice: '',
      });
    },

    onToggle(event: Dataset<{ field: ToggleField }>) {
      const field = event.currentTarget.dataset.field;
      this.edit({ [field]: !this.data.draft[field] });
    },

    onNumberChange(event: Dataset<{ field: NumberField }>) {
      this.edit({ [event.currentTarget.dataset.field]: String(event.detail.value ?? '') });
    },

    chooseFace(event: Dataset<{ value: FaceRegistration }>) {
      this.edit({ face: event.currentTarget.dataset.value });
    },

    chooseCapture(event: Dataset<{ value: FaceCapture }>) {
      this.edit({ faceCapture: event.currentTarget.dataset.value });
    },

    onFieldChoice(event: WechatMiniprogram.CustomEvent<FieldChoiceRow>) {
      const { key, show, required } = event.detail;
      const field = key as keyof VisitorSettings['fields'];
      this.edit({ fields: { ...this.data.draft.fields, [field]: { show, required: show && required } } });
    },

    async save() {
      const siteId = this.siteId;
      if (!siteId || this.data.saving) return;
      const checked = checkDraft(this.data.draft);
      if (!checked.ok) {
        this.setData({ errors: checked.errors });
        return;
      }
      this.setData({ saving: true, notice: '' });
      const answer = await adminSettings.mutate('setVisitorSettings', { siteId, settings: checked.settings });
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
