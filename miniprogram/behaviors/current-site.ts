/**
 * The current site (当前场区) as home and the guard page show it: the phone's memory paints it at once, then the
 * `site` function confirms or corrects it, and says the person's roles there. Data: `siteStatus`, `site`,
 * `roles` (empty until the function has answered), `failure`.
 */
import type { SiteSummary } from '../core/api/site';
import type { Role } from '../core/roles';
import { currentSite, rememberedSite } from '../services/site';
import { NewestAnswer } from '../utils/newest-answer';

type NoProperties = Record<never, WechatMiniprogram.Component.AllProperty>;

/** loading: nothing known yet · chosen · none: never chosen · failed: unknown and the function could not say */
export type SiteStatus = 'loading' | 'chosen' | 'none' | 'failed';

interface CurrentSiteData {
  siteStatus: SiteStatus;
  site: SiteSummary | null;
  roles: Role[];
  failure: string;
}

type CurrentSiteMethods = {
  /** Paints the site the phone remembers, and returns it (null: none remembered). */
  showRememberedSite(): SiteSummary | null;
  /**
   * Asks the function; `painted` runs once its answer is on screen. Says how it went: `failed` means the roles on
   * screen are not known (a remembered site stays painted, `failure` says why), so a page that decides by role must
   * not decide; `superseded`: a newer ask will say.
   */
  confirmSite(painted?: () => void): Promise<SiteCheck>;
};

export type SiteCheck = 'confirmed' | 'failed' | 'superseded';

const data: CurrentSiteData = { siteStatus: 'loading', site: null, roles: [], failure: '' };

export const currentSiteBehavior = Behavior<
  CurrentSiteData,
  NoProperties,
  CurrentSiteMethods,
  [],
  { siteAnswers?: NewestAnswer }
>({
  data,
  methods: {
    showRememberedSite() {
      const remembered = rememberedSite();
      if (remembered) this.setData({ siteStatus: 'chosen', site: remembered });
      else if (this.data.siteStatus !== 'chosen') this.setData({ siteStatus: 'loading' });
      return remembered;
    },

    async confirmSite(painted) {
      // every show asks again: only the newest answer may paint
      this.siteAnswers ??= new NewestAnswer();
      const answer = await this.siteAnswers.ask(currentSite);
      if (!answer) return 'superseded';
      if (answer.ok) {
        const { site, roles } = answer.data;
        this.setData({ siteStatus: site ? 'chosen' : 'none', site, roles, failure: '' }, painted);
        return 'confirmed';
      }
      // with a site on screen, a failed check leaves it there: it was right a moment ago
      if (this.data.siteStatus === 'chosen') this.setData({ failure: answer.message });
      else this.setData({ siteStatus: 'failed', failure: answer.message });
      return 'failed';
    },
  },
});
