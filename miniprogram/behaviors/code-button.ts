/**
 * The 获取验证码 button of the forms with an SMS code (注册, 忘记密码, 卡绑定), as a Behavior: its state in the
 * page's data, one CodeSender per visit, stopped when the page goes. The page says when its form has what the
 * code needs and what the send is; a refusal shows as the page's `notice`.
 */
import type { Envelope } from '../core/envelope';
import { CODE_BUTTON_IDLE, type CodeButtonState, CodeSender } from '../utils/code-sender';

type NoProperties = Record<never, WechatMiniprogram.Component.AllProperty>;

type CodeButtonMethods = {
  /** Sends when the countdown allows and `ready()` (which may point at the fields still missing) says yes. */
  sendCodeWhen(ready: () => boolean, request: () => Promise<Envelope<{ resendAfter: number }>>): Promise<void>;
};

const data: CodeButtonState = { ...CODE_BUTTON_IDLE };

export const codeButton = Behavior<CodeButtonState, NoProperties, CodeButtonMethods, [], { codeSender?: CodeSender }>({
  data,
  lifetimes: {
    created() {
      this.codeSender = new CodeSender((state) => this.setData(state));
    },
    // the countdown must not tick on a page that is gone
    detached() {
      this.codeSender?.stop();
    },
  },
  methods: {
    async sendCodeWhen(ready, request) {
      const sender = this.codeSender;
      if (!sender?.ready || !ready()) return;
      this.setData({ notice: '' });
      const refusal = await sender.send(request);
      if (refusal) this.setData({ notice: refusal });
    },
  },
});
