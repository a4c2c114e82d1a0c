/**
 * Home, the door screen (主界面): one compact line for the current site (当前场区) — tap it to choose another — and,
 * once one is chosen, the resident's pass for it (R7, P1, X3): a large QR code the guard scans, with the holder and
 * house under it, fetched whenever the page shows and again a minute before it expires. While the code shows, the
 * screen is bright and kept on, and a light status poll turns it into 已使用 within seconds of a release at a gate.
 * When the rules refuse a pass, the page says why and when that changes, with no QR. Where a shake can open the
 * site's door (摇一摇开门, R8), it is offered. Below, the entries to 自助卡务 (R9) and 访客预约 (R13).
 */
import { currentSiteBehavior, type SiteCheck } from '../../behaviors/current-site';
import { PASS_STATUS_POLL_MS, type ResidentPassResponse } from '../../core/api/pass';
import { ERROR_MESSAGES, type ErrorCode } from '../../core/errors';
import { shakeOpen } from '../../services/gate';
import { passStatus, residentPass, specialPass } from '../../services/pass';
import { definePage } from '../../utils/define-page';
import { NewestAnswer } from '../../utils/newest-answer';
import { drawQrCode, type QrCanvas } from '../../utils/qr-canvas';
import { ROUTES } from '../../utils/routes';
import { CodeScreen } from './code-screen';
import {
  passDeadlines,
  passView,
  quotaAfterExit,
  refreshWords,
  specialAsPass,
  specialView,
  usedView,
  type PassDeadlines,
  type PassView,
  type UsedView,
} from './pass-view';
import { ShakeListener } from './shake-listener';

/**
 * loading: no code yet · ready: a code on screen · used: a gate let the code through · refused: the rules say no
 * (X3) · notResident: the person has no house at this site · failed: the function could not answer, or the code
 * expired unrefreshed
 */
/**
 * the one button under a refusal: 重试 (a fault), 选择场区 (no site), 联系物业 (only the property can help; shown when
 * the site has given a phone, which may arrive after the pass's answer), or none
 */
type PassAction = '' | 'retry' | 'sites' | 'call';

type PassState = 'loading' | 'ready' | 'used' | 'refused' | 'notResident' | 'failed';

/**
 * The pass refusals that are the rules' answer for now, not a fault: asking again now cannot change them, so no
 * button offers to (the message says when they change).
 */
const RULE_REFUSALS: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'HOUSE_RESTRICTED',
  'OUTSIDE_HOURS',
  'QUOTA_EXHAUSTED',
  'PASS_REVOKED',
]);
/** refusals only the property lifts (a restricted house, passes taken back): its phone is the one thing that helps */
const PROPERTY_LIFTS: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['HOUSE_RESTRICTED', 'PASS_REVOKED']);
/** how long a shake's answer stays in place of the shake hint */
const SHAKE_FEEDBACK_MS = 3000;
/** 截图 of the code: what the page says, above the code */
const CAPTURE_HINT = '截图无法开门：二维码会自动更换且只能使用一次，请在门岗出示本页面';
/** a refresh that failed while the code on screen is still good is tried again this much later */
const RETRY_MS = 15_000;
const TICK_MS = 1000;

