/**
 * 限制出入设置 (P10, the 微小区 manual's tab of that name): the houses already restricted, each with 解除; then the
 * house picker (search by 楼栋-单元-房号, tap to choose several) and how to restrict them — 禁止出入, or the
 * house's own 周期内可出门次数. A ban voids every resident pass of the house at its next scan: the gate reads
 * the house's restriction on every scan, so nothing else needs telling.
 */
import type { HouseRestriction } from '../../../../core/pass-rules';
import { exitCount } from '../../rules';
import { restrictHouse, searchHouses } from '../../services/houses';
import { definePage } from '../../../../utils/define-page';
import { adminSiteBehavior } from '../../behaviors/admin-site';
import { houseSearchBehavior } from '../../behaviors/house-search';
import { houseLine, type HouseLine } from '../../utils/houses';

interface Fields {
  siteId?: string;
  /** the house picker's site (behaviors/house-search.ts) */
  searchSiteId?: string;
}

definePage<Fields>()({
  behaviors: [adminSiteBehavior, houseSearchBehavior],

  data: {
    restrictedStatus: 'loading' as 'loading' | 'ready' | 'failed',
    restrictedFailure: '',
    restricted: [] as HouseLine[],
    restrictedPage: 1,
    restrictedHasMore: false,
    /** the chosen houses: id → label */
    chosen: {} as Record<string, string>,
    chosenCount: 0,
    chosenLabels: '',
    kind: 'banned' as HouseRestriction['kind'],
    exits: '1',
    formError: '',
    saving: false,
  },

  methods: {
    onShow() {
      void this.open();
    },

    onReachBottom() {
      void this.loadMoreHouses();
    },

    async open() {
      const site = await this.openAdminSite();
      if (!site) return;
      this.siteId = site.id;
      this.searchSiteId = site.id;
      await Promise.all([this.loadRestricted(), this.searchHouses()]);
    },

    async loadRestricted() {
      const siteId = this.siteId;
      if (!siteId) return;
      this.setData({ restrictedStatus: 'loading' });
      const answer = await searchHouses(siteId, { restricted: true, page: 1 });
      if (!answer.ok) {
        this.setData({ restrictedStatus: 'failed', restrictedFailure: answer.message });
        return;
      }
      this.setData({
        restrictedStatus: 'ready',
        restricted: answer.data.houses.map(houseLine),
        restrictedPage: 1,
        restrictedHasMore: answer.data.hasMore,
      });
    },

    async loadMoreRestricted() {
      const siteId = this.siteId;
      if (!siteId) return;
      const page = this.data.restrictedPage + 1;
      const answer = await searchHouses(siteId, { restricted: true, page });
      if (!answer.ok) {
        wx.showToast({ title: answer.message, icon: 'none' });
        return;
      }
      const known = new Set(this.data.restricted.map((h) => h.id));
      this.setData({
        restricted: [...this.data.restricted, ...answer.data.houses.filter((h) => !known.has(h.id)).map(houseLine)],
        restrictedPage: page,
        restrictedHasMore: answer.data.hasMore,
      });
    },

    toggle(event: WechatMiniprogram.CustomEvent<object, object, { id: string; label: string }>) {
      const { id, label } = event.currentTarget.dataset;
      const chosen = { ...this.data.chosen };
      if (chosen[id]) delete chosen[id];
      else chosen[id] = label;
      this.setChosen(chosen);
    },

    setChosen(chosen: Record<string, string>) {
      const labels = Object.values(chosen);
      this.setData({
        chosen,
        chosenCount: labels.length,
        chosenLabels: labels.length > 3 ? `${labels.slice(0, 3).join('、')}等` : labels.join('、'),
        formError: '',
      });
    },

    chooseKind(event: WechatMiniprogram.CustomEvent<object, object, { kind: HouseRestriction['kind'] }>) {
      this.setData({ kind: event.currentTarget.dataset.kind, formError: '' });
    },

    onExitsChange(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ exits: event.detail.value, formError: '' });
    },

    /** The restriction as the form says it, or why not (the same rule the admin function applies). */
    restrictionOfForm(): HouseRestriction | string {
      if (this.data.kind === 'banned') return { kind: 'banned' };
      const text = this.data.exits.trim();
      const parsed = exitCount.parse(/^-?\d+$/.test(text) ? Number(text) : text);
      return parsed.ok ? { kind: 'ownQuota', exitsPerPeriod: parsed.value } : parsed.issues[0].message;
    },

    async save() {
      const siteId = this.siteId;
      const ids = Object.keys(this.data.chosen);
      if (!siteId || this.data.saving) return;
      if (ids.length === 0) {
        this.setData({ formError: '请先选择房屋' });
        return;
      }
      const restriction = this.restrictionOfForm();
      if (typeof restriction === 'string') {
        this.setData({ formError: restriction });
        return;
      }
      this.setData({ saving: true, formError: '' });
      // one house at a time: each is its own change, and a failure names the house it stopped at
      const left = { ...this.data.chosen };
      for (const id of ids) {
        const answer = await restrictHouse(siteId, id, restriction);
        if (!answer.ok) {
          this.setData({ saving: false, formError: `${left[id]}：${answer.message}` });
          this.setChosen(left);
          await this.loadRestricted();
          return;
        }
        delete left[id];
      }
      this.setData({ saving: false });
      this.setChosen({});
      wx.showToast({ title: '已保存', icon: 'success' });
      await Promise.all([this.loadRestricted(), this.refreshFound()]);
    },

    async lift(event: WechatMiniprogram.CustomEvent<object, object, { id: string }>) {
      const siteId = this.siteId;
      if (!siteId || this.data.saving) return;
      this.setData({ saving: true });
      const answer = await restrictHouse(siteId, event.currentTarget.dataset.id, null);
      this.setData({ saving: false });
      if (!answer.ok) {
        wx.showToast({ title: answer.message, icon: 'none' });
        return;
      }
      wx.showToast({ title: '已解除', icon: 'success' });
      await Promise.all([this.loadRestricted(), this.refreshFound()]);
    },

    /** The search results again, so their notes show the new restrictions. */
    async refreshFound() {
      if (this.data.found.length > 0) await this.searchHouses();
    },
  },
});
