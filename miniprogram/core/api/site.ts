/** The `site` cloud function (场区): list and search sites, select the current one. */

export interface SiteSummary {
  id: string;
  /** 场区名称, e.g. 海信慧园 */
  name: string;
  /** 地址, e.g. 山东省青岛市市南区镇江南路6号 */
  address: string;
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
}

/** Every action of the function: its request and response, shared by the page service and the function. */
export interface SiteActions {
  list: { request: SiteListRequest; response: SiteListResponse };
  select: { request: SiteSelectRequest; response: SiteSelectResponse };
  current: { request: Record<string, never>; response: SiteCurrentResponse };
}

export const SITE_PAGE_SIZE = { default: 20, max: 50 } as const;
export const SITE_KEYWORD_MAX = 30;
