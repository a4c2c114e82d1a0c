/**
 * 隐私政策: what the app collects, why, for how long, who sees it and how to have it corrected or deleted. Opened
 * from the register form's agreement line (and wherever the app asks for consent); the text is in the WXML.
 */
import { definePage } from '../../../../utils/define-page';
import { LEGAL_PAGE_DATA } from '../../legal-page';

definePage<object>()({
  data: LEGAL_PAGE_DATA,

  methods: {
    /** the guide filled in on the platform (docs/deploy.md §7), which WeChat itself shows */
    openPrivacyContract() {
      wx.openPrivacyContract({ fail: () => wx.showToast({ title: '请升级微信后查看', icon: 'none' }) });
    },
  },
});
