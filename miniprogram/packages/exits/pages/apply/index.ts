/**
 * 申请出门条 (P9): the form of the caller's house at the current site, as the site's 出门条设置 chose it — the day of
 * leaving always, then 物品清单, 物品照片, 车牌号, 搬运人及电话, 搬家公司 and 备注 where shown, each marked when
 * required. A household in arrears whose site does not let it apply sees why instead of the form. The same rules as
 * the `pass` function (packages/exits/rules.ts) check the form before it is sent; the function's refusal is shown
 * above the button.
 */
import {
  EXIT_SLIP_FORM_FIELD_LABELS,
  EXIT_SLIP_FORM_FIELDS,
  type ExitSlipApplication,
  type ExitSlipForm,
  type ExitSlipFormField,
} from '../../../../core/api/admin-exit-slip';
import { definePage } from '../../../../utils/define-page';
import { EXIT_PAGES } from '../../routes';
import {
  EXIT_SLIP_MAX_PHOTOS,
  checkExitSlipApplication,
  exitSlipApplicationInput,
  exitSlipDayLabel,
} from '../../rules';
import { applyExitSlip, exitSlipForm } from '../../services/exit-slips';
import { uploadPhoto } from '../../../../utils/upload-photo';

type Status = 'loading' | 'failed' | 'refused' | 'form';
type TextField = Exclude<ExitSlipFormField, 'photos'>;

interface Shown {
  key: TextField;
  label: string;
  required: boolean;
  multiline: boolean;
  placeholder: string;
}

const PLACEHOLDERS: Record<TextField, string> = {
  goods: '如：沙发一套、纸箱6个、冰箱一台',
  plate: '如：鲁B12345',
  carrier: '如：李师傅 13800001111',
  company: '如：蚂蚁搬家',
  remark: '其他需要说明的情况',
};

/**
 * The function's today (midday of `firstDate`), not the phone's: the days a slip may be for are the function's, and a
 * phone's clock may be off, or past midnight a moment before the function's.
 */
function serverToday(form: ExitSlipForm): Date {
  return new Date(`${form.firstDate}T12:00:00+08:00`);
}

definePage<{ form?: ExitSlipForm }>()({
  data: {
    status: 'loading' as Status,
    failure: '',
    site: '',
    house: '',
    date: '',
    dateLabel: '',
    pickerVisible: false,
    firstDate: '',
    lastDate: '',
    fields: [] as Shown[],
    values: {} as Record<string, string>,
    photos: {
      shown: false,
      required: false,
      files: [] as Array<{ fileId: string; preview: string }>,
      max: EXIT_SLIP_MAX_PHOTOS,
    },
    uploading: false,
    errors: {} as Record<string, string>,
    submitError: '',
    submitting: false,
  },

  methods: {
    onLoad() {
      void this.load();
    },

    refresh() {
      void this.load();
    },

    async load() {
      this.setData({ status: 'loading' });
      const answer = await exitSlipForm();
      if (!answer.ok) {
        this.setData({ status: 'failed', failure: answer.message });
        return;
      }
      const form = answer.data;
      this.form = form;
      const fields: Shown[] = EXIT_SLIP_FORM_FIELDS.filter(
        (f): f is TextField => f !== 'photos' && form.fields[f].show,
      ).map((key) => ({
        key,
        label: EXIT_SLIP_FORM_FIELD_LABELS[key],
        required: form.fields[key].required,
        multiline: key === 'goods' || key === 'remark',
        placeholder: PLACEHOLDERS[key],
      }));
      this.setData({
        status: form.refusal ? 'refused' : 'form',
        failure: form.refusal ?? '',
        site: form.site.name,
        house: form.house,
        firstDate: form.firstDate,
        lastDate: form.lastDate,
        date: '',
        dateLabel: '',
        fields,
        values: {},
        'photos.shown': form.fields.photos.show,
        'photos.required': form.fields.photos.required,
        'photos.files': [],
        errors: {},
        submitError: '',
      });
    },

    openPicker() {
      this.setData({ pickerVisible: true });
    },

    closePicker() {
      this.setData({ pickerVisible: false });
    },

    onDateConfirm(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const date = String(event.detail.value).slice(0, 10);
      this.setData({ date, dateLabel: exitSlipDayLabel(date), pickerVisible: false, 'errors.date': '' });
    },

    onFieldChange(event: WechatMiniprogram.CustomEvent<{ value: string }, object, { key: TextField }>) {
      const { key } = event.currentTarget.dataset;
      this.setData({ [`values.${key}`]: event.detail.value, [`errors.${key}`]: '' });
    },

    async addPhoto() {
      const form = this.form;
      if (!form || this.data.uploading || this.data.photos.files.length >= EXIT_SLIP_MAX_PHOTOS) return;
      this.setData({ uploading: true });
      // 物品照片: from the album or the camera, into the folder the form gave (the only one the function accepts)
      const result = await uploadPhoto(form.photoFolder);
      this.setData({ uploading: false });
      if (result.ok) {
        const photo = { fileId: result.fileId, preview: result.preview };
        this.setData({ 'photos.files': [...this.data.photos.files, photo], 'errors.photos': '' });
      } else if (!result.cancelled) {
        wx.showToast({ title: '照片上传失败，请重试', icon: 'none' });
      }
    },

    removePhoto(event: WechatMiniprogram.CustomEvent<object, object, { index: number }>) {
      const files = this.data.photos.files.filter((_f, i) => i !== Number(event.currentTarget.dataset.index));
      this.setData({ 'photos.files': files });
    },

    async submit() {
      const form = this.form;
      if (!form || this.data.submitting) return;
      // every field is checked at once: a missing day is said beside the other missing fields
      const request: Record<string, unknown> = {
        siteId: form.site.id,
        date: this.data.date || form.firstDate,
        ...this.data.values,
      };
      if (this.data.photos.files.length) request.photos = this.data.photos.files.map((p) => p.fileId);
      const shaped = exitSlipApplicationInput.parse(request);
      const checked = shaped.ok
        ? checkExitSlipApplication(shaped.value, { arrearsMayApply: true, fields: form.fields }, serverToday(form))
        : shaped;
      if (!checked.ok || !this.data.date) {
        const errors: Record<string, string> = this.data.date ? {} : { date: '请选择出门日期' };
        for (const issue of checked.ok ? [] : checked.issues)
          errors[issue.path.split('.')[0] || 'form'] ??= issue.message;
        this.setData({ errors, submitError: '' });
        return;
      }
      this.setData({ errors: {}, submitError: '', submitting: true });
      const answer = await applyExitSlip(checked.value as ExitSlipApplication);
      this.setData({ submitting: false });
      if (!answer.ok) {
        this.setData({ submitError: answer.message });
        return;
      }
      wx.redirectTo({ url: `${EXIT_PAGES.detail}?id=${answer.data.slip.id}` });
    },
  },
});
