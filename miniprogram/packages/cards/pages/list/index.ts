/**
 * 卡信息查询 (R11): the cards bound to me across sites, newest first, as last seen; tap one for its detail
 * (refreshed from its card system), or 绑定新卡 (R10). Read again on every return, after a bind or an unbind.
 */
import { myCards } from '../../../../services/card';
import { definePage } from '../../../../utils/define-page';
import { NewestAnswer } from '../../../../utils/newest-answer';
import { cardDetailUrl, ROUTES } from '../../../../utils/routes';
import { cardSummary, type CardSummary } from '../../utils/card-display';

/** loading: nothing known yet · ready · empty: no card bound · failed: unknown and the function could not say */
type ListStatus = 'loading' | 'ready' | 'empty' | 'failed';

definePage<{ cardAnswers?: NewestAnswer }>()({
  data: {
    status: 'loading' as ListStatus,
    cards: [] as CardSummary[],
    failure: '',
  },

  methods: {
    onShow() {
      void this.refresh();
    },

    async refresh() {
      if (this.data.status === 'failed') this.setData({ status: 'loading' });
      this.cardAnswers ??= new NewestAnswer();
      const answer = await this.cardAnswers.ask(myCards);
      if (!answer) return;

      if (answer.ok) {
        const cards = answer.data.cards.map(cardSummary);
        this.setData({ status: cards.length > 0 ? 'ready' : 'empty', cards, failure: '' });
      } else if (this.data.status === 'loading') {
        this.setData({ status: 'failed', failure: answer.message });
      } else {
        // the list on screen stays, but it may be out of date: say so
        wx.showToast({ title: answer.message, icon: 'none' });
      }
    },

    /** a card, with its id in `data-id` */
    onCardTap(event: WechatMiniprogram.CustomEvent<object, object, { id: string }>) {
      wx.navigateTo({ url: cardDetailUrl(event.currentTarget.dataset.id) });
    },

    openBind() {
      wx.navigateTo({ url: ROUTES.bindCard });
    },
  },
});
