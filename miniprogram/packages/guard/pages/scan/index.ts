/**
 * 门岗扫码 (P3–P5): the guard at a gate scans the pass a resident (or visitor) shows, sees whose it is and what
 * the release needs, enters that — the temperature, the ID number of a holder who has none registered — and
 * releases; or reads, in plain words, why not (PASS_USED says when and where). Then straight to the next scan.
 * The gate the guard stands at is picked from the site's doors (东门, 北门), remembered on the phone and written
 * with every scan and release. Only the site's guards use this page: anyone else who opens it (by a link, say) is
 * told so politely and sent back.
 */
import { currentSiteBehavior } from '../../../../behaviors/current-site';
import { PASS_TYPE_LABELS, type ScanResponse } from '../../../../core/api/gate';
import type { DoorSummary } from '../../../../core/api/site';
import { canScanPasses } from '../../../../core/roles';
import { temperatureProblem } from '../../../../core/gate-rules';
import type { ErrorCode } from '../../../../core/errors';
import { idNumberProblem } from '../../../../core/id-number';
import { SHANGHAI_OFFSET_MS } from '../../../../core/time';
import { rememberedGateName, rememberGateName, releasePass, scanPass } from '../../../../services/gate';
import { listDoors } from '../../../../services/site';
import { definePage } from '../../../../utils/define-page';
import { ROUTES } from '../../../../utils/routes';

/** idle: ready to scan · checking: asking the gate · checked: the pass and its form · released · refused */
type Step = 'idle' | 'checking' | 'checked' | 'released' | 'refused';
type Field = 'temperature' | 'idNumber';
/** checking: the site's answer not in yet · onDuty: a guard here · notGuard: anyone else, on their way back */
type Duty = 'checking' | 'onDuty' | 'notGuard';
/** the site's gates: loading · ready · failed (retry) */
type DoorsStatus = 'loading' | 'ready' | 'failed';

/** What the guard reads about a scanned pass. */
interface ScannedPass {
  type: string;
  name: string;
  house: string;
  maskedIdNumber: string;
  expires: string;
  requires: ScanResponse['requires'];
  /** an exit slip (出门条): its day and what it lets out, for the guard to check against the goods */
  slipRows: Array<{ label: string; value: string }>;
}

/** 出门条 rows: the day, then each field the household filled in, in the form's order. */
function slipRowsOf(slip: ScanResponse['exitSlip']): Array<{ label: string; value: string }> {
  if (!slip) return [];
  const [, month, day] = slip.date.split('-').map(Number);
  const rows = [{ label: '出门日期', value: `${month}月${day}日当天` }];
  for (const [field, label] of SLIP_FIELDS) {
    const value = slip[field];
    if (value) rows.push({ label, value });
  }
  if (slip.photos > 0) rows.push({ label: '物品照片', value: `${slip.photos} 张（物业已审核）` });
  return rows;
}

const SLIP_FIELDS = [
  ['goods', '物品清单'],
  ['plate', '车牌号'],
  ['carrier', '搬运人'],
  ['company', '搬家公司'],
  ['remark', '备注'],
] as const;

/** refusals the guard can answer on the spot (a field, or trying again); any other is the pass's last word */
const FIXABLE: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'INVALID_ARGUMENT',
  'TEMPERATURE_REQUIRED',
  'ID_REGISTRATION_REQUIRED',
  'INTERNAL',
  'CONFLICT',
  'RATE_LIMITED',
]);
const NO_ERRORS: Record<Field, string> = { temperature: '', idNumber: '' };
const ID_CONSENT_REQUIRED = '登记身份证号前，请先征得持证人同意并勾选';

interface GuardFields {
  /** the code being checked or released */
  code?: string;
}

