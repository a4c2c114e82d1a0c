/**
 * Home (主界面): the current site (当前场区) at the top — tap it to choose another — and, once one is chosen, the
 * resident's pass for it (R7, P1, X3): a QR code the guard scans, fetched whenever the page shows and again a
 * minute before it expires, with the house, the countdown and the exits left — or, when the rules refuse a pass,
 * why. While home is on screen, shaking the phone opens the site's door (摇一摇开门, R8). Below, the entry to
 * 自助卡务 (R9): binding and reading one's cards.
 */
import { currentSiteBehavior } from '../../behaviors/current-site';
import type { ResidentPassResponse } from '../../core/api/pass';
import { ERROR_MESSAGES, type ErrorCode } from '../../core/errors';
import { shakeOpen } from '../../services/gate';
import { residentPass } from '../../services/pass';
import { definePage } from '../../utils/define-page';
import { NewestAnswer } from '../../utils/newest-answer';
import { drawQrCode, type QrCanvas } from '../../utils/qr-canvas';
import { ROUTES } from '../../utils/routes';
import { countdown, passDeadlines, passView, quotaAfterExit, type PassDeadlines, type PassView } from './pass-view';
import { ShakeListener } from './shake-listener';

/**
 * loading: no code yet · ready: a code on screen · refused: the rules say no (X3) · notResident: the person has no
 * house at this site · failed: the function could not answer, or the code expired unrefreshed
 */
type PassState = 'loading' | 'ready' | 'refused' | 'notResident' | 'failed';

/** the pass refusals that are the rules' answer for now, not a fault */
const RULE_REFUSALS: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'HOUSE_RESTRICTED',
  'OUTSIDE_HOURS',
  'QUOTA_EXHAUSTED',
  'INVALID_ARGUMENT',
]);
/** a refresh that failed while the code on screen is still good is tried again this much later */
const RETRY_MS = 15_000;
const TICK_MS = 1000;

interface HomeFields {
  passAnswers?: NewestAnswer;
  /** between onShow and onHide: timers and the sensor run only then */
  visible?: boolean;
  /** the pass on screen and when, in the phone's time, to refresh it */
  shown?: { pass: ResidentPassResponse; deadlines: PassDeadlines };
  refreshTimer?: number;
  tickTimer?: number;
  shakeListener?: ShakeListener;
  /** a shake's call to the gate is in flight: further shakes wait for its answer */
  opening?: boolean;
}

