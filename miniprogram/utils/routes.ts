/**
 * Absolute routes of the pages, as wx.navigateTo and friends take them. Home and 我的 are the tab bar's pages;
 * login, register, reset and change password live in the `account` subpackage (packages/account), so the main
 * package that every first launch downloads keeps only what most visits need (我的 preloads it); 自助卡务 (my
 * cards, bind, a card's detail) lives in the `cards` subpackage (packages/cards). The pages a visitor notification
 * opens come from `VISITOR_PAGES`, the same constant the `visitor` function writes into the subscription message's
 * `page` and the URL Link's path, so the two cannot drift apart.
 */
import { VISITOR_PAGES } from '../core/api/visitor';

export const ROUTES = {
  /** tab (首页): reached with wx.switchTab */
  home: '/pages/home/index',
  sites: '/pages/sites/index',
  /** tab (我的): reached with wx.switchTab */
  mine: '/pages/mine/index',
  /** 登录: 我的 and 接受邀请 lead here, 退出登录 lands here */
  login: '/packages/account/pages/login/index',
  register: '/packages/account/pages/register/index',
  resetPassword: '/packages/account/pages/reset-password/index',
  changePassword: '/packages/account/pages/change-password/index',
  /** 注销账号, from the foot of 我的 */
  deleteAccount: '/packages/account/pages/delete-account/index',
  /** 我的卡: the cards bound to me */
  cards: '/packages/cards/pages/list/index',
  bindCard: '/packages/cards/pages/bind/index',
  /** one card: opened with `cardDetailUrl` */
  cardDetail: '/packages/cards/pages/detail/index',
  /** 用户协议 and 隐私政策, in the `legal` subpackage (packages/legal): read before registering */
  userAgreement: '/packages/legal/pages/terms/index',
  privacyPolicy: '/packages/legal/pages/privacy/index',
  /** 门岗扫码, in the `guard` subpackage (packages/guard) */
  guardScan: '/packages/guard/pages/scan/index',
  /** 访客预约, in the `visitors` subpackage (packages/visitors): book, invite, my bookings, the approver's inbox */
  bookVisit: '/packages/visitors/pages/book/index',
  inviteVisitor: '/packages/visitors/pages/invite/index',
  myVisits: '/packages/visitors/pages/mine/index',
  /** one booking: opened with `visitDetailUrl` */
  visitDetail: `/${VISITOR_PAGES.visit}`,
  visitInbox: '/packages/visitors/pages/inbox/index',
  /** one booking to decide: opened with `visitApprovalUrl` (the approver's subscription message opens it too) */
  visitApproval: `/${VISITOR_PAGES.approval}`,
  /** 物业管理, in the `admin` subpackage (packages/admin): the back office's home, for a site's administrators */
  backOffice: '/packages/admin/pages/home/index',
  /** its screens: the four tabs of 通行证设置, then people and passes */
  adminResidentPass: '/packages/admin/pages/resident-pass/index',
  adminVisitorPass: '/packages/admin/pages/visitor-pass/index',
  adminExitSlip: '/packages/admin/pages/exit-slip/index',
  adminRestrictions: '/packages/admin/pages/restrictions/index',
  adminHouses: '/packages/admin/pages/houses/index',
  adminApplications: '/packages/admin/pages/applications/index',
  adminStaff: '/packages/admin/pages/staff/index',
  adminPasses: '/packages/admin/pages/passes/index',
  adminRecords: '/packages/admin/pages/records/index',
  adminRetention: '/packages/admin/pages/retention/index',
  adminObservers: '/packages/admin/pages/observers/index',
  adminAuditLog: '/packages/admin/pages/audit-log/index',
  /** 申请入住, in the `residence` subpackage: a person not yet a resident of the current site asks to join a house */
  applyResidence: '/packages/residence/pages/apply/index',
  /** 接受邀请 (X2), in its own small subpackage: a staff role from an administrator's invitation code */
  acceptInvitation: '/packages/invitation/pages/accept/index',
} as const;

/** A card's detail page. WeChat hands `onLoad` the query as written, so the page decodes what this encodes. */
export function cardDetailUrl(cardId: string): string {
  return `${ROUTES.cardDetail}?id=${encodeURIComponent(cardId)}`;
}

/** A booking's detail page (its visitor, host or inviter). */
export function visitDetailUrl(visitId: string): string {
  return `${ROUTES.visitDetail}?id=${encodeURIComponent(visitId)}`;
}

/** A booking's approval page (its approvers). */
export function visitApprovalUrl(visitId: string): string {
  return `${ROUTES.visitApproval}?id=${encodeURIComponent(visitId)}`;
}
