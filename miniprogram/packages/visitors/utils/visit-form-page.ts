/**
 * The visitor form, as a page (访客预约 R13, R14, P7): the booking form (`book`: the visitor names the host, 受访人)
 * and a resident's invitation (`invite`: the resident is the host, no approval where the site allows it) are one
 * page definition with two modes, so the two never drift apart. Both open at the current site and read its
 * 访客通行证设置: the optional fields it shows and requires, the longest visit, and 人脸登记 (off / optional /
 * required; taken at the gate terminal, or in the app where the operator is qualified). An ID number or a face is
 * only collected after the consent line is ticked. 提交 checks every field on screen first, asks WeChat for the
 * subscription that carries the decision, then sends; the booking's detail replaces the form.
 */
import type { FaceCapture, FaceRegistration, VisitInput, VisitorSettings } from '../../../core/api/visitor';
import { CONSENT_REQUIRED, LEGAL_EDITION } from '../../../core/consent';
import { suggestedVisitWindow } from '../../../core/visit-rules';
import { bookVisit, inviteVisitor, visitorSettings } from '../../../services/visitor';
import { currentSite } from '../../../services/site';
import { definePage } from '../../../utils/define-page';
import { LiveForm, type FormPatch } from '../../../utils/form';
import { NewestAnswer } from '../../../utils/newest-answer';
import { ROUTES, visitDetailUrl } from '../../../utils/routes';
import { askSubscriptions } from '../../../utils/subscribe';
import { uploadPhoto } from '../../../utils/upload-photo';
import {
  OPTIONAL_FIELD_VALUE,
  optionalFieldsView,
  visitFormRules,
  type VisitField,
  type VisitFormMode,
} from './visit-form-rules';
import { formatDateTime, parseShanghai } from '../../../core/visit-time';

/**
 * loading · ready · noSite: no current site to visit · notInvitable: the site does not let residents invite ·
 * failed: the site or its settings could not be read
 */
type FormStatus = 'loading' | 'ready' | 'noSite' | 'notInvitable' | 'failed';

/** `pending`: optional, not answered yet · `register` (at the gate, or uploaded) · `skip` */
type FaceChoice = 'pending' | 'register' | 'skip';

const FIELDS: VisitField[] = [
  'hostName',
  'hostPhone',
  'visitorName',
  'visitorPhone',
  'idNumber',
  'purpose',
  'startsAt',
  'endsAt',
  'plate',
  'companions',
  'company',
];
/** The ISO instant a picker's Shanghai wall time names, '' when none. */
const instantOf = (wall: string) => parseShanghai(wall)?.toISOString() ?? '';

const blank = () => Object.fromEntries(FIELDS.map((field) => [field, ''])) as Record<VisitField, string>;

const FACE_NEEDED = '请先登记人脸';
const FACE_UNANSWERED = '请选择“登记人脸”或“跳过”';
const FIX_FIELDS = '请按提示修改标红的内容';

interface Fields {
  live?: LiveForm<VisitField>;
  settings?: VisitorSettings;
  /** where this person's face photo is uploaded: the function accepts no other folder */
  faceFolder?: string;
  siteId?: string;
  siteAnswers?: NewestAnswer;
  /** which time the open picker sets */
  pickerField?: 'startsAt' | 'endsAt';
}

