/**
 * 卡绑定 (R10): the site (the current one unless another is picked), the card type, the number printed on the
 * card and the phone registered for it in the site's card system; 获取验证码 sends an SMS code to that phone once
 * the card checks out, and 确认绑定 binds it. Every refusal of the `card` function is shown on the form as it
 * words it (none reveals the card's phone). Bound, the card's detail replaces the form.
 */
import { codeButton } from '../../../../behaviors/code-button';
import { liveFormBehavior } from '../../../../behaviors/live-form';
import { phone, smsCode } from '../../../../core/account-rules';
import type { CardIdentity, CardType } from '../../../../core/api/card';
import { cardNumber } from '../../../../core/card-rules';
import type { SiteSummary } from '../../../../core/api/site';
import { bindCard, sendCardCode } from '../../../../services/card';
import { currentSite, rememberedSite } from '../../../../services/site';
import { definePage } from '../../../../utils/define-page';
import { type FieldRule, required } from '../../../../utils/form';
import { cardDetailUrl } from '../../../../utils/routes';
import { CARD_TYPE_OPTIONS } from '../../utils/card-display';

type Field = 'siteId' | 'type' | 'number' | 'phone' | 'code';

const RULES: Record<Field, FieldRule<Field>> = {
  siteId: (value) => (value ? '' : '请选择场区'),
  type: (value) => (value ? '' : '请选择卡类型'),
  number: required(cardNumber),
  phone: required(phone),
  code: required(smsCode),
};

/** What 获取验证码 needs: the card, as the function checks it before sending. */
const IDENTITY_FIELDS: Field[] = ['siteId', 'type', 'number', 'phone'];

interface Fields {
  /** the person picked a site: the current site, answered late, must not replace it */
  sitePicked?: boolean;
}

definePage<Fields>()({
  behaviors: [liveFormBehavior(RULES), codeButton],

  data: {
    siteName: '',
    typeOptions: CARD_TYPE_OPTIONS,
    pickingSite: false,
    submitting: false,
  },

  methods: {
    onLoad() {
      const remembered = rememberedSite();
      if (remembered) this.useSite(remembered);
      void this.confirmCurrentSite();
    },

    /** The phone's memory fills the site at once; the function confirms or corrects it. */
    async confirmCurrentSite() {
      const answer = await currentSite();
      if (answer.ok && answer.data.site && !this.sitePicked) this.useSite(answer.data.site);
    },

    useSite(site: Pick<SiteSummary, 'id' | 'name'>) {
      this.setData({ siteName: site.name });
      this.check({ ...this.data.form, siteId: site.id }, false);
    },

    openSitePicker() {
      this.setData({ pickingSite: true });
    },

    closeSitePicker() {
      this.setData({ pickingSite: false });
      this.touch('siteId');
    },

    onSitePick(event: WechatMiniprogram.CustomEvent<{ site: SiteSummary }>) {
      this.sitePicked = true;
      this.setData({ pickingSite: false, siteName: event.detail.site.name, notice: '' });
      this.check({ ...this.data.form, siteId: event.detail.site.id }, true);
    },

    onTypeTap(event: WechatMiniprogram.CustomEvent<object, object, { type: CardType }>) {
      this.check({ ...this.data.form, type: event.currentTarget.dataset.type }, true);
    },

    identity(): CardIdentity {
      const { form } = this.data;
      return {
        siteId: form.siteId,
        type: form.type as CardType,
        number: form.number.trim(),
        phone: form.phone.trim(),
      };
    },

    async onSendCode() {
      const identity = this.identity();
      await this.sendCodeWhen(
        () => this.fieldsReady(...IDENTITY_FIELDS),
        () => sendCardCode(identity),
      );
    },

    async onSubmit() {
      if (this.data.submitting || !this.data.canSubmit) return;
      this.setData({ submitting: true, notice: '' });
      const answer = await bindCard(this.identity(), this.data.form.code.trim());
      this.setData({ submitting: false });
      if (!answer.ok) {
        this.setData({ notice: answer.message });
        return;
      }
      wx.showToast({ title: '绑定成功', icon: 'success' });
      // back from the card goes to where the form was opened from (我的卡), not to the form
      wx.redirectTo({ url: cardDetailUrl(answer.data.card.id) });
    },
  },
});