definePage<GuardFields>()({
  behaviors: [currentSiteBehavior],

  data: {
    duty: 'checking' as Duty,
    doors: [] as DoorSummary[],
    doorsStatus: 'loading' as DoorsStatus,
    /** the chosen door's name, as scans and releases record it */
    gate: '',
    gateError: '',
    step: 'idle' as Step,
    pass: null as ScannedPass | null,
    form: { temperature: '', idNumber: '' } as Record<Field, string>,
    errors: NO_ERRORS,
    /**
     * the holder agreed to 身份证登记 (PIPL: sensitive data, its own consent): the ID field opens only then, and
     * every new scan asks again
     */
    idConsent: false,
    notice: '',
    releasing: false,
    /** released: whose and where · refused: why */
    outcome: { title: '', detail: '' },
  },

  methods: {
    onShow() {
      // back from the site list: the site may have changed
      void this.loadSite();
    },

    /** on show, and the retry button of a failed load */
    async loadSite() {
      this.showRememberedSite();
      const check = await this.confirmSite();
      if (check === 'superseded') return;
      // the roles of the remembered site are not known: say why and offer 重试, never 仅限门岗使用
      if (check === 'failed') this.setData({ siteStatus: 'failed' });
      const { siteStatus, site, roles } = this.data;
      if (siteStatus !== 'chosen' || !site) return;
      if (!canScanPasses(roles)) {
        await this.sendBack(site.name);
        return;
      }
      this.setData({ duty: 'onDuty' });
      await this.loadDoors(site.id);
    },

    /** Not a guard here: a word of explanation, then back where they came from (home, when there is nowhere). */
    async sendBack(siteName: string) {
      if (this.data.duty === 'notGuard') return;
      this.setData({ duty: 'notGuard' });
      await wx
        .showModal({
          title: '仅限门岗使用',
          content: `门岗扫码供${siteName}的门岗放行使用。出入小区请在首页出示您的通行证。`,
          showCancel: false,
          confirmText: '知道了',
        })
        .catch(() => undefined);
      wx.navigateBack({ fail: () => wx.switchTab({ url: ROUTES.home }) });
    },

    /** The site's gates; the one remembered on this phone is chosen again, and a site with one gate needs no pick. */
    async loadDoors(siteId: string) {
      if (this.data.doorsStatus !== 'ready') this.setData({ doorsStatus: 'loading' });
      const answer = await listDoors(siteId);
      if (this.data.site?.id !== siteId) return;
      if (!answer.ok) {
        this.setData({ doorsStatus: 'failed', gateError: answer.message });
        return;
      }
      const doors = answer.data.items;
      const remembered = rememberedGateName();
      const still = doors.find((door) => door.name === this.data.gate || door.name === remembered);
      const gate = still?.name ?? (doors.length === 1 ? (doors[0]?.name ?? '') : '');
      this.setData({ doors, doorsStatus: 'ready', gate, gateError: '' });
    },

    retryDoors() {
      const { site } = this.data;
      if (site) void this.loadDoors(site.id);
    },

    openSites() {
      wx.navigateTo({ url: ROUTES.sites });
    },

    /** a gate chip, with the door's name in `data-name` */
    onGatePick(event: WechatMiniprogram.BaseEvent<WechatMiniprogram.IAnyObject, { name?: string }>) {
      const { name } = event.currentTarget.dataset;
      if (!name) return;
      this.setData({ gate: name, gateError: '' });
      rememberGateName(name);
    },

    /** 扫码: the camera only (a photo of a code is not someone at the gate), QR codes only. */
    async onScan() {
      const { site, step, duty } = this.data;
      if (!site || step === 'checking' || duty !== 'onDuty') return;
      const gate = this.data.gate.trim();
      if (!gate) {
        this.setData({ gateError: '请先选择您所在的门岗' });
        return;
      }
      let code: string;
      try {
        ({ result: code } = await wx.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] }));
      } catch {
        // the guard closed the camera: nothing was scanned, and the last pass's outcome is not this one's
        this.code = undefined;
        this.setData({ step: 'idle', pass: null, notice: '', outcome: { title: '', detail: '' } });
        return;
      }
      this.code = code;
      this.setData({
        step: 'checking',
        pass: null,
        form: { temperature: '', idNumber: '' },
        errors: NO_ERRORS,
        idConsent: false,
        notice: '',
      });
      const answer = await scanPass(code, site.id, gate);
      if (this.code !== code) return;
      if (!answer.ok) {
        // a network or platform failure says nothing about the pass: scan it again
        this.conclude('refused', FIXABLE.has(answer.code) ? '未能核验' : '不能放行', answer.message);
        return;
      }
      const { type, holder, requires, expiresAt, exitSlip } = answer.data;
      this.setData({
        step: 'checked',
        pass: {
          type: PASS_TYPE_LABELS[type],
          name: holder.name,
          house: holder.house ?? '',
          maskedIdNumber: holder.maskedIdNumber ?? '未登记',
          expires: clockTime(expiresAt),
          requires,
          slipRows: slipRowsOf(exitSlip),
        },
      });
    },

    onFieldChange(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const field: unknown = (event.currentTarget.dataset as Record<string, unknown>).field;
      if (field !== 'temperature' && field !== 'idNumber') return;
      this.setData({ form: { ...this.data.form, [field]: event.detail.value }, errors: NO_ERRORS, notice: '' });
    },

    toggleIdConsent() {
      const idConsent = !this.data.idConsent;
      // consent taken back: the number typed under it goes too
      const form = idConsent ? this.data.form : { ...this.data.form, idNumber: '' };
      this.setData({ idConsent, form, errors: NO_ERRORS });
    },

    /** 放行: what the site requires is checked here first, with the function's own rules. */
    async onRelease() {
      const { site, pass, form, gate, releasing } = this.data;
      const code = this.code;
      if (releasing || !site || !pass || !code) return;
      const temperature = form.temperature.trim();
      const idNumber = form.idNumber.trim();
      const errors = {
        temperature: pass.requires.temperature ? temperatureProblem(temperature) : '',
        idNumber: !pass.requires.idRegistration
          ? ''
          : !this.data.idConsent
            ? ID_CONSENT_REQUIRED
            : (idNumberProblem(idNumber) ?? ''),
      };
      if (errors.temperature || errors.idNumber) {
        this.setData({ errors });
        return;
      }
      this.setData({ releasing: true, notice: '' });
      const answer = await releasePass({
        code,
        siteId: site.id,
        gate: gate.trim(),
        ...(pass.requires.temperature ? { temperature: Number(temperature) } : {}),
        ...(pass.requires.idRegistration ? { idNumber } : {}),
      });
      this.setData({ releasing: false });
      if (this.code !== code) return;
      if (answer.ok) {
        const { holder, at } = answer.data;
        const where = [gate.trim(), clockTime(at)].join(' ');
        this.conclude('released', '已放行', [holder.name, holder.house, where].filter(Boolean).join(' · '));
      } else if (FIXABLE.has(answer.code)) {
        this.setData({ notice: answer.message });
      } else {
        this.conclude('refused', '不能放行', answer.message);
      }
    },

    onCancel() {
      this.code = undefined;
      this.setData({ step: 'idle', pass: null, notice: '' });
    },

    conclude(step: 'released' | 'refused', title: string, detail: string) {
      this.code = undefined;
      this.setData({ step, outcome: { title, detail }, pass: null, notice: '' });
      if (step === 'released') wx.vibrateShort({ type: 'light', fail: () => undefined });
    },
  },
});

/** 08:05, Asia/Shanghai: when a pass expires or was released, as the guard's watch shows it. */
function clockTime(iso: string): string {
  return new Date(Date.parse(iso) + SHANGHAI_OFFSET_MS).toISOString().slice(11, 16);
}
