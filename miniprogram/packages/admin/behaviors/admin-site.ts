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

/**
 * `unknown`: the site function could not say (the roles of a remembered site are not known): retry, not refuse.
 * `observer`: an observer (观察员, P11) on a page that lets them read (出入记录 only); elsewhere they are `notAdmin`.
 */
export type AdminAccess = 'checking' | 'admin' | 'observer' | 'notAdmin' | 'unknown';

interface AdminSiteData {
  access: AdminAccess;
}

type AdminSiteMethods = {
  openAdminSite(observerToo?: boolean): Promise<SiteSummary | null>;
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
    /** `observerToo`: the page is one an observer may read (出入记录), so an observer gets `observer` access */
    async openAdminSite(observerToo = false) {
      this.showRememberedSite();
      const check = await this.confirmSite();
      if (check === 'superseded') return null;
      const { siteStatus, site, roles } = this.data;
      if (siteStatus !== 'chosen' || !site) return null;
      const access: AdminAccess =
        check === 'failed'
          ? 'unknown'
          : roles.includes('admin')
            ? 'admin'
            : observerToo && roles.includes('observer')
              ? 'observer'
              : 'notAdmin';
      if (access !== this.data.access) this.setData({ access });
      return access === 'admin' || access === 'observer' ? site : null;
    },
  },
});
