import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_SHAKE, ShakeDetector, type AccelerationSample } from '../../miniprogram/core/shake';

// Shake detection over accelerometer traces (demo/sensors/, 20 ms samples).

const trace = (name: string) =>
  JSON.parse(
    readFileSync(path.join(__dirname, '..', '..', 'demo', 'sensors', `accelerometer-${name}.json`), 'utf8'),
  ) as AccelerationSample[];

function shakesIn(samples: AccelerationSample[], detector = new ShakeDetector()): number[] {
  return samples.filter((s) => detector.push(s)).map((s) => s.t);
}

test.each(['resting', 'walking', 'knock'])('%s is not a shake', (name) => {
  expect(shakesIn(trace(name))).toEqual([]);
});

test('a one-second hand shake is exactly one shake, detected while shaking', () => {
  const shakes = shakesIn(trace('shake'));
  expect(shakes).toHaveLength(1);
  expect(shakes[0]).toBeGreaterThan(1000);
  expect(shakes[0]).toBeLessThan(1500);
});

test('shaking for four seconds opens once per cool-down, not once per jolt', () => {
  const shakes = shakesIn(trace('long-shake'));
  expect(shakes).toHaveLength(2);
  expect(shakes[1] - shakes[0]).toBeGreaterThanOrEqual(DEFAULT_SHAKE.cooldownMs);
});

test('slower sampling (the 60 ms "ui" interval) still catches a shake', () => {
  const sparse = trace('shake').filter((_s, i) => i % 3 === 0);
  expect(shakesIn(sparse)).toHaveLength(1);
});

test('reset forgets half-finished jolts', () => {
  const samples = trace('shake');
  const completing = samples.findIndex((_s, i) => shakesIn(samples.slice(0, i + 1)).length === 1);
  const without = new ShakeDetector();
  samples.slice(0, completing).forEach((s) => without.push(s));
  expect(without.push(samples[completing])).toBe(true);

  const withReset = new ShakeDetector();
  samples.slice(0, completing).forEach((s) => withReset.push(s));
  withReset.reset();
  expect(withReset.push(samples[completing])).toBe(false);
});
