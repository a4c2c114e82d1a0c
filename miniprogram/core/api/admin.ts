import type { HouseRestriction, ResidentPassSettings } from '../pass-rules';

/** The `admin` cloud function: a site administrator's pass settings (微小区 通行证设置) and QR door devices. */

export interface DeviceView {
  id: string;
  name: string;
  gate: string;
  status: 'active' | 'disabled';
  secretVersion: number;
}

export type PassSettingsInput = Omit<ResidentPassSettings, 'periodAnchor'>;

export interface PassSettingsView {
  residentPass: ResidentPassSettings;
  releaseMode: 'guard' | 'device';
}

export interface AdminActions {
  passSettings: { request: { siteId: string }; response: PassSettingsView };
  updatePassSettings: {
    request: { siteId: string; residentPass: PassSettingsInput; releaseMode: 'guard' | 'device'; requestId: string };
    response: PassSettingsView;
  };
  restrictHouse: {
    request: { siteId: string; houseId: string; restriction: HouseRestriction | null; requestId: string };
    response: { houseId: string; restriction: HouseRestriction | null };
  };
  devices: { request: { siteId: string }; response: { devices: DeviceView[] } };
  /** the secret is shown once, here: the device maker enters it into the device */
  registerDevice: {
    request: { siteId: string; name: string; gate: string; requestId: string };
    response: { device: DeviceView; secret: string };
  };
  rotateDeviceSecret: {
    request: { siteId: string; deviceId: string; requestId: string };
    response: { device: DeviceView; secret: string };
  };
  setDeviceStatus: {
    request: { siteId: string; deviceId: string; status: 'active' | 'disabled'; requestId: string };
    response: { device: DeviceView };
  };
}
