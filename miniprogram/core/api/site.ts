/** The `site` cloud function (场区): list and search sites, select the current one, my sites, a site's doors. */
import type { Role } from '../roles';

export interface SiteSummary {
  id: string;
  /** 场区名称, e.g. 海信慧园 */
  name: string;
  /** 地址, e.g. 山东省青岛市市南区镇江南路6号 */
  address: string;
  /** 物业电话, when the site has given one: what a person who does not live there calls */
  phone?: string;
}

export interface SiteListRequest {
  /** matches name, address or pinyin (full or initials), case-insensitive; at most 30 characters */
  keyword?: string;
  /** 1-based */
  page?: number;
  /** 1..50, default 20 */
  pageSize?: number;
}

export interface SiteListResponse {
  items: SiteSummary[];
  total: number;
  page: number;
  pageSize: number;
  hasMore: boolean;
}

export interface SiteSelectRequest {
  siteId: string;
  /** idempotency key: a retry with the same requestId returns the first answer */
  requestId: string;
}

export interface SiteSelectResponse {
  site: SiteSummary;
}

export interface SiteCurrentResponse {
  /** null until the user has chosen one */
  site: SiteSummary | null;
  /** the caller's roles at that site (none: they neither live nor work there) */
  roles: Role[];
}

/** A site where the caller holds a role: 我的小区. */
export interface MySite extends SiteSummary {
  roles: Role[];
  /** the houses the caller lives in there, e.g. 3栋2单元301 */
  houses: string[];
}

export interface SiteMineResponse {
  /** residences first, then where the caller works; in pinyin order within each */
  items: MySite[];
}

export interface SiteDoorsRequest {
  siteId: string;
}

/** A gate of a site (门岗 / 门禁), as the guard picks where they stand. */
export interface DoorSummary {
  id: string;
  /** 东门 */
  name: string;
  isDefault: boolean;
}

export interface SiteDoorsResponse {
  items: DoorSummary[];
}

/** Every action of the function: its request and response, shared by the page service and the function. */
export interface SiteActions {
  list: { request: SiteListRequest; response: SiteListResponse };
  select: { request: SiteSelectRequest; response: SiteSelectResponse };
  current: { request: Record<string, never>; response: SiteCurrentResponse };
  mine: { request: Record<string, never>; response: SiteMineResponse };
  doors: { request: SiteDoorsRequest; response: SiteDoorsResponse };
  /**
   * 接受邀请 (X2): the caller, with an account, takes the staff role an administrator's invitation code gives; the
   * site becomes their current one. A code works once; a used, withdrawn or expired one is refused. An observer's
   * code (P11) works only for the account registered with the phone it was made for.
   */
  acceptInvitation: { request: SiteAcceptInvitationRequest; response: SiteAcceptInvitationResponse };
}

export interface SiteAcceptInvitationRequest {
  code: string;
  requestId: string;
}

export interface SiteAcceptInvitationResponse {
  site: SiteSummary;
  role: 'admin' | 'guard' | 'observer';
}

export const SITE_PAGE_SIZE = { default: 20, max: 50 } as const;
export const SITE_KEYWORD_MAX = 30;
