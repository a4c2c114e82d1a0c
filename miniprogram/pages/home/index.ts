/**
 * Home (主界面): the current site (当前场区) at the top — tap it to choose another — and, once one is chosen, a
 * card for that site, where the resident's pass QR (R7) will be shown.
 */
import type { SiteSummary } from '../../core/api/site';
import { currentSite, rememberedSite } from '../../services/site';
import { definePage } from '../../utils/define-page';
import { ROUTES } from '../../utils/routes';

/** loading: nothing known yet · chosen · none: never chosen · failed: unknown and the function could not say */
type HomeStatus = 'loading' | 'chosen' | 'none' | 'failed';

definePage<{ refreshes?: number }>()({
  data: {
    status: 'loading' as HomeStatus,
    site: null as SiteSummary | null,
    failure: '',
  },

  methods: {
    onShow() {
      // every return from the site list (or from the background) re-reads: the choice may have changed
      void this.refresh();
    },

    async refresh() {
      const remembered = rememberedSite();
      if (remembered) this.setData({ status: 'chosen', site: remembered });
      else if (this.data.status !== 'chosen') this.setData({ status: 'loading' });

      // only the newest refresh may paint: an older, slower answer must not overwrite it
      this.refreshes = (this.refreshes ?? 0) + 1;
      const refresh = this.refreshes;
      const answer = await currentSite();
      if (refresh !== this.refreshes) return;

      if (answer.ok) {
        const { site } = answer.data;
        this.setData({ status: site ? 'chosen' : 'none', site, failure: '' });
      } else if (this.data.status !== 'chosen') {
        // with a site on screen, a failed check leaves it there: it was right a moment ago
        this.setData({ status: 'failed', failure: answer.message });
      }
    },

    openSites() {
      wx.navigateTo({ url: ROUTES.sites });
    },
  },
});
