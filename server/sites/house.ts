import type { HouseRestriction } from '../../miniprogram/core/pass-rules';
import type { Stored } from '../repository';

/** 房屋: a household's home at a site, e.g. 3栋2单元301. */
export interface House extends Stored {
  siteId: string;
  building: string;
  unit: string;
  room: string;
  /** 3栋2单元301 */
  label: string;
  /** 欠费: the household owes the property fees */
  arrears: boolean;
  /** 限制出入 (P10): banned, or the house's own exit count */
  restriction?: HouseRestriction;
  createdAt: Date;
}
