/**
 * 用户协议: the service, the account, the rules of use and who to contact. Opened from the register form's
 * agreement line; the text is in the WXML, and it links to the 隐私政策 for everything about personal data.
 */
import { definePage } from '../../../../utils/define-page';
import { ROUTES } from '../../../../utils/routes';
import { LEGAL_PAGE_DATA } from '../../legal-page';

definePage<object>()({
  data: LEGAL_PAGE_DATA,

  methods: {
    openPrivacy() {
      wx.navigateTo({ url: ROUTES.privacyPolicy });
    },
  },
});