export function defineVisitFormPage(mode: VisitFormMode): string {
  return definePage<Fields>()({
    data: {
      mode,
      status: 'loading' as FormStatus,
      failure: '',
      siteName: '',
      /** a resident of the site (booking form): offered 邀请访客 instead */
      mayInvite: false,
      approvers: '受访人',
      optional: null as ReturnType<typeof optionalFieldsView> | null,
      maxVisitHours: 0,
      form: blank(),
      errors: blank(),
      notice: '',
      /** 我已阅读并同意《用户协议》和《隐私政策》: before an ID number or a face */
      agreed: false,
      agreementWanted: false,
      face: 'off' as FaceRegistration,
      faceCapture: 'gate' as FaceCapture,
      faceChoice: 'pending' as FaceChoice,
      faceFileId: '',
      facePreview: '',
      capturing: false,
      pickerVisible: false,
      pickerTitle: '',
      pickerValue: '',
      pickerStart: '',
      submitting: false,
    },

    methods: {
      onShow() {
        // back from choosing another site: the form follows the current site
        void this.load();
      },

      async load() {
        if (this.data.status !== 'ready') this.setData({ status: 'loading' });
        this.siteAnswers ??= new NewestAnswer();
        const site = await this.siteAnswers.ask(currentSite);
        if (!site) return;
        if (!site.ok) {
          if (this.data.status !== 'ready') this.setData({ status: 'failed', failure: site.message });
          return;
        }
        const current = site.data.site;
        if (!current) {
          this.setData({ status: 'noSite' });
          return;
        }
        if (this.settings && this.siteId === current.id) return;
        const answer = await this.siteAnswers.follow(() => visitorSettings(current.id));
        if (!answer) return;
        if (!answer.ok) {
          this.setData({ status: 'failed', failure: answer.message });
          return;
        }
        const { settings, faceFolder } = answer.data;
        this.siteId = current.id;
        this.settings = settings;
        this.faceFolder = faceFolder;
        const mayInvite = site.data.roles.includes('resident') && settings.residentsMayInvite;
        if (mode === 'invite' && !settings.residentsMayInvite) {
          this.setData({ status: 'notInvitable', siteName: answer.data.site.name });
          return;
        }
        this.live = new LiveForm(visitFormRules(mode, settings, () => new Date()));
        // most visits are soon: the window starts filled in (the next half hour, two hours), to change when not
        const form = this.data.form.startsAt
          ? this.data.form
          : { ...this.data.form, ...suggestedVisitWindow(new Date(), settings.maxVisitHours) };
        this.setData({
          status: 'ready',
          siteName: answer.data.site.name,
          mayInvite,
          // who decides a booking (P7): the host, and the property too where the site says so
          approvers: settings.adminsApprove ? '受访人或物业' : '受访人',
          optional: optionalFieldsView(settings),
          maxVisitHours: settings.maxVisitHours,
          face: settings.face,
          faceCapture: settings.faceCapture,
          faceChoice: settings.face === 'required' ? 'register' : 'pending',
          faceFileId: '',
          facePreview: '',
          ...this.live.check(form, false),
        });
      },

      show(patch: FormPatch<VisitField> | undefined) {
        if (patch) this.setData(patch);
      },

      onFieldChange(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
        this.show(this.live?.afterInput(event, this.data.form));
      },

      onFieldBlur(event: WechatMiniprogram.CustomEvent) {
        this.show(this.live?.afterBlur(event, this.data.form));
      },

      openSites() {
        wx.navigateTo({ url: ROUTES.sites });
      },

      openInvite() {
        wx.redirectTo({ url: ROUTES.inviteVisitor });
      },

      openBook() {
        wx.redirectTo({ url: ROUTES.bookVisit });
      },

      toggleAgreement() {
        const agreed = !this.data.agreed;
        const notice = agreed && this.data.notice === CONSENT_REQUIRED ? '' : this.data.notice;
        this.setData({ agreed, agreementWanted: false, notice });
        // un-ticked: what was typed under the agreement goes with it
        if (!agreed && this.data.form.idNumber) this.show(this.live?.check({ ...this.data.form, idNumber: '' }, true));
      },

      /** The ID number field before agreeing: it cannot take a character, and says why. */
      onIdNumberLocked() {
        if (!this.data.agreed) this.setData({ agreementWanted: true, notice: CONSENT_REQUIRED });
      },

      openUserAgreement() {
        wx.navigateTo({ url: ROUTES.userAgreement });
      },

      openPrivacyPolicy() {
        wx.navigateTo({ url: ROUTES.privacyPolicy });
      },

      openPicker(event: WechatMiniprogram.CustomEvent<object, object, { field: 'startsAt' | 'endsAt' }>) {
        const field = event.currentTarget.dataset.field;
        this.pickerField = field;
        const now = formatDateTime(new Date());
        const { startsAt } = this.data.form;
        const value = this.data.form[field] || (field === 'endsAt' && startsAt ? startsAt : now);
        this.setData({
          pickerVisible: true,
          pickerTitle: field === 'startsAt' ? '来访开始时间' : '来访结束时间',
          pickerStart: field === 'endsAt' && startsAt ? startsAt : now,
          pickerValue: value,
        });
      },

      onPickerConfirm(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
        const field = this.pickerField;
        this.setData({ pickerVisible: false });
        if (!field || !this.live) return;
        const form = { ...this.data.form, [field]: String(event.detail.value) };
        this.show(this.live.touch([field], form));
        this.show(this.live.check(form, true));
      },

      onPickerClose() {
        this.setData({ pickerVisible: false });
        if (this.pickerField) this.show(this.live?.touch([this.pickerField], this.data.form));
      },

      /** 登记人脸: at the gate, nothing to do here now; in the app, the camera (after the consent line). */
      async onRegisterFace() {
        if (this.data.faceCapture === 'gate') {
          this.setData({ faceChoice: 'register', notice: '' });
          return;
        }
        if (!this.data.agreed) {
          this.setData({ agreementWanted: true, notice: CONSENT_REQUIRED });
          return;
        }
        if (this.data.capturing) return;
        this.setData({ capturing: true });
        // 人脸登记: the front camera only, into this person's own folder (visitor.settings gives it)
        const captured = await uploadPhoto(this.faceFolder ?? '', { sources: ['camera'], camera: 'front' });
        this.setData({ capturing: false });
        if (captured.ok) {
          this.setData({
            faceChoice: 'register',
            faceFileId: captured.fileId,
            facePreview: captured.preview,
            notice: '',
          });
        } else if (!captured.cancelled) {
          wx.showToast({ title: '照片未能上传，请稍后再试', icon: 'none' });
        }
      },

      onSkipFace() {
        this.setData({ faceChoice: 'skip', faceFileId: '', facePreview: '', notice: '' });
      },

      /** What stops the form before anything is sent, or '' */
      problemBeforeSending(): string {
        if (!this.live) return FIX_FIELDS;
        const patch = this.live.touch(FIELDS, this.data.form);
        this.setData(patch);
        if (!patch.canSubmit) return FIX_FIELDS;
        const { face, faceCapture, faceChoice, faceFileId, form, agreed } = this.data;
        if (form.idNumber.trim() && !agreed) return CONSENT_REQUIRED;
        if (face === 'optional' && faceChoice === 'pending') return FACE_UNANSWERED;
        if (face !== 'off' && faceCapture === 'app' && faceChoice === 'register' && !faceFileId) return FACE_NEEDED;
        return '';
      },

      input(): Omit<VisitInput, 'requestId'> {
        const { form, face, faceChoice, faceFileId, agreed } = this.data;
        const text = (field: VisitField) => form[field].trim();
        const idNumber = text('idNumber');
        return {
          siteId: this.siteId ?? '',
          hostName: text('hostName'),
          hostPhone: text('hostPhone'),
          visitorName: text('visitorName'),
          visitorPhone: text('visitorPhone'),
          purpose: text('purpose'),
          startsAt: instantOf(form.startsAt),
          endsAt: instantOf(form.endsAt),
          ...(idNumber ? { idNumber } : {}),
          ...(text('plate') ? { plate: String(OPTIONAL_FIELD_VALUE.plate(form.plate)) } : {}),
          ...(text('companions') ? { companions: Number(OPTIONAL_FIELD_VALUE.companions(form.companions)) } : {}),
          ...(text('company') ? { company: text('company') } : {}),
          // at the gate: the function records 现场登记 itself; nothing is sent
          ...(face !== 'off' && faceChoice === 'skip' ? { face: 'skip' as const } : {}),
          ...(faceFileId ? { face: { fileId: faceFileId } } : {}),
          ...(agreed && (idNumber || faceFileId) ? { consentEdition: LEGAL_EDITION } : {}),
        };
      },

      async onSubmit() {
        if (this.data.submitting || this.data.status !== 'ready') return;
        const problem = this.problemBeforeSending();
        if (problem) {
          this.setData({ notice: problem, agreementWanted: problem === CONSENT_REQUIRED });
          return;
        }
        this.setData({ submitting: true, notice: '' });
        // the visitor hears of the decision: asked at this tap, the one that precedes it
        if (mode === 'book') await askSubscriptions(['visitApproved', 'visitRejected']);
        const input = this.input();
        const answer =
          mode === 'book'
            ? await bookVisit(input)
            : await inviteVisitor((({ hostName: _h, hostPhone: _p, ...rest }) => rest)(input));
        this.setData({ submitting: false });
        if (!answer.ok) {
          this.setData({ notice: answer.message });
          return;
        }
        wx.showToast({ title: mode === 'book' ? '预约已提交' : '邀请已发出', icon: 'success' });
        // back from the booking goes to where the form was opened from, not to the form
        wx.redirectTo({ url: visitDetailUrl(answer.data.visit.id) });
      },
    },
  });
}
