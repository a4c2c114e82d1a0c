/**
 * Absolute routes of the pages, as wx.navigateTo and friends take them. Home and 我的 are the tab bar's pages;
 * register, reset and change password live in the `account` subpackage (packages/account), so the main package
 * that every first launch downloads keeps only what most visits need.
 */
export const ROUTES = {
  /** tab (首页): reached with wx.switchTab */
  home: '/pages/home/index',
  sites: '/pages/sites/index',
  login: '/pages/login/index',
  /** tab (我的): reached with wx.switchTab */
  mine: '/pages/mine/index',
  register: '/packages/account/pages/register/index',
  resetPassword: '/packages/account/pages/reset-password/index',
  changePassword: '/packages/account/pages/change-password/index',
} as const;
