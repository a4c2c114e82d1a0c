/**
 * 住户通行证设置 (P2–P5): the exit rules of the current site, how its gates release residents (门岗扫码 or 门禁二维码)
 * and its QR door devices. A save takes effect at the next scan; the problems show at their fields before anything
 * is sent (draft.ts). A device's secret is shown once, in a dialog, when the device is added or its secret changed:
 * the function never hands it out again.
 */
import type { DeviceView } from '../../../../core/api/admin';
import { deviceGate, deviceName } from '../../rules';
import type { CountingMode } from '../../../../core/pass-rules';
import { COUNTING_MODE_WORDS, RELEASE_MODE_WORDS, type ReleaseMode } from '../../../../core/settings-words';
import { adminSettings } from '../../services/settings';
import { definePage } from '../../../../utils/define-page';
import { adminSiteBehavior } from '../../behaviors/admin-site';
import { recentChanges, type ChangeLine } from '../../utils/settings-changes';
import { MAX_WINDOWS, checkDraft, draftOf, noErrors, windowRow, type ResidentPassDraft } from './draft';

type Status = 'loading' | 'ready' | 'failed';

interface SecretShown {
  title: string;
  device: string;
  /** the device is configured with its id and its secret (docs/devices.md) */
  deviceId: string;
  secret: string;
}

const BLANK_DRAFT: ResidentPassDraft = {
  countingMode: 'perPerson',
  periodDays: '1',
  exitsPerPeriod: '0',
  windows: [],
  requireIdRegistration: false,
  requireTemperature: false,
  releaseMode: 'guard',
};

type ToggleField = 'requireIdRegistration' | 'requireTemperature';
type Dataset<T extends WechatMiniprogram.IAnyObject> = WechatMiniprogram.CustomEvent<{ value: unknown }, object, T>;

