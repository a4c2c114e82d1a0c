/** The exits subpackage's pages (出门条, P9), as wx.navigateTo takes them. */
export const EXIT_PAGES = {
  mine: '/packages/exits/pages/mine/index',
  apply: '/packages/exits/pages/apply/index',
  /** one slip: `?id=` (the decision's notification opens it too: server/passes/exit-slips.ts) */
  detail: '/packages/exits/pages/detail/index',
} as const;
