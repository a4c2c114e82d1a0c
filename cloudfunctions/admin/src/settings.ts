import type { AdminSettingsActions, PassSettingsView } from '../../../miniprogram/core/api/admin';
import { DEFAULT_RESIDENT_PASS_SETTINGS } from '../../../miniprogram/core/pass-rules';
import { deviceGate, deviceName, residentPassInput, restriction } from '../../../miniprogram/packages/admin/rules';
import { visitorSettingsInput } from '../../../miniprogram/core/visit-rules';
import { residentPassWords, restrictionWords, visitorSettingsWords } from '../../../miniprogram/core/settings-words';
import { shanghaiDate } from '../../../miniprogram/core/time';
import { documentId, integer, object, oneOf, optional, string } from '../../../miniprogram/core/validate';
import { administeredSite as adminSite, requireRole } from '../../../server/people/access';
import { importCards } from '../../../server/cards/import';
import { DeviceRepository, deviceSecret, deviceView, newDevice, type Device } from '../../../server/devices/qr-devices';
import { AccessRecords, recordView } from '../../../server/passes/access-records';
import { audit, maskedRecordView, recordsQuery } from '../../../server/passes/records-reading';
import { recordsReader } from '../../../server/people/observers';
import { recordsFilter } from './records-filter';
import type { ActionsOf } from '../../../server/platform/router';
import { HouseRepository } from '../../../server/sites/house';
import { changeSettings, type SettingsChangeFacts } from '../../../server/sites/settings-changes';
import { SiteRepository, residentPassSettings, visitorSettings, type Site } from '../../../server/sites/site';

const siteId = documentId('场区');
/**
 * 微小区 通行证设置 for a site's administrators: the resident pass rules and release mode (P2–P5), the visitor
 * settings (P7), house restrictions (P10), the QR door devices with their secrets (P5), the records (P12) and
 * the card list (卡务). Every action needs the administrator role at that site; `records` an observer may call too.
 */
