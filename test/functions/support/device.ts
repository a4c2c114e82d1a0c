import { randomBytes } from 'node:crypto';
import { deviceSecret, signDeviceRequest, VERIFY_OPERATION } from '../../../server/devices/qr-devices';
import type { AppCloud } from '../../support/app-cloud';

/** Signed requests to `POST /device/verify` as a QR door device sends them (docs/devices.md). */

/** The demo device at 海信慧园's east gate, whose secret the test derives as the function does. */
export const DEVICE = { _id: 'device-hx-east', secretVersion: 1 };

export interface DeviceAnswer {
  status: number;
  body: { result: string; code?: string; message?: string; holder?: { name: string; house: string } };
}

export interface Signing {
  deviceId?: string;
  secret?: string;
  timestamp?: string;
  nonce?: string;
  /** sign one body, send another */
  sentBody?: string;
  /** sign and send this text instead of the payload's JSON */
  rawBody?: string;
  /** send to this localcloud path instead of `/http/device/verify` (still signing the operation `/verify`) */
  urlPath?: string;
}

export async function deviceVerify(app: AppCloud, payload: object, signing: Signing = {}): Promise<DeviceAnswer> {
  const body = signing.rawBody ?? JSON.stringify(payload);
  const timestamp = signing.timestamp ?? String(Math.floor(app.lc.clock.now() / 1000));
  const nonce = signing.nonce ?? randomBytes(12).toString('hex');
  const signature = signDeviceRequest(signing.secret ?? deviceSecret(DEVICE), {
    method: 'POST',
    operation: VERIFY_OPERATION,
    timestamp,
    nonce,
    body,
  });
  const res = await fetch(`${app.lc.url}${signing.urlPath ?? '/http/device/verify'}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-device-id': signing.deviceId ?? DEVICE._id,
      'x-timestamp': timestamp,
      'x-nonce': nonce,
      'x-signature': signature,
    },
    body: signing.sentBody ?? body,
  });
  return { status: res.status, body: (await res.json()) as DeviceAnswer['body'] };
}

/** P5: 门禁二维码 — devices release only where the site chose them. */
export async function setReleaseMode(app: AppCloud, siteId: string, mode: 'guard' | 'device'): Promise<void> {
  await app.lc.db.modify(
    'sites',
    { _id: siteId },
    { $set: { releaseMode: mode } },
    { multi: false, merge: true, upsert: false },
  );
}
