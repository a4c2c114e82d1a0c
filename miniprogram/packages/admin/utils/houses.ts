import type { HouseView } from '../../../core/api/admin-houses';
import type { HouseRestriction } from '../../../core/pass-rules';

/** How a restriction reads in a list: 禁止出入, 每周期可出门2次, 不可出门. */
export function restrictionText(restriction: HouseRestriction | null): string {
  if (!restriction) return '';
  if (restriction.kind === 'banned') return '禁止出入';
  if (restriction.exitsPerPeriod === 0) return '出门次数不限';
  if (restriction.exitsPerPeriod < 0) return '不可出门';
  return `每周期可出门${restriction.exitsPerPeriod}次`;
}

/** A house as a list line shows it: the label, and what sets it apart (欠费, its restriction). */
export interface HouseLine extends HouseView {
  note: string;
}

export function houseLine(house: HouseView): HouseLine {
  const notes = [house.arrears ? '欠费' : '', restrictionText(house.restriction)].filter((n) => n !== '');
  return { ...house, note: notes.join(' · ') };
}