definePage<{ siteId?: string }>()({
  behaviors: [adminSiteBehavior],

  data: {
    status: 'loading' as Status,
    failure: '',
    draft: BLANK_DRAFT,
    errors: noErrors(BLANK_DRAFT),
    notice: '',
    saving: false,
    maxWindows: MAX_WINDOWS,
    countingModes: (['perPerson', 'perHousehold'] as CountingMode[]).map((value) => ({
      value,
      label: COUNTING_MODE_WORDS[value],
    })),
    releaseModes: (['guard', 'device'] as ReleaseMode[]).map((value) => ({ value, label: RELEASE_MODE_WORDS[value] })),
    devices: [] as DeviceView[],
    deviceForm: { name: '', gate: '' },
    deviceErrors: { name: '', gate: '' },
    deviceNotice: '',
    secretShown: null as SecretShown | null,
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
      // back from another page: what is being edited stays
      if (this.siteId === site.id && this.data.status === 'ready') return;
      this.siteId = site.id;
      await this.load();
    },

    async load() {
      const siteId = this.siteId;
      if (!siteId) return;
      this.setData({ status: 'loading' });
      const [settings, devices] = await Promise.all([
        adminSettings.query('passSettings', { siteId }),
        adminSettings.query('devices', { siteId }),
      ]);
      if (!settings.ok) {
        this.setData({ status: 'failed', failure: settings.message });
        return;
      }
      if (!devices.ok) {
        this.setData({ status: 'failed', failure: devices.message });
        return;
      }
      const draft = draftOf(settings.data);
      this.setData({ status: 'ready', draft, errors: noErrors(draft), notice: '', devices: devices.data.devices });
      await this.loadChanges();
    },

    async loadChanges() {
      if (!this.siteId) return;
      const changes = await recentChanges(this.siteId, ['residentPass', 'device']);
      this.setData({ changes: changes ?? [], changesFailed: changes === null });
    },

    chooseCountingMode(event: Dataset<{ value: CountingMode }>) {
      this.edit({ countingMode: event.currentTarget.dataset.value });
    },

    chooseReleaseMode(event: Dataset<{ value: ReleaseMode }>) {
      this.edit({ releaseMode: event.currentTarget.dataset.value });
    },

    onNumberChange(event: Dataset<{ field: 'periodDays' | 'exitsPerPeriod' }>) {
      this.edit({ [event.currentTarget.dataset.field]: String(event.detail.value ?? '') });
    },

    onToggle(event: Dataset<{ field: ToggleField }>) {
      const field = event.currentTarget.dataset.field;
      this.edit({ [field]: !this.data.draft[field] });
    },

    onWindowChange(event: Dataset<{ index: number; end: 'start' | 'end' }>) {
      const { index, end } = event.currentTarget.dataset;
      const windows = this.data.draft.windows.slice();
      const row = { ...windows[index], [end]: String(event.detail.value ?? '') };
      windows[index] = windowRow(row.start, row.end);
      this.edit({ windows });
    },

    addWindow() {
      if (this.data.draft.windows.length >= MAX_WINDOWS) return;
      this.edit({ windows: [...this.data.draft.windows, windowRow('', '')] });
    },

    removeWindow(event: Dataset<{ index: number }>) {
      const windows = this.data.draft.windows.filter((_w, i) => i !== event.currentTarget.dataset.index);
      this.edit({ windows });
    },

    /** An edit: the problems shown follow it (once shown), and the last refusal goes. */
    edit(patch: Partial<ResidentPassDraft>) {
      const draft = { ...this.data.draft, ...patch };
      const shown = Object.values(this.data.errors).some((e) => (Array.isArray(e) ? e.some(Boolean) : e));
      const checked = checkDraft(draft);
      const errors = !shown || checked.ok ? noErrors(draft) : checked.errors;
      this.setData({ draft, errors, notice: '' });
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
      const answer = await adminSettings.mutate('updatePassSettings', {
        siteId,
        residentPass: checked.residentPass,
        releaseMode: this.data.draft.releaseMode,
      });
      this.setData({ saving: false });
      if (!answer.ok) {
        this.setData({ notice: answer.message });
        return;
      }
      const draft = draftOf(answer.data);
      this.setData({ draft, errors: noErrors(draft) });
      wx.showToast({ title: '已保存，下次扫码生效', icon: 'success' });
      await this.loadChanges();
    },

    onDeviceFieldChange(event: Dataset<{ field: 'name' | 'gate' }>) {
      const deviceForm = { ...this.data.deviceForm, [event.currentTarget.dataset.field]: String(event.detail.value) };
      this.setData({ deviceForm, deviceNotice: '' });
    },

    async addDevice() {
      const siteId = this.siteId;
      if (!siteId) return;
      const name = deviceName.parse(this.data.deviceForm.name);
      const gate = deviceGate.parse(this.data.deviceForm.gate);
      this.setData({
        deviceErrors: { name: name.ok ? '' : name.issues[0].message, gate: gate.ok ? '' : gate.issues[0].message },
      });
      if (!name.ok || !gate.ok) return;
      const answer = await adminSettings.mutate('registerDevice', { siteId, name: name.value, gate: gate.value });
      if (!answer.ok) {
        this.setData({ deviceNotice: answer.message });
        return;
      }
      this.setData({
        devices: [...this.data.devices, answer.data.device],
        deviceForm: { name: '', gate: '' },
        secretShown: secretOf('设备已添加', answer.data),
      });
      await this.loadChanges();
    },

    async toggleDevice(event: Dataset<{ id: string }>) {
      const siteId = this.siteId;
      const device = this.data.devices.find((d) => d.id === event.currentTarget.dataset.id);
      if (!siteId || !device) return;
      const status = device.status === 'active' ? 'disabled' : 'active';
      const answer = await adminSettings.mutate('setDeviceStatus', { siteId, deviceId: device.id, status });
      if (!answer.ok) {
        this.setData({ deviceNotice: answer.message });
        return;
      }
      this.replaceDevice(answer.data.device);
      await this.loadChanges();
    },

    rotateSecret(event: Dataset<{ id: string }>) {
      const device = this.data.devices.find((d) => d.id === event.currentTarget.dataset.id);
      if (!device) return;
      wx.showModal({
        title: '更换密钥',
        content: `更换后「${deviceLabel(device)}」的旧密钥立即失效，需在设备上填入新密钥才能继续放行。`,
        confirmText: '更换',
        success: ({ confirm }) => {
          if (confirm) void this.rotateConfirmed(device);
        },
      });
    },

    async rotateConfirmed(device: DeviceView) {
      const siteId = this.siteId;
      if (!siteId) return;
      const answer = await adminSettings.mutate('rotateDeviceSecret', { siteId, deviceId: device.id });
      if (!answer.ok) {
        this.setData({ deviceNotice: answer.message });
        return;
      }
      this.replaceDevice(answer.data.device);
      this.setData({
        secretShown: secretOf('密钥已更换', answer.data),
      });
      await this.loadChanges();
    },

    replaceDevice(device: DeviceView) {
      this.setData({ devices: this.data.devices.map((d) => (d.id === device.id ? device : d)) });
    },

    copySecret() {
      const shown = this.data.secretShown;
      if (shown) wx.setClipboardData({ data: shown.secret });
    },

    /** The secret leaves the screen for good: nothing keeps it. */
    closeSecret() {
      this.setData({ secretShown: null });
    },
  },
});

function secretOf(title: string, answer: { device: DeviceView; secret: string }): SecretShown {
  return { title, device: deviceLabel(answer.device), deviceId: answer.device.id, secret: answer.secret };
}

function deviceLabel(device: DeviceView): string {
  return `${device.name}（${device.gate}）`;
}