export const settingsActions: ActionsOf<AdminSettingsActions> = {
  // administrators and observers (P11): an observer's answer is masked and their read goes into the audit log
  records: {
    input: object({ siteId, ...recordsFilter, page: optional(integer({ label: '页码', min: 1, max: 1000 }), 1) }),
    async run(context, { siteId: site, page = 1, ...filter }) {
      const reader = await recordsReader(context, site);
      const { records, hasMore } = await new AccessRecords().page({ ...recordsQuery(site, filter), page });
      if (reader.role === 'observer') {
        await audit(reader, 'records', { ...filter, page }, records.length, context.now);
        return { records: records.map(maskedRecordView), page, hasMore };
      }
      return { records: records.map(recordView), page, hasMore };
    },
  },

  passSettings: {
    input: object({ siteId }),
    async run(context, input) {
      return settingsView(await adminSite(context, input.siteId));
    },
  },

  updatePassSettings: {
    mutating: true,
    input: object({
      siteId,
      residentPass: residentPassInput,
      releaseMode: oneOf(['guard', 'device'] as const, '放行方式'),
    }),
    async run(context, input) {
      const site = await adminSite(context, input.siteId);
      const before = residentPassSettings(site);
      // a new period length starts counting today; otherwise the periods run on as they were
      const periodAnchor =
        before.periodDays === input.residentPass.periodDays ? before.periodAnchor : shanghaiDate(context.now);
      const residentPass = { ...DEFAULT_RESIDENT_PASS_SETTINGS, ...input.residentPass, periodAnchor };
      const facts = {
        siteId: site._id,
        area: 'residentPass' as const,
        before: residentPassWords(before, site.releaseMode ?? 'guard'),
        after: residentPassWords(residentPass, input.releaseMode),
      };
      await changeSettings(context, facts, async (tx) => {
        const _ = new SiteRepository().command();
        await tx
          .collection('sites')
          .doc(site._id)
          .update({ data: { residentPass: _.set(residentPass), releaseMode: input.releaseMode } });
      });
      return { residentPass, releaseMode: input.releaseMode };
    },
  },

  visitorSettings: {
    input: object({ siteId }),
    async run(context, input) {
      return { settings: visitorSettings(await adminSite(context, input.siteId)) };
    },
  },

  setVisitorSettings: {
    mutating: true,
    input: object({ siteId, settings: visitorSettingsInput }),
    async run(context, input) {
      const site = await adminSite(context, input.siteId);
      const facts = {
        siteId: site._id,
        area: 'visitorPass' as const,
        before: visitorSettingsWords(visitorSettings(site)),
        after: visitorSettingsWords(input.settings),
      };
      await changeSettings(context, facts, async (tx) => {
        const _ = new SiteRepository().command();
        await tx
          .collection('sites')
          .doc(site._id)
          .update({ data: { visitorSettings: _.set(input.settings) } });
      });
      return { settings: input.settings };
    },
  },

  restrictHouse: {
    mutating: true,
    input: object({ siteId, houseId: documentId('房屋'), restriction }),
    async run(context, input) {
      await adminSite(context, input.siteId);
      const houses = new HouseRepository();
      const house = await houses.ofSite(input.siteId, input.houseId);
      const facts = {
        siteId: input.siteId,
        area: 'restriction' as const,
        subject: house.label,
        before: restrictionWords(house.restriction),
        after: restrictionWords(input.restriction),
      };
      await changeSettings(context, facts, async (tx) => {
        const _ = houses.command();
        await tx
          .collection('houses')
          .doc(house._id)
          .update({ data: { restriction: input.restriction ? _.set(input.restriction) : _.remove() } });
      });
      return { houseId: input.houseId, restriction: input.restriction ?? null };
    },
  },

  devices: {
    input: object({ siteId }),
    async run(context, input) {
      await adminSite(context, input.siteId);
      const devices = await new DeviceRepository().find({ siteId: input.siteId }, { limit: 200 });
      return { devices: devices.map(deviceView) };
    },
  },

  registerDevice: {
    mutating: true,
    input: object({ siteId, name: deviceName, gate: deviceGate }),
    async run(context, input) {
      await adminSite(context, input.siteId);
      const device = newDevice(input.siteId, input.name, input.gate, context.now);
      await changeSettings(context, deviceChange(device, '添加设备'), async (tx) => {
        const { _id, ...fields } = device;
        await tx.collection('devices').doc(_id).set({ data: fields });
      });
      return { device: deviceView(device), secret: deviceSecret(device) };
    },
  },

  rotateDeviceSecret: {
    mutating: true,
    input: object({ siteId, deviceId: documentId('设备') }),
    async run(context, input) {
      await requireRole(context, input.siteId, ['admin']);
      const devices = new DeviceRepository();
      const device = await devices.ofSite(input.siteId, input.deviceId);
      // the old secret stops working with this write: the device must be given the new one
      const rotated = { ...device, secretVersion: device.secretVersion + 1 };
      await changeSettings(context, deviceChange(device, '更换密钥'), async (tx) => {
        await tx
          .collection('devices')
          .doc(device._id)
          .update({ data: { secretVersion: rotated.secretVersion } });
      });
      return { device: deviceView(rotated), secret: deviceSecret(rotated) };
    },
  },

  importCards: {
    mutating: true,
    input: object({ siteId, csv: string({ label: '卡片清单', max: 500_000, trim: false, multiline: true }) }),
    async run(context, input) {
      return importCards(await adminSite(context, input.siteId), input.csv);
    },
  },

  setDeviceStatus: {
    mutating: true,
    input: object({
      siteId,
      deviceId: documentId('设备'),
      status: oneOf(['active', 'disabled'] as const, '设备状态'),
    }),
    async run(context, input) {
      await requireRole(context, input.siteId, ['admin']);
      const device = await new DeviceRepository().ofSite(input.siteId, input.deviceId);
      const facts = {
        ...deviceChange(device),
        before: { 设备状态: DEVICE_STATUS_WORDS[device.status] },
        after: { 设备状态: DEVICE_STATUS_WORDS[input.status] },
      };
      await changeSettings(context, facts, async (tx) => {
        await tx
          .collection('devices')
          .doc(device._id)
          .update({ data: { status: input.status } });
      });
      return { device: deviceView({ ...device, status: input.status }) };
    },
  },
};

const DEVICE_STATUS_WORDS: Record<Device['status'], string> = { active: '启用', disabled: '停用' };

/** A device's line in 最近修改: named with its gate, as the list shows it. */
function deviceChange(device: Device, action?: string): SettingsChangeFacts {
  return {
    siteId: device.siteId,
    area: 'device',
    subject: `${device.name}（${device.gate}）`,
    ...(action ? { action } : {}),
    before: {},
    after: {},
  };
}

function settingsView(site: Site): PassSettingsView {
  return { residentPass: residentPassSettings(site), releaseMode: site.releaseMode ?? 'guard' };
}
