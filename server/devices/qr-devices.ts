import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { DeviceView } from '../../miniprogram/core/api/admin';
import { AppError } from '../platform/errors';
import { Repository, type Stored } from '../platform/repository';
import { secret } from '../platform/secrets';

/**
 * 门禁二维码 devices (P5): QR scanners at a gate that verify and consume passes through the
 * HTTP-triggered `device` function. Each device has its own secret, never stored: it is derived
 * from the environment's DEVICE_MASTER_KEY, the device id and a version an administrator bumps
 * to rotate it. docs/devices.md is the protocol for device makers.
 */
export interface Device extends Stored {
  siteId: string;
  name: string;
  /** the gate it stands at, written into access records (东门) */
  gate: string;
  secretVersion: number;
  status: 'active' | 'disabled';
  createdAt: Date;
}

/** Requests more than this far from the function's clock are refused (a replay window). */
export const TIMESTAMP_WINDOW_S = 300;

export function deviceSecret(device: Pick<Device, '_id' | 'secretVersion'>): string {
  return createHmac('sha256', secret('DEVICE_MASTER_KEY'))
    .update(`${device._id}:${device.secretVersion}`)
    .digest('hex');
}

export interface SignedRequest {
  method: string;
  /**
   * The operation asked for (`/verify`), not the path as sent: the HTTP access route may hand the function
   * `/verify` (the route stripped, the platform's default) or `/device/verify` (路径透传), and the device
   * cannot know which. Signing the operation keeps one signature valid however the route is mounted.
   */
  operation: string;
  timestamp: string;
  nonce: string;
  signature: string;
  body: string;
}

/** The one operation devices sign today (docs/devices.md). */
export const VERIFY_OPERATION = '/verify';

/**
 * The operation a request path names: its final segment, as `/<segment>` (`/verify` from `/verify` or
 * `/device/verify`). A path with no final segment (`/`, `/device/`) names none.
 */
export function deviceOperation(path: string): string | undefined {
  const segment = path.slice(path.lastIndexOf('/') + 1);
  return path.startsWith('/') && segment !== '' ? `/${segment}` : undefined;
}

/** The signature a device sends: hex HMAC-SHA256(secret, ts \n nonce \n METHOD \n operation \n hex SHA-256(body)). */
export function signDeviceRequest(secretHex: string, request: Omit<SignedRequest, 'signature'>): string {
  const bodyHash = createHash('sha256').update(request.body).digest('hex');
  const text = [request.timestamp, request.nonce, request.method.toUpperCase(), request.operation, bodyHash].join('\n');
  return createHmac('sha256', Buffer.from(secretHex, 'hex')).update(text).digest('hex');
}

export type DeviceCheck =
  { ok: true } | { ok: false; reason: 'unknown device' | 'device disabled' | 'stale timestamp' | 'bad signature' };

/** Checks who sent the request and when (not yet the nonce: that needs the database). */
export function checkDeviceRequest(device: Device | undefined, request: SignedRequest, now: Date): DeviceCheck {
  if (!device) return { ok: false, reason: 'unknown device' };
  const ts = Number(request.timestamp);
  if (!/^\d{9,11}$/.test(request.timestamp) || Math.abs(now.getTime() / 1000 - ts) > TIMESTAMP_WINDOW_S) {
    return { ok: false, reason: 'stale timestamp' };
  }
  const expected = Buffer.from(signDeviceRequest(deviceSecret(device), request), 'hex');
  const given = /^[0-9a-f]{64}$/i.test(request.signature) ? Buffer.from(request.signature, 'hex') : Buffer.alloc(0);
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: 'bad signature' };
  if (device.status !== 'active') return { ok: false, reason: 'device disabled' };
  return { ok: true };
}

/** The site's QR door devices, as its administrator manages them (P5). */
export class DeviceRepository extends Repository<Device> {
  constructor() {
    super('devices');
  }

  /** A device of `siteId`; another site's device is not found. */
  async ofSite(siteId: string, deviceId: string): Promise<Device> {
    const device = await this.get(deviceId);
    if (!device || device.siteId !== siteId) throw new AppError('NOT_FOUND', '该设备不存在');
    return device;
  }
}

/** A device about to be registered: its id is chosen here, so its secret is known before it is written. */
export function newDevice(siteId: string, name: string, gate: string, now: Date): Device {
  return {
    _id: randomBytes(16).toString('hex'),
    siteId,
    name,
    gate,
    secretVersion: 1,
    status: 'active',
    createdAt: now,
  };
}

export function deviceView(device: Device): DeviceView {
  return {
    id: device._id,
    name: device.name,
    gate: device.gate,
    status: device.status,
    secretVersion: device.secretVersion,
  };
}
