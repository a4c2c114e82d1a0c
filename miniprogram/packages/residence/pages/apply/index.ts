/**
 * 申请入住 (X1): opened from the door screen when the person has no house at the current site. It shows where
 * their application stands (待审核 / 已通过 / 未通过 with the reason), or the form: the house (searched by
 * 楼栋-单元-房号), the name the property knows them by, and 业主 / 家属 / 租客. Nothing more is asked.
 */
import {
  RESIDENCE_RELATIONS,
  RESIDENCE_RELATION_LABELS,
  RESIDENCE_STATUS_LABELS,
  applicantName,
  type ResidenceApplicationView,
  type ResidenceRelation,
} from '../../../../core/api/residence';
import { houseLabelPrefix } from '../../../../core/house-search';
import { formatDateTime } from '../../../../core/visit-time';
import { currentSiteBehavior } from '../../../../behaviors/current-site';
import { applyResidence, myResidenceApplication, residenceHouses } from '../../services/residence';
import { definePage } from '../../../../utils/define-page';
import { NewestAnswer } from '../../../../utils/newest-answer';
import { ROUTES } from '../../../../utils/routes';

const SEARCH_DEBOUNCE_MS = 300;

interface Fields {
  searchTimer?: number;
  houseSearches?: NewestAnswer;
}

type Status = 'loading' | 'failed' | 'noSite' | 'applied' | 'form';

definePage<Fields>()({
  behaviors: [currentSiteBehavior],

  data: {
    status: 'loading' as Status,
    application: null as ResidenceApplicationView | null,
    stateTitle: '',
    relationLabel: '',
    appliedAt: '',
    relations: RESIDENCE_RELATIONS.map((value) => ({ value, label: RESIDENCE_RELATION_LABELS[value] })),
    keyword: '',
    houses: [] as Array<{ id: string; label: string }>,
    housesStatus: 'idle' as 'idle' | 'loading' | 'ready' | 'empty' | 'failed',
    housesFailure: '',
    housesHasMore: false,
    house: null as { id: string; label: string } | null,
    name: '',
    relation: '' as ResidenceRelation | '',
    errors: {} as Record<string, string>,
    submitError: '',
    submitting: false,
  },

  lifetimes: {
    detached() {
      if (this.searchTimer !== undefined) clearTimeout(this.searchTimer);
    },
  },

  methods: {
    onShow() {
      void this.load();
    },

    /** 刷新审核结果 and 重试 */
    refresh() {
      void this.load();
    },

    async load() {
      this.setData({ status: 'loading' });
      this.showRememberedSite();
      const check = await this.confirmSite();
      if (check === 'superseded') return;
      const { siteStatus, site } = this.data;
      if (check === 'failed' || siteStatus === 'failed') {
        this.setData({ status: 'failed' });
        return;
      }
      if (!site) {
        this.setData({ status: 'noSite' });
        return;
      }
      const answer = await myResidenceApplication(site.id);
      if (!answer.ok) {
        this.setData({ status: 'failed', failure: answer.message });
        return;
      }
      if (answer.data.application) this.showApplication(answer.data.application);
      else this.setData({ status: 'form' });
    },

    showApplication(application: ResidenceApplicationView) {
      const stateTitle =
        application.status === 'pending'
          ? '申请已提交，等待物业审核'
          : application.status === 'approved'
            ? '申请已通过，您已是本小区住户'
            : `申请${RESIDENCE_STATUS_LABELS.rejected}`;
      this.setData({
        status: 'applied',
        application,
        stateTitle,
        relationLabel: RESIDENCE_RELATION_LABELS[application.relation],
        appliedAt: formatDateTime(application.appliedAt),
      });
    },

    applyAgain() {
      const earlier = this.data.application;
      this.setData({
        status: 'form',
        name: earlier?.name ?? '',
        relation: earlier?.relation ?? '',
        house: null,
        keyword: '',
        houses: [],
        housesStatus: 'idle',
      });
    },

    onKeywordChange(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ keyword: event.detail.value });
      if (this.searchTimer !== undefined) clearTimeout(this.searchTimer);
      this.searchTimer = setTimeout(() => void this.searchHouses(), SEARCH_DEBOUNCE_MS);
    },

    async searchHouses() {
      const site = this.data.site;
      const query = this.data.keyword.trim();
      if (!site) return;
      if (query === '') {
        this.setData({ houses: [], housesStatus: 'idle' });
        return;
      }
      if (houseLabelPrefix(query) === undefined) {
        this.setData({ houses: [], housesStatus: 'failed', housesFailure: '请按“楼栋-单元-房号”输入，如 3-2-301' });
        return;
      }
      this.setData({ housesStatus: 'loading' });
      this.houseSearches ??= new NewestAnswer();
      const answer = await this.houseSearches.ask(() => residenceHouses(site.id, query));
      if (!answer) return;
      if (!answer.ok) {
        this.setData({ housesStatus: 'failed', housesFailure: answer.message });
        return;
      }
      const { houses, hasMore } = answer.data;
      this.setData({ houses, housesHasMore: hasMore, housesStatus: houses.length > 0 ? 'ready' : 'empty' });
    },

    pickHouse(event: WechatMiniprogram.CustomEvent<object, object, { id: string; label: string }>) {
      const { id, label } = event.currentTarget.dataset;
      this.setData({ house: { id, label }, 'errors.house': '' });
    },

    changeHouse() {
      this.setData({ house: null });
    },

    onNameChange(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ name: event.detail.value, 'errors.name': '' });
    },

    pickRelation(event: WechatMiniprogram.CustomEvent<object, object, { value: ResidenceRelation }>) {
      this.setData({ relation: event.currentTarget.dataset.value, 'errors.relation': '' });
    },

    async submit() {
      const site = this.data.site;
      if (!site || this.data.submitting) return;
      const name = applicantName.parse(this.data.name);
      const errors: Record<string, string> = {
        house: this.data.house ? '' : '请选择房屋',
        name: name.ok ? '' : name.issues[0].message,
        relation: this.data.relation ? '' : '请选择与房屋的关系',
      };
      this.setData({ errors, submitError: '' });
      const { house, relation } = this.data;
      if (!house || !name.ok || !relation) return;
      this.setData({ submitting: true });
      const answer = await applyResidence({ siteId: site.id, houseId: house.id, name: name.value, relation });
      this.setData({ submitting: false });
      if (!answer.ok) {
        this.setData({ submitError: answer.message });
        return;
      }
      this.showApplication(answer.data.application);
    },

    openSites() {
      wx.navigateTo({ url: ROUTES.sites });
    },

    openHome() {
      wx.switchTab({ url: ROUTES.home });
    },
  },
});
