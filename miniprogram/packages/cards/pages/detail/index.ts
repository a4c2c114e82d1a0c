/**
 * A card's detail (卡信息查询, R11): type, number, site, validity, balance or plate, bound at — refreshed from the
 * site's card system as it opens, and marked 信息可能不是最新 when that system could not be asked. 解除绑定 (R12)
 * asks first, then goes back to 我的卡. Opened without a card (a shared or mistyped link), it says so and offers
 * 我的卡 rather than a retry that cannot help.
 */
import type { CardType } from '../../../../core/api/card';
import { cardDetail, unbindCard } from '../../../../services/card';
import { definePage } from '../../../../utils/define-page';
import { ROUTES } from '../../../../utils/routes';
import { cardRows, cardSummary, shanghaiTime, type CardRow } from '../../utils/card-display';

/**
 * loading · ready · failed: the function could not give the card (gone, or unreachable) · unnamed: the page was
 * opened without `id`, so there is no card to ask for
 */
type DetailStatus = 'loading' | 'ready' | 'failed' | 'unnamed';

const NO_CARD_NAMED = '没有指定要查看的卡，请在“我的卡”中选择一张卡';

interface Fields {
  cardId?: string;
  /** asking or unbinding: a second tap does nothing */
  busy?: boolean;
}

/** WeChat hands the query to onLoad as written in the URL: `cardDetailUrl` encoded it. */
function decoded(value: string | undefined): string {
  try {
    return decodeURIComponent(value ?? '');
  } catch {
    return value ?? '';
  }
}

definePage<Fields>()({
  data: {
    status: 'loading' as DetailStatus,
    failure: '',
    type: 'member' as CardType,
    typeLabel: '',
    number: '',
    siteName: '',
    rows: [] as CardRow[],
    stale: false,
    checkedAt: '',
    unbinding: false,
  },

  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.cardId = decoded(query.id).trim();
      if (!this.cardId) {
        this.setData({ status: 'unnamed', failure: NO_CARD_NAMED });
        return;
      }
      void this.load();
    },

    openMyCards() {
      wx.redirectTo({ url: ROUTES.cards });
    },

    async load() {
      this.setData({ status: 'loading' });
      const answer = await cardDetail(this.cardId ?? '');
      if (!answer.ok) {
        this.setData({ status: 'failed', failure: answer.message });
        return;
      }
      const { card } = answer.data;
      const summary = cardSummary(card);
      this.setData({
        status: 'ready',
        type: card.type,
        typeLabel: summary.typeLabel,
        number: card.number,
        siteName: summary.siteName,
        rows: cardRows(card),
        stale: card.stale,
        checkedAt: shanghaiTime(card.checkedAt),
      });
    },

    async onUnbind() {
      if (this.busy || this.data.status !== 'ready') return;
      this.busy = true;
      const { typeLabel, number } = this.data;
      const asked = await wx
        .showModal({
          title: '解除绑定',
          content: `确定解除${typeLabel} ${number} 的绑定吗？解除后可随时重新绑定。`,
          confirmText: '解除绑定',
          confirmColor: '#d54941',
          cancelText: '取消',
        })
        .catch(() => ({ confirm: false }));
      if (!asked.confirm) {
        this.busy = false;
        return;
      }
      this.setData({ unbinding: true });
      const answer = await unbindCard(this.cardId ?? '');
      this.busy = false;
      this.setData({ unbinding: false });
      if (!answer.ok) {
        wx.showToast({ title: answer.message, icon: 'none' });
        return;
      }
      wx.showToast({ title: '已解除绑定', icon: 'success' });
      // 我的卡 is under this page and reads its cards again; opened on its own, 我的卡 replaces it
      wx.navigateBack({ fail: () => wx.redirectTo({ url: ROUTES.cards }) });
    },
  },
});
