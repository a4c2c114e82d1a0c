/**
 * The 用户隐私保护指引 consent as the WeChat client keeps it, per person: a privacy interface (the accelerometer)
 * called before the person agreed is held, the page's `wx.onNeedPrivacyAuthorization` listener is asked, and the
 * call goes on only when it answers 同意 from the agree button (`open-type="agreePrivacyAuthorization"`, which
 * builtins.ts fires); 不同意 fails it. Everyone starts agreed, as after a first visit; `?privacy=ask` in the URL
 * starts the chosen person undecided, to see the page's own sheet.
 */
type Decision = { event: 'agree' | 'disagree'; buttonId?: string };
type Listener = (resolve: (decision: Decision) => void) => void;

export class PrivacyConsent {
  private listener: Listener | undefined;

  constructor(
    private readonly storageKey: string,
    private readonly report: (text: string) => void,
  ) {
    if (new URLSearchParams(location.search).get('privacy') === 'ask') localStorage.removeItem(storageKey);
    else if (localStorage.getItem(storageKey) === null) localStorage.setItem(storageKey, 'agreed');
  }

  get agreed(): boolean {
    return localStorage.getItem(this.storageKey) === 'agreed';
  }

  listen(listener: Listener): void {
    this.listener = listener;
  }

  /** Before a privacy interface runs: resolves once the person agreed; throws as WeChat's refusal does. */
  async require(): Promise<void> {
    if (this.agreed) return;
    const { listener } = this;
    if (!listener) throw new Error('privacy permission is not authorized (the page has no privacy listener)');
    const decision = await new Promise<Decision>((resolve) => listener(resolve));
    if (decision.event !== 'agree' || !decision.buttonId) {
      this.report('用户隐私保护指引: not agreed');
      throw new Error('privacy permission is not authorized');
    }
    localStorage.setItem(this.storageKey, 'agreed');
    this.report('用户隐私保护指引: agreed');
  }
}
