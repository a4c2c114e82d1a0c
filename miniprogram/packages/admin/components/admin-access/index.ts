/**
 * What a back-office page shows until it may show its own content (behaviors/admin-site.ts): loading, the site
 * unknown (retry), no site chosen (选择场区), or not an administrator here (why, and back to 我的). Once `access`
 * is `admin` it shows nothing and the page takes over.
 */
import { ROUTES } from '../../../../utils/routes';

Component<
  object,
  {
    access: { type: StringConstructor; value: string };
    siteStatus: { type: StringConstructor; value: string };
    failure: { type: StringConstructor; value: string };
  },
  { retry(): void; openSites(): void; backToMine(): void },
  []
>({
  properties: {
    access: { type: String, value: 'checking' },
    siteStatus: { type: String, value: 'loading' },
    failure: { type: String, value: '' },
  },

  methods: {
    retry() {
      this.triggerEvent('retry');
    },

    openSites() {
      wx.navigateTo({ url: ROUTES.sites });
    },

    backToMine() {
      wx.switchTab({ url: ROUTES.mine });
    },
  },
});
