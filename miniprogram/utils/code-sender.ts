/**
 * 获取验证码, as every form with an SMS code has it (注册, 忘记密码, 卡绑定): one send at a time, then a wait before
 * the next counted down on the button ("59秒后重新获取") from the function's `resendAfter`, or from a refusal's
 * `retryAfter` when a code went to the phone a moment ago. The page keeps the
 * button's state in its data (`CODE_BUTTON_IDLE`) and says what the send is; a refusal comes back as its message.
 */
import type { Envelope } from '../core/envelope';

/** What the code button shows: spread into a page's `data`. */
export const CODE_BUTTON_IDLE = {
  sendingCode: false,
  /** seconds before another code may be asked for; 0: now */
  codeWait: 0,
  codeSent: false,
};

export type CodeButtonState = typeof CODE_BUTTON_IDLE;

const TICK_MS = 1000;

/**
 * The wait before another code may be asked for. Counted against the clock, not by ticks, so a phone that slept
 * in the background shows the right number when it wakes.
 */
export class ResendCountdown {
  private timer: number | undefined;
  private endsAt = 0;

  /** `show` gets the seconds left, down to 0 when another code may be asked for. */
  constructor(private readonly show: (secondsLeft: number) => void) {}

  get running(): boolean {
    return this.timer !== undefined;
  }

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

export class CodeSender {
  private readonly countdown: ResendCountdown;
  private sending = false;

  /** `show` gets what changed of the button's state, for the page's setData. */
  constructor(private readonly show: (state: Partial<CodeButtonState>) => void) {
    this.countdown = new ResendCountdown((codeWait) => show({ codeWait }));
  }

  /** A code may be asked for now: none is on its way and the wait after the last one is over. */
  get ready(): boolean {
    return !this.sending && !this.countdown.running;
  }

  /** Sends a code with `request`; '' once sent (the countdown runs, a toast says so), else the refusal's message. */
  async send(request: () => Promise<Envelope<{ resendAfter: number }>>): Promise<string> {
    if (!this.ready) return '';
    this.sending = true;
    this.show({ sendingCode: true });
    const answer = await request();
    this.sending = false;
    this.show({ sendingCode: false });
    if (!answer.ok) {
      // a code went to this phone a moment ago (from this form before, or another): the button counts down the
      // rest of the wait, as after a send of its own, instead of a static "请24秒后…" beside a live button
      if (!answer.retryAfter) return answer.message;
      this.show({ codeSent: true });
      this.countdown.start(answer.retryAfter);
      return '';
    }
    this.show({ codeSent: true });
    this.countdown.start(answer.data.resendAfter);
    wx.showToast({ title: '验证码已发送', icon: 'none' });
    return '';
  }

  /** The page is closing: no more ticks. */
  stop(): void {
    this.countdown.stop();
  }
}
