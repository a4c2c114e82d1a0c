/**
 * The phone's accelerometer: a test plays a trace recorded (or synthesized) as `wx.onAccelerometerChange` reports
 * it — demo/sensors/accelerometer-<name>.json, the traces the core shake tests use — to whatever page
 * listens, at the trace's own pace on the phone clock (phone-clock.ts).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { AccelerationSample } from '../../../miniprogram/core/shake';
import { phoneTimePasses } from './phone-clock';
import type { Phone } from './wx-client';

export type TraceName = 'resting' | 'walking' | 'knock' | 'shake' | 'long-shake';

export function accelerometerTrace(name: TraceName): AccelerationSample[] {
  const file = path.resolve(__dirname, '..', '..', '..', 'demo', 'sensors', `accelerometer-${name}.json`);
  return JSON.parse(readFileSync(file, 'utf8')) as AccelerationSample[];
}

/**
 * Plays the samples, each when its time comes: the phone clock moves by the gap before it, then the listeners hear
 * it — while the sensor runs (between wx.startAccelerometer and wx.stopAccelerometer), as on a phone.
 */
export function playAccelerometer(phone: Phone, samples: readonly AccelerationSample[]): void {
  let previous = samples[0]?.t ?? 0;
  for (const { x, y, z, t } of samples) {
    phoneTimePasses(t - previous);
    previous = t;
    if (!phone.accelerometer.running) continue;
    for (const listener of phone.accelerometer.listeners) listener({ x, y, z });
  }
}
