/** Helpers for the site list (pages/sites/index) and its data. */
import type { AppCloud } from '../../support/app-cloud';
import { siteSearchFields } from '../../../server/sites/search-fields';
import { readableText, type PageDriver } from './page-driver';

/** Each site as the person reads it: name, address, and 当前 on the current one. */
export function shownSites(list: PageDriver): string[] {
  return list.findAll('.site-cell').map((cell) => readableText(cell));
}

export function shownNames(list: PageDriver): string[] {
  return list.findAll('.site-cell').map((cell) => readableText(cell, '.t-cell__title-text'));
}

export function tapSite(list: PageDriver, name: string): void {
  const cell = list.findAll('.site-cell').find((node) => readableText(node, '.t-cell__title-text') === name);
  if (!cell) throw new Error(`${name} is not in the list: ${shownSites(list).join(' | ')}`);
  list.tap(cell, '.t-cell');
}

export function search(list: PageDriver, keyword: string): void {
  list.type(keyword, '.site-search', '.t-input__keyword');
}

/**
 * Adds `count` sites (测试场区01, 02, …) written the way the server writes a site, so a list is long enough to
 * page: the demo data has fewer sites than one page holds.
 */
export async function addSites(cloud: AppCloud, count: number): Promise<string[]> {
  const sites = Array.from({ length: count }, (_, i) => {
    const name = `测试场区${String(i + 1).padStart(2, '0')}`;
    const address = `广东省深圳市南山区测试路${i + 1}号`;
    return { _id: `site-test-${i + 1}`, name, address, ...siteSearchFields(name, address), createdAt: new Date() };
  });
  await cloud.lc.db.insert('sites', sites);
  return sites.map((site) => site.name);
}
