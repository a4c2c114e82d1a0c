import { pinyin } from 'pinyin-pro';

/**
 * What a site stores to be sorted and found: computed when a site is written (demo data now, the
 * admin function later), so listing and searching need no pinyin at read time.
 */
export function siteSearchFields(name: string, address: string): { sortKey: string; searchText: string } {
  const syllables = pinyin(name, { toneType: 'none', type: 'array', nonZh: 'consecutive' }).map((s) => s.toLowerCase());
  const initials = pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' })
    .join('')
    .toLowerCase();
  return {
    sortKey: syllables.join(' '),
    searchText: [name, address, syllables.join(''), initials].join(' ').toLowerCase(),
  };
}
