/**
 * Every back-office page starts the same way: the current site (当前场区, as home and the guard page read it), and
 * whether the caller administers it. `access` is `checking` until the `site` function has answered, then `admin`
 * or `notAdmin`; a page shows nothing of its own until `admin`. The `admin` function refuses anyone else anyway,
 * so this is about not showing a form that would only fail. `openAdminSite()` returns the site to work on, or
 * null when the page must not go on.
 */
import type { SiteSummary } from '../../../core/api/site';
import { currentSiteBehavior } from '../../../behaviors/current-site';

type NoProperties = Record<never, WechatMiniprogram.Component.AllProperty>;

/** `unknown`: the site function could not say (the roles of a remembered site are not known): retry, not refuse */
export type AdminAccess = 'checking' | 'admin' | 'notAdmin' | 'unknown';

interface AdminSiteData {
  access: AdminAccess;
}

type AdminSiteMethods = {
  openAdminSite(): Promise<SiteSummary | null>;
};

export const adminSiteBehavior = Behavior<
  AdminSiteData,
  NoProperties,
  AdminSiteMethods,
  [typeof currentSiteBehavior],
  object
>({
  behaviors: [currentSiteBehavior],
  data: { access: 'checking' },
  methods: {
    async openAdminSite() {
      this.showRememberedSite();
      const check = await this.confirmSite();
      if (check === 'superseded') return null;
      const { siteStatus, site, roles } = this.data;
      if (siteStatus !== 'chosen' || !site) return null;
      const access: AdminAccess = check === 'failed' ? 'unknown' : roles.includes('admin') ? 'admin' : 'notAdmin';
      if (access !== this.data.access) this.setData({ access });
      return access === 'admin' ? site : null;
    },
  },
});
