/**
 * The wait before another SMS code may be asked for (获取验证码 → "59秒后重新获取"), counted down from the
 * function's `resendAfter`. Counted against the clock, not by ticks, so a phone that slept in the background
 * shows the right number when it wakes.
 */
const TICK_MS = 1000;

export class ResendCountdown {
  private timer: number | undefined;
  private endsAt = 0;

  /** `show` gets the seconds left, down to 0 when another code may be asked for. */
  constructor(private readonly show: (secondsLeft: number) => void) {}

  start(seconds: number): void {
    this.stop();
    this.endsAt = Date.now() + seconds * 1000;
    this.show(seconds);
    this.timer = setInterval(() => {
      const left = Math.max(0, Math.ceil((this.endsAt - Date.now()) / 1000));
      this.show(left);
      if (left === 0) this.stop();
    }, TICK_MS);
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }
}
