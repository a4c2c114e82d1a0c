import type { HouseRestriction } from '../../miniprogram/core/pass-rules';
import { AppError } from '../platform/errors';
import { Repository, type Stored } from '../platform/repository';

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

export class HouseRepository extends Repository<House> {
  constructor() {
    super('houses');
  }

  /** A house of `siteId`; a house of another site is not found. */
  async ofSite(siteId: string, houseId: string): Promise<House> {
    const house = await this.get(houseId);
    if (!house || house.siteId !== siteId) throw new AppError('NOT_FOUND', '该房屋不存在');
    return house;
  }
}
