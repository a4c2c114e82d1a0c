/** Absolute routes of the pages, as wx.navigateTo and friends take them. */
export const ROUTES = {
  home: '/pages/home/index',
  sites: '/pages/sites/index',
} as const;