interface HomeFields {
  passAnswers?: NewestAnswer;
  /** the current site's check the last show started: a 专用通行证 waits for it to know the site */
  siteCheck?: Promise<SiteCheck>;
  /** between onShow and onHide: timers and the sensor run only then */
  visible?: boolean;
  /** the pass on screen and when, in the phone's time, to refresh it */
  shown?: { pass: ResidentPassResponse; deadlines: PassDeadlines };
  refreshTimer?: number;
  tickTimer?: number;
  /** the status poll while a code is on screen, and whether one of its calls is in flight */
  statusTimer?: number;
  checking?: boolean;
  shakeFeedbackTimer?: number;
  codeScreen?: CodeScreen;
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
    /** under a refusal or a fault: 重试 (a fault), 选择场区 (no site), or nothing (the rules' answer) */
    passAction: '' as PassAction,
    /** the code a gate let through */
    used: null as UsedView | null,
    /** 9 分钟后自动刷新: not a clock */
    countdown: '',
    /** a screenshot was taken of the code on screen */
    captureHint: '',
    /** a shake can open a door here now: the rules allow an exit that needs no guard */
    shakeOffered: false,
    /** a shake's answer, shown for a moment in place of the hint, never over the code */
    shakeFeedback: null as { ok: boolean; text: string } | null,
  },

  methods: {
    onShow() {
      this.visible = true;
      // WeChat holds the accelerometer until the person answers the page's <privacy-sheet>
      this.shakeListener ??= new ShakeListener(() => void this.onShake());
      this.codeScreen ??= new CodeScreen(() => this.onCapture());
      this.codeScreen.watchCaptures();
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
      this.codeScreen?.dim();
      this.codeScreen?.unwatchCaptures();
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
      this.siteCheck = this.confirmSite(() => this.drawPass());
      await this.siteCheck;
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
        this.showPass(answer.data, passView(answer.data), sentAt);
        this.offerShake(!answer.data.requires.temperature && !answer.data.requires.idRegistration);
      } else if (answer.code === 'FORBIDDEN') {
        if (!(await this.loadSpecialPass())) this.forgetPass('notResident', answer.message, 'call');
      } else if (RULE_REFUSALS.has(answer.code)) {
        this.forgetPass('refused', answer.message, PROPERTY_LIFTS.has(answer.code) ? 'call' : '');
      } else if (answer.code === 'INVALID_ARGUMENT') {
        this.forgetPass('refused', answer.message, 'sites');
      } else if (this.shown && Date.now() < this.shown.deadlines.expiresAt) {
        // the code on screen is still good: keep it, and try again soon
        this.refreshTimer = setTimeout(() => void this.loadPass(), RETRY_MS);
        this.tickTimer = setInterval(() => this.tick(), TICK_MS);
        this.statusTimer = setInterval(() => void this.checkStatus(), PASS_STATUS_POLL_MS);
      } else {
        this.forgetPass('failed', answer.message, 'retry');
      }
    },

    /** A code on screen: drawn, counted down, refreshed before it expires and watched for its use at a gate. */
    showPass(pass: ResidentPassResponse, view: PassView, sentAt: number) {
      this.shown = { pass, deadlines: passDeadlines(pass, sentAt) };
      this.setData(
        { passState: 'ready', pass: view, passMessage: '', passAction: '', used: null, captureHint: '' },
        () => this.drawPass(),
      );
      this.codeScreen?.light();
      this.tick();
      this.schedulePass();
    },

    /**
     * 专用通行证 (P6) on home: someone who lives nowhere here but holds a member's pass for this community (a courier)
     * gets that QR where a resident's would be. Asked only after the resident pass said FORBIDDEN, so residents pay no
     * extra call. False: no member's pass for this site (not a member, or the organisation is not linked here).
     */
    async loadSpecialPass(): Promise<boolean> {
      // the pass is for the site on screen: a newcomer's phone remembers none until the function has said it
      await this.siteCheck;
      const siteId = this.data.site?.id;
      if (!siteId) return false;
      const sentAt = Date.now();
      const answer = await specialPass(siteId);
      if (!this.visible || this.data.site?.id !== siteId) return true;
      if (answer.ok && answer.data.site.id === siteId) {
        this.showPass(specialAsPass(answer.data), specialView(answer.data), sentAt);
        this.offerShake(false);
        return true;
      }
      if (answer.ok || answer.code === 'FORBIDDEN') return false;
      // expired, disabled or not yet valid: the member hears why; a fault is tried again with 重试
      this.forgetPass(
        answer.code === 'INTERNAL' ? 'failed' : 'refused',
        answer.message,
        answer.code === 'INTERNAL' ? 'retry' : '',
      );
      return true;
    },

    /**
     * The status poll: what became of the code on screen. Used → 已使用 (where, when); expired → a fresh one. A
     * poll that fails is simply asked again next time: the code on screen is still the best the page has.
     */
    async checkStatus() {
      const passId = this.shown?.pass.passId;
      if (this.checking || !passId) return;
      this.checking = true;
      const answer = await passStatus(passId);
      this.checking = false;
      if (!this.visible || this.shown?.pass.passId !== passId || !answer.ok) return;
      if (answer.data.state === 'used') this.showUsed(answer.data.gate, new Date(answer.data.at));
      else if (answer.data.state === 'expired') void this.loadPass();
    },

    /** A spent code looks spent: no QR, where and when it was used, and another code only when the quota allows. */
    showUsed(gate: string, at: Date) {
      const pass = this.shown?.pass;
      if (!pass) return;
      const used = usedView(pass, gate, at);
      this.clearPassTimers();
      this.shown = undefined;
      this.codeScreen?.dim();
      this.setData({ passState: 'used', used, pass: null, countdown: '', captureHint: '' });
      this.offerShake(used.next && this.data.shakeOffered);
    },

    /** A screenshot of the code: say at once that it will not open the gate. */
    onCapture() {
      if (this.data.passState === 'ready') this.setData({ captureHint: CAPTURE_HINT });
    },

    /** The shake hint and the sensor, only where a shake can open a door. */
    offerShake(offered: boolean) {
      if (offered !== this.data.shakeOffered) this.setData({ shakeOffered: offered });
      if (offered && this.visible) this.shakeListener?.start();
      else this.shakeListener?.stop();
    },

    /** The button under a fault, a tap on the code, and 获取新通行证 under a spent one: ask again now. */
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
            this.forgetPass('failed', '通行证二维码显示失败，请升级微信后再试', 'retry');
          });
        });
    },

    schedulePass() {
      const { deadlines } = this.shown ?? {};
      if (!deadlines) return;
      this.refreshTimer = setTimeout(() => void this.loadPass(), Math.max(0, deadlines.refreshAt - Date.now()));
      this.tickTimer = setInterval(() => this.tick(), TICK_MS);
      this.statusTimer = setInterval(() => void this.checkStatus(), PASS_STATUS_POLL_MS);
    },

    /** The time to the next code, in words; a code that expired unrefreshed (the phone was offline) is taken off. */
    tick() {
      const { deadlines } = this.shown ?? {};
      if (!deadlines) return;
      const now = Date.now();
      if (now >= deadlines.expiresAt) {
        this.forgetPass('failed', ERROR_MESSAGES.PASS_EXPIRED, 'retry');
        return;
      }
      const countdown = refreshWords(deadlines.refreshAt - now);
      if (countdown !== this.data.countdown) this.setData({ countdown });
    },

    forgetPass(passState: 'refused' | 'notResident' | 'failed', passMessage: string, passAction: PassAction) {
      this.clearPassTimers();
      this.shown = undefined;
      this.codeScreen?.dim();
      this.setData({ passState, passMessage, passAction, pass: null, used: null, countdown: '', captureHint: '' });
      // the rules that refused the pass refuse a shake alike; not a resident, no door here opens
      this.offerShake(false);
    },

    clearPassTimers() {
      if (this.refreshTimer !== undefined) clearTimeout(this.refreshTimer);
      if (this.tickTimer !== undefined) clearInterval(this.tickTimer);
      if (this.statusTimer !== undefined) clearInterval(this.statusTimer);
      this.refreshTimer = undefined;
      this.tickTimer = undefined;
      this.statusTimer = undefined;
    },

    /**
     * 摇一摇: one call at a time; the answer is felt (vibration) and read in place of the shake hint — a toast
     * would cover the code the guard may be scanning.
     */
    async onShake() {
      const { siteStatus, site, shakeOffered } = this.data;
      // where a shake cannot open (refused, not a resident), home already says why
      if (this.opening || siteStatus !== 'chosen' || !site || !shakeOffered) return;
      this.opening = true;
      const answer = await shakeOpen(site.id);
      this.opening = false;
      // a phone without a vibrator still shows the answer
      wx.vibrateShort({ type: 'medium', fail: () => undefined });
      this.showShakeFeedback(
        answer.ok ? { ok: true, text: `已打开${answer.data.door.name}` } : { ok: false, text: answer.message },
      );
      if (!answer.ok) return;
      // the exit counted against the quota: show what is left without issuing another code
      if (this.shown && this.data.passState === 'ready') {
        const pass = { ...this.shown.pass, quota: quotaAfterExit(this.shown.pass.quota, answer.data.remaining) };
        this.shown = { ...this.shown, pass };
        this.setData({ pass: passView(pass) });
      }
    },

    showShakeFeedback(shakeFeedback: { ok: boolean; text: string }) {
      if (this.shakeFeedbackTimer !== undefined) clearTimeout(this.shakeFeedbackTimer);
      this.setData({ shakeFeedback });
      this.shakeFeedbackTimer = setTimeout(() => {
        this.shakeFeedbackTimer = undefined;
        this.setData({ shakeFeedback: null });
      }, SHAKE_FEEDBACK_MS);
    },

    callProperty() {
      const phone = this.data.site?.phone;
      if (phone) wx.makePhoneCall({ phoneNumber: phone.replace(/\s/g, ''), fail: () => undefined });
    },

    openSites() {
      wx.navigateTo({ url: ROUTES.sites });
    },

    /** 申请入住 (X1): no house here yet — ask the property for one */
    openApply() {
      wx.navigateTo({ url: ROUTES.applyResidence });
    },

    /** 自助卡务 (R9): my cards, where a card is bound; the cards are the WeChat user's, whatever the site */
    openCards() {
      wx.navigateTo({ url: ROUTES.cards });
    },

    /** 访客预约 (R13): the booking form at the current site; a resident there can switch to 邀请访客 */
    openBookVisit() {
      wx.navigateTo({ url: ROUTES.bookVisit });
    },
  },
});