definePage<HomeFields>()({
  behaviors: [currentSiteBehavior],

  data: {
    passState: 'loading' as PassState,
    pass: null as PassView | null,
    passMessage: '',
    /** 9:58 until the code on screen expires */
    countdown: '',
  },

  methods: {
    onShow() {
      this.visible = true;
      // WeChat holds the accelerometer until the person answers the page's <privacy-sheet>
      this.shakeListener ??= new ShakeListener(() => void this.onShake());
      this.shakeListener.start();
      // every return from the site list (or from the background) re-reads, and a pass is fetched fresh
      void this.refresh();
    },

    onHide() {
      this.pause();
    },

    onUnload() {
      this.pause();
    },

    pause() {
      this.visible = false;
      this.clearPassTimers();
      this.shakeListener?.stop();
    },

    async refresh() {
      const remembered = this.showRememberedSite();
      // another site was chosen meanwhile: the code on screen is for the one before
      if (this.shown && this.shown.pass.site.id !== remembered?.id) {
        this.shown = undefined;
        this.setData({ passState: 'loading', pass: null });
      }

      // the pass of the current site is asked for at once, beside the site: residents wait at the gate
      void this.loadPass();
      // the pass may have arrived first, with nowhere to be drawn yet
      await this.confirmSite(() => this.drawPass());
    },

    /** A fresh code; the one on screen stays until it arrives. */
    async loadPass() {
      this.clearPassTimers();
      if (this.data.passState !== 'ready') this.setData({ passState: 'loading' });
      const sentAt = Date.now();
      this.passAnswers ??= new NewestAnswer();
      const answer = await this.passAnswers.ask(residentPass);
      if (!answer || !this.visible) return;

      if (answer.ok) {
        this.shown = { pass: answer.data, deadlines: passDeadlines(answer.data, sentAt) };
        this.setData({ passState: 'ready', pass: passView(answer.data), passMessage: '' }, () => this.drawPass());
        this.tick();
        this.schedulePass();
      } else if (answer.code === 'FORBIDDEN') {
        this.forgetPass('notResident', answer.message);
      } else if (RULE_REFUSALS.has(answer.code)) {
        this.forgetPass('refused', answer.message);
      } else if (this.shown && Date.now() < this.shown.deadlines.expiresAt) {
        // the code on screen is still good: keep it, and try again soon
        this.refreshTimer = setTimeout(() => void this.loadPass(), RETRY_MS);
        this.tickTimer = setInterval(() => this.tick(), TICK_MS);
      } else {
        this.forgetPass('failed', answer.message);
      }
    },

    /** The button under a refusal, and a tap on the code: ask again now. */
    refreshPass() {
      void this.loadPass();
    },

    /** Draws the pass on screen on its canvas, once both are there. */
    drawPass() {
      const code = this.shown?.pass.code;
      if (!code) return;
      this.createSelectorQuery()
        .select('#pass-qr')
        .fields({ node: true, size: true })
        .exec((results: Array<{ node?: QrCanvas; width?: number } | null>) => {
          const canvas = results[0];
          // no canvas yet (the site is still loading) or the pass left the screen meanwhile: nothing to draw on
          if (!canvas?.node || !canvas.width || this.shown?.pass.code !== code) return;
          drawQrCode(canvas.node, code, canvas.width * wx.getWindowInfo().pixelRatio).catch((error: unknown) => {
            console.error('could not draw the pass', error);
            this.forgetPass('failed', '通行证二维码显示失败，请升级微信后再试');
          });
        });
    },

    schedulePass() {
      const { deadlines } = this.shown ?? {};
      if (!deadlines) return;
      this.refreshTimer = setTimeout(() => void this.loadPass(), Math.max(0, deadlines.refreshAt - Date.now()));
      this.tickTimer = setInterval(() => this.tick(), TICK_MS);
    },

    /** The countdown; a code that expired unrefreshed (the phone was offline) is taken off the screen. */
    tick() {
      const { deadlines } = this.shown ?? {};
      if (!deadlines) return;
      const left = deadlines.expiresAt - Date.now();
      if (left > 0) this.setData({ countdown: countdown(left) });
      else this.forgetPass('failed', ERROR_MESSAGES.PASS_EXPIRED);
    },

    forgetPass(passState: Exclude<PassState, 'ready' | 'loading'>, passMessage: string) {
      this.clearPassTimers();
      this.shown = undefined;
      this.setData({ passState, passMessage, pass: null, countdown: '' });
    },

    clearPassTimers() {
      if (this.refreshTimer !== undefined) clearTimeout(this.refreshTimer);
      if (this.tickTimer !== undefined) clearInterval(this.tickTimer);
      this.refreshTimer = undefined;
      this.tickTimer = undefined;
    },

    /** 摇一摇: one call at a time; the answer is felt (vibration) and read (toast). */
    async onShake() {
      const { siteStatus, site, passState } = this.data;
      // not a resident here: no door of this site would open, and home already says why
      if (this.opening || siteStatus !== 'chosen' || !site || passState === 'notResident') return;
      this.opening = true;
      const answer = await shakeOpen(site.id);
      this.opening = false;
      // a phone without a vibrator still shows the toast
      wx.vibrateShort({ type: 'medium', fail: () => undefined });
      if (!answer.ok) {
        wx.showToast({ title: answer.message, icon: 'none', duration: 2500 });
        return;
      }
      wx.showToast({ title: `开门成功：${answer.data.door.name}`, icon: 'success' });
      // the exit counted against the quota: show what is left without issuing another code
      if (this.shown && this.data.passState === 'ready') {
        const pass = { ...this.shown.pass, quota: quotaAfterExit(this.shown.pass.quota, answer.data.remaining) };
        this.shown = { ...this.shown, pass };
        this.setData({ pass: passView(pass) });
      }
    },

    openSites() {
      wx.navigateTo({ url: ROUTES.sites });
    },

    /** 自助卡务 (R9): my cards, where a card is bound; the cards are the WeChat user's, whatever the site */
    openCards() {
      wx.navigateTo({ url: ROUTES.cards });
    },
  },
});
