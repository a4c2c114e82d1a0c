/**
 * Shake detection (摇一摇, R8) over `wx.onAccelerometerChange` samples (x, y, z in g). A shake is
 * several sharp jolts in quick succession: the total acceleration leaving gravity's 1 g by more
 * than `joltG`, entering that state at least `jolts` times within `windowMs`. Counting entries
 * rather than samples makes it independent of the sampling interval. One jolt (a knock, setting
 * the phone down) or walking (±0.3 g) is not a shake. After a shake the detector is deaf for
 * `cooldownMs`, so one vigorous shake opens the door once.
 */
export interface AccelerationSample {
  x: number;
  y: number;
  z: number;
  /** milliseconds, any monotonic clock */
  t: number;
}

export interface ShakeOptions {
  joltG: number;
  jolts: number;
  windowMs: number;
  cooldownMs: number;
}

export const DEFAULT_SHAKE: ShakeOptions = { joltG: 0.8, jolts: 4, windowMs: 1000, cooldownMs: 3000 };

export class ShakeDetector {
  private inJolt = false;
  private joltTimes: number[] = [];
  private deafUntil = -Infinity;

  constructor(private readonly options: ShakeOptions = DEFAULT_SHAKE) {}

  /** Feeds one sample; true exactly when it completes a shake. */
  push(sample: AccelerationSample): boolean {
    const jolting = Math.abs(Math.hypot(sample.x, sample.y, sample.z) - 1) > this.options.joltG;
    const entered = jolting && !this.inJolt;
    this.inJolt = jolting;
    if (!entered || sample.t < this.deafUntil) return false;
    this.joltTimes = this.joltTimes.filter((t) => sample.t - t <= this.options.windowMs);
    this.joltTimes.push(sample.t);
    if (this.joltTimes.length < this.options.jolts) return false;
    this.joltTimes = [];
    this.deafUntil = sample.t + this.options.cooldownMs;
    return true;
  }

  reset(): void {
    this.inJolt = false;
    this.joltTimes = [];
    this.deafUntil = -Infinity;
  }
}
