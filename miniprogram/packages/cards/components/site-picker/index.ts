/**
 * 选择车场 for the bind form: a sheet over the form listing sites from `site.list`, searchable as on the site list
 * page, that only reports the site tapped (`pick`, detail `{ site }`) — binding a card elsewhere does not change
 * the person's current site. The sheet shows one page of the largest size; a keyword finds the rest.
 */
import { type SearchStatus, siteSearchBehavior } from '../../../../behaviors/site-search';
import { SITE_PAGE_SIZE } from '../../../../core/api/site';

type Options<
  TData extends WechatMiniprogram.Component.DataOption,
  TMethod extends WechatMiniprogram.Component.MethodOption,
  TBehavior extends WechatMiniprogram.Component.BehaviorOption,
> = WechatMiniprogram.Component.Options<TData, typeof properties, TMethod, TBehavior>;

const properties = {
  visible: { type: Boolean, value: false },
  /** the site chosen now, marked 已选 */
  chosenId: { type: String, value: '' },
};

/** Component(), with `this` also typed with the search Behavior's data and methods. */
function defineComponent<
  TData extends WechatMiniprogram.Component.DataOption,
  TMethod extends WechatMiniprogram.Component.MethodOption,
  TBehavior extends WechatMiniprogram.Component.BehaviorOption,
>(options: Options<TData, TMethod, TBehavior>): string {
  return Component(options);
}

defineComponent({
  properties,
  behaviors: [siteSearchBehavior(SITE_PAGE_SIZE.max)],

  data: {
    // not opened yet: the first opening searches
    status: 'idle' as SearchStatus,
  },

  observers: {
    visible(visible: boolean) {
      // the first opening loads; a failed load is tried again on the next
      if (visible && (this.data.status === 'idle' || this.data.status === 'failed')) void this.search();
    },
  },

  methods: {
    /** t-cell's `click`, with the site's index in `data-index` */
    onSiteTap(event: WechatMiniprogram.CustomEvent<object, object, { index: number }>) {
      const site = this.data.sites[event.currentTarget.dataset.index];
      if (site) this.triggerEvent('pick', { site });
    },

    /** the sheet's close button, or a tap on the overlay */
    onVisibleChange(event: WechatMiniprogram.CustomEvent<{ visible: boolean }>) {
      if (!event.detail.visible) this.close();
    },

    close() {
      this.triggerEvent('close');
    },
  },
});
