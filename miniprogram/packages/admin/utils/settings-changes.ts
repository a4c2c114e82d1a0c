/**
 * 最近修改 on each settings page: the last few changes of the page's areas, newest first, as lines a person reads
 * (陈静 · 12-03 09:30 / 周期内可出门次数：3次 → 1次). The page loads them after it loads and after every save.
 */
import type { SettingsArea, SettingsChangeView } from '../../../core/api/admin-changes';
import { shanghai } from '../../../core/visit-time';
import { adminSettings } from '../services/settings';

/** how many changes a settings page shows: the full history is the action's, paged */
export const RECENT_CHANGES = 5;

export interface ChangeLine {
  id: string;
  /** 陈静（20260004） */
  who: string;
  /** 12-03 09:30 */
  when: string;
  /** 添加设备 西门读头（西门）, or the subject alone */
  title: string;
  lines: string[];
}

export function changeLine(change: SettingsChangeView): ChangeLine {
  const who = change.by.accountId ? `${change.by.name}（${change.by.accountId}）` : change.by.name;
  return {
    id: change.id,
    who,
    when: shanghai(change.at).format('MM-DD HH:mm'),
    title: [change.action, change.subject].filter(Boolean).join(' '),
    lines: change.changes.map((c) => `${c.field}：${c.before} → ${c.after}`),
  };
}

/** The newest changes of `areas` at the site, merged; null when they could not be read (the page says so). */
export async function recentChanges(siteId: string, areas: SettingsArea[]): Promise<ChangeLine[] | null> {
  const answers = await Promise.all(areas.map((area) => adminSettings.query('settingsChanges', { siteId, area })));
  const changes: SettingsChangeView[] = [];
  for (const answer of answers) {
    if (!answer.ok) return null;
    changes.push(...answer.data.changes);
  }
  return changes
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))
    .slice(0, RECENT_CHANGES)
    .map(changeLine);
}
