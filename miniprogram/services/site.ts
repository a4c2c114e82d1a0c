/**
 * The `site` function (场区) for pages, plus the current site remembered on the phone so home can paint it at
 * once; whatever the function answers replaces the remembered one.
 */
import type { Envelope } from '../core/envelope';
import type {
  SiteAcceptInvitationResponse,
  SiteActions,
  SiteCurrentResponse,
  SiteDoorsResponse,
  SiteListRequest,
  SiteListResponse,
  SiteMineResponse,
  SiteSelectResponse,
  SiteSummary,
} from '../core/api/site';
import { cloudFunction } from './cloud';

const site = cloudFunction<SiteActions>('site');

/** Where the phone keeps the last confirmed site; renaming it makes every phone forget theirs once. */
export const REMEMBERED_SITE_KEY = 'site.current';

export function listSites(request: SiteListRequest): Promise<Envelope<SiteListResponse>> {
  return site.query('list', request);
}

/** 我的小区: the sites where the caller lives (first) or works, with the houses. */
export function listMySites(): Promise<Envelope<SiteMineResponse>> {
  return site.query('mine', {});
}

/** The site's gates, for its guards. */
export function listDoors(siteId: string): Promise<Envelope<SiteDoorsResponse>> {
  return site.query('doors', { siteId });
}

export async function selectSite(siteId: string): Promise<Envelope<SiteSelectResponse>> {
  const answer = await site.mutate('select', { siteId });
  if (answer.ok) remember(answer.data.site);
  return answer;
}

/** 接受邀请 (X2): the invitation code's staff role; its site becomes the current one. */
export async function acceptInvitation(code: string): Promise<Envelope<SiteAcceptInvitationResponse>> {
  const answer = await site.mutate('acceptInvitation', { code });
  if (answer.ok) remember(answer.data.site);
  return answer;
}

/** The current site and the caller's roles there. */
export async function currentSite(): Promise<Envelope<SiteCurrentResponse>> {
  const answer = await site.query('current', {});
  if (answer.ok) remember(answer.data.site);
  return answer;
}

/** The site last confirmed by the function on this phone, or null. */
export function rememberedSite(): SiteSummary | null {
  try {
    const value: unknown = wx.getStorageSync(REMEMBERED_SITE_KEY);
    return isSiteSummary(value) ? value : null;
  } catch {
    return null;
  }
}

/** Storage is only a head start for the next launch: when it is full or refused, the function still knows. */
function remember(current: SiteSummary | null): void {
  try {
    if (current) wx.setStorageSync(REMEMBERED_SITE_KEY, current);
    else wx.removeStorageSync(REMEMBERED_SITE_KEY);
  } catch (error) {
    console.warn('could not remember the current site', error);
  }
}

/** Storage may hold what an older version of the app wrote: only a complete summary counts. */
function isSiteSummary(value: unknown): value is SiteSummary {
  if (typeof value !== 'object' || value === null) return false;
  const { id, name, address } = value as Record<string, unknown>;
  return typeof id === 'string' && typeof name === 'string' && typeof address === 'string';
}
