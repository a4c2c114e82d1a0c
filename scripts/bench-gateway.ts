/**
 * What the benchmarks that drive the app through the dev gateway share: a throwaway localcloud with the demo
 * data, a function call or a QR door device's signed verify timed with the database wire calls it made, and
 * percentiles of the times.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalcloud, type Localcloud } from '../localcloud';
import { loadDemoDataIfEmpty } from '../demo/load';
import type { Envelope } from '../miniprogram/core/envelope';
import { deviceSecret, signDeviceRequest } from '../server/devices/qr-devices';

const root = path.resolve(__dirname, '..');

/**
 * Runs `bench` on a localcloud of its own (a temporary data folder, the demo data loaded), with LOCALCLOUD_URL set
 * so server code the benchmark runs itself (a device's secret) takes the same development secrets; cleans up after.
 */
export async function withDemoCloud(name: string, bench: (lc: Localcloud) => Promise<void>): Promise<void> {
  const work = mkdtempSync(path.join(os.tmpdir(), `${name}-`));
  const lc = await startLocalcloud({ projectRoot: root, dataDir: work });
  process.env.LOCALCLOUD_URL = lc.url;
  try {
    await loadDemoDataIfEmpty(lc.db, new Date());
    await bench(lc);
  } finally {
    await lc.close();
    rmSync(work, { recursive: true, force: true });
  }
}

export interface Timed<T> {
  ms: number;
  /** database wire calls the invocation made (`X-Localcloud-Db-Calls`) */
  dbCalls: number;
  body: T;
}

/** Calls a function through the gateway as `openid`. */
export async function invoke<T = unknown>(
  lc: Localcloud,
  fn: string,
  event: object,
  openid: string,
): Promise<Timed<Envelope<T>>> {
  const started = performance.now();
  const res = await fetch(`${lc.url}/fn/${fn}`, {
    method: 'POST',
    headers: { 'x-wx-openid': openid },
    body: JSON.stringify(event),
  });
  const body = (await res.json()) as Envelope<T>;
  return { ms: performance.now() - started, dbCalls: Number(res.headers.get('x-localcloud-db-calls')), body };
}

export interface DeviceAnswer {
  result: 'open' | 'refuse' | 'error';
  code?: string;
  message?: string;
}

/** `POST /http/device/verify` for `code`, signed as device `deviceId` (secret version 1) at localcloud's time. */
export async function verifyAtDevice(
  lc: Localcloud,
  deviceId: string,
  code: string,
): Promise<Timed<DeviceAnswer> & { status: number }> {
  const body = JSON.stringify({ code });
  const timestamp = String(Math.floor(lc.clock.now() / 1000));
  const nonce = randomBytes(12).toString('hex');
  const secret = deviceSecret({ _id: deviceId, secretVersion: 1 });
  const signature = signDeviceRequest(secret, { method: 'POST', operation: '/verify', timestamp, nonce, body });
  const started = performance.now();
  const res = await fetch(`${lc.url}/http/device/verify`, {
    method: 'POST',
    headers: { 'x-device-id': deviceId, 'x-timestamp': timestamp, 'x-nonce': nonce, 'x-signature': signature },
    body,
  });
  const answer = (await res.json()) as DeviceAnswer;
  return {
    ms: performance.now() - started,
    dbCalls: Number(res.headers.get('x-localcloud-db-calls')),
    body: answer,
    status: res.status,
  };
}

/** The q-quantile (0.5, 0.95 …) of some times: read as `percentiles(times)(0.95)`. */
export function percentiles(times: number[]): (q: number) => number {
  const sorted = [...times].sort((a, b) => a - b);
  return (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}
