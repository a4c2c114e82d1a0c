/**
 * The app's own privacy sheet (用户隐私保护提示), for any page that calls an interface WeChat guards with the
 * 用户隐私保护指引 (docs/deploy.md §7: the accelerometer today, photos later). When WeChat needs the person's
 * agreement it holds the call and asks the listener; this sheet says what the page needs and why, and answers
 * with the person's choice — 同意 through `open-type="agreePrivacyAuthorization"`, which is what tells WeChat.
 *
 * Put `<privacy-sheet purpose="…" />` on the page: the event has one listener app-wide, so the sheet takes it when
 * it is attached and again whenever its page shows, and the page on screen is the one that asks.
 */
import { ROUTES } from '../../utils/routes';
import { onNeedPrivacyAuthorization, type PrivacyDecision, type PrivacyResolve } from '../../utils/privacy';

/** the agree button's id, which WeChat wants back in the answer */
const AGREE_BUTTON_ID = 'privacy-agree';

Component<
  { asked: boolean },
  { purpose: { type: StringConstructor; value: string } },
  {
    listen(): void;
    onAgree(): void;
    onDecline(): void;
    answer(decision: PrivacyDecision): void;
    openPrivacyContract(): void;
    openPrivacyPolicy(): void;
  },
  [],
  { resolve?: PrivacyResolve }
>({
  properties: {
    /** what the page uses and why, in one sentence: 摇一摇开门需要使用手机的加速度传感器… */
    purpose: { type: String, value: '' },
  },

  data: {
    asked: false,
  },

  lifetimes: {
    attached() {
      this.listen();
    },
  },

  pageLifetimes: {
    show() {
      this.listen();
    },
  },

  methods: {
    listen() {
      onNeedPrivacyAuthorization((resolve) => {
        this.resolve = resolve;
        this.setData({ asked: true });
      });
    },

    onAgree() {
      this.answer({ event: 'agree', buttonId: AGREE_BUTTON_ID });
    },

    onDecline() {
      this.answer({ event: 'disagree' });
    },

    answer(decision) {
      this.resolve?.(decision);
      this.resolve = undefined;
      this.setData({ asked: false });
      this.triggerEvent('decided', { agreed: decision.event === 'agree' });
    },

    /** the guide as filled in on the platform, shown by WeChat itself */
    openPrivacyContract() {
      wx.openPrivacyContract({ fail: () => wx.showToast({ title: '请升级微信后查看', icon: 'none' }) });
    },

    openPrivacyPolicy() {
      wx.navigateTo({ url: ROUTES.privacyPolicy });
    },
  },
});
