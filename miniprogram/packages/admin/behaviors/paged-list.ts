/**
 * A back-office list read a page at a time (有效通行证, 出入记录, 审计日志): the first page (again after a filter
 * changes), 加载更多 at the list's end, and its state — `status` loading · ready · failed (`failure` says why),
 * `rows`, the `page` last read, `hasMore`, `loadingMore`. Only the newest question may paint: a page of an older
 * filter still in flight is dropped once `loadFirst()` asks anew.
 *
 * The page says how to read page N and how to turn the answer into rows with `pagedFrom(fetch, rowsOf)` once it
 * knows its site, then calls `loadFirst()` from its own `onShow`, and `loadMore()` from its own `onReachBottom`: the
 * lifecycles stay in the page, so each runs once. A failed 加载更多 keeps the rows and says why in a toast.
 */
import type { Envelope } from '../../../core/envelope';
import { NewestAnswer } from '../../../utils/newest-answer';

type NoProperties = Record<never, WechatMiniprogram.Component.AllProperty>;

export type PagedStatus = 'loading' | 'ready' | 'failed';

interface PagedListData<Row> {
  status: PagedStatus;
  failure: string;
  rows: Row[];
  page: number;
  hasMore: boolean;
  loadingMore: boolean;
}

type PagedListMethods = {
  /** how to read page N (from 1) and how to turn its answer into rows; nothing loads before this is said */
  pagedFrom<Answer extends { hasMore: boolean }>(
    fetch: (page: number) => Promise<Envelope<Answer>>,
    rowsOf: (answer: Answer) => unknown[],
  ): void;
  /** the first page again: shows loading, then the rows or why not */
  loadFirst(): Promise<void>;
  /** the next page, appended; nothing while one is in flight or there is no more */
  loadMore(): Promise<void>;
};

interface PagedSource {
  fetch(page: number): Promise<Envelope<{ hasMore: boolean }>>;
  rowsOf(answer: { hasMore: boolean }): unknown[];
}

interface PagedListFields {
  pagedSource?: PagedSource;
  pagedAnswers?: NewestAnswer;
}

const pagedList = Behavior<PagedListData<unknown>, NoProperties, PagedListMethods, [], PagedListFields>({
  data: { status: 'loading', failure: '', rows: [], page: 1, hasMore: false, loadingMore: false },
  methods: {
    pagedFrom(fetch, rowsOf) {
      this.pagedSource = { fetch, rowsOf: rowsOf as PagedSource['rowsOf'] };
    },

    async loadFirst() {
      const source = this.pagedSource;
      if (!source) return;
      this.pagedAnswers ??= new NewestAnswer();
      // a 加载更多 of the previous question still in flight is dropped, so it must not keep the button spinning
      this.setData({ status: 'loading', loadingMore: false });
      const answer = await this.pagedAnswers.ask(() => source.fetch(1));
      if (!answer) return;
      if (!answer.ok) {
        this.setData({ status: 'failed', failure: answer.message });
        return;
      }
      this.setData({ status: 'ready', rows: source.rowsOf(answer.data), page: 1, hasMore: answer.data.hasMore });
    },

    async loadMore() {
      const source = this.pagedSource;
      const { status, loadingMore, hasMore } = this.data;
      if (!source || status !== 'ready' || loadingMore || !hasMore) return;
      this.pagedAnswers ??= new NewestAnswer();
      this.setData({ loadingMore: true });
      const next = this.data.page + 1;
      const answer = await this.pagedAnswers.follow(() => source.fetch(next));
      if (!answer) return;
      this.setData({ loadingMore: false });
      if (!answer.ok) {
        wx.showToast({ title: answer.message, icon: 'none' });
        return;
      }
      this.setData({
        rows: [...this.data.rows, ...source.rowsOf(answer.data)],
        page: next,
        hasMore: answer.data.hasMore,
      });
    },
  },
});

/** The behaviour, its `rows` typed as the page's rows (one behaviour at run time). */
export function pagedListBehavior<Row>() {
  return pagedList as unknown as WechatMiniprogram.Behavior.Identifier<
    PagedListData<Row>,
    NoProperties,
    PagedListMethods,
    []
  >;
}
