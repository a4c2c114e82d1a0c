import type { HouseView } from '../../miniprogram/core/api/admin-houses';
import type { HouseRestriction } from '../../miniprogram/core/pass-rules';
import { AppError } from '../platform/errors';
import { Repository, type Stored } from '../platform/repository';

/** 房屋: a household's home at a site, e.g. 3栋2单元301. */
export interface House extends Stored {
  siteId: string;
  building: string;
  unit: string;
  room: string;
  /** 3栋2单元301 (core/house-search.ts houseLabel): unique at the site, and what searches walk in order */
  label: string;
  /** 欠费: the household owes the property fees */
  arrears: boolean;
  /** 限制出入 (P10): banned, or the house's own exit count */
  restriction?: HouseRestriction;
  createdAt: Date;
}

/** Houses per page of the back office's lists. */
export const HOUSES_PAGE = 20;
/** The most the platform returns to one query. */
const MAX_READ = 1000;

export class HouseRepository extends Repository<House> {
  constructor() {
    super('houses');
  }

  /** The house, if it is at that site (NOT_FOUND otherwise: another site's house is none of the caller's business). */
  async ofSite(siteId: string, houseId: string): Promise<House> {
    const house = await this.get(houseId);
    if (!house || house.siteId !== siteId) throw new AppError('NOT_FOUND', '该房屋不存在');
    return house;
  }

  async setArrears(siteId: string, houseId: string, arrears: boolean): Promise<House> {
    const house = await this.ofSite(siteId, houseId);
    await this.update(house._id, { arrears });
    return { ...house, arrears };
  }

  /**
   * A page of the site's houses whose label starts with `prefix`, in label order: equality on the site and a
   * range on the label walk the `site_label` index, so a keystroke reads one page however big the site is.
   */
  async search(siteId: string, prefix: string, page: number): Promise<{ houses: House[]; hasMore: boolean }> {
    const _ = this.command();
    const where = prefix === '' ? { siteId } : { siteId, label: _.gte(prefix).and(_.lt(`${prefix}\uffff`)) };
    const found = await this.find(where, {
      orderBy: [['label', 'asc']],
      skip: (page - 1) * HOUSES_PAGE,
      limit: HOUSES_PAGE + 1,
    });
    return { houses: found.slice(0, HOUSES_PAGE), hasMore: found.length > HOUSES_PAGE };
  }

  /** A page of the site's restricted houses (P10), through the `site_restriction` index. */
  async restricted(siteId: string, page: number): Promise<{ houses: House[]; hasMore: boolean }> {
    const _ = this.command();
    const found = await this.find(
      { siteId, 'restriction.kind': _.in(['banned', 'ownQuota']) },
      { orderBy: [['label', 'asc']], skip: (page - 1) * HOUSES_PAGE, limit: HOUSES_PAGE + 1 },
    );
    return { houses: found.slice(0, HOUSES_PAGE), hasMore: found.length > HOUSES_PAGE };
  }

  /** Every house of the site, read in label order a thousand at a time (an import compares the file with them). */
  async allOfSite(siteId: string): Promise<House[]> {
    const _ = this.command();
    const all: House[] = [];
    for (;;) {
      const last = all.at(-1)?.label;
      const batch = await this.find(last === undefined ? { siteId } : { siteId, label: _.gt(last) }, {
        orderBy: [['label', 'asc']],
        limit: MAX_READ,
      });
      all.push(...batch);
      if (batch.length < MAX_READ) return all;
    }
  }

  /** Which of these labels (at most 1,000) the site has already: one read through the `site_label` index. */
  async existingLabels(siteId: string, labels: string[]): Promise<string[]> {
    const found = await this.collection()
      .where({ siteId, label: this.command().in(labels) })
      .field({ label: true })
      .limit(MAX_READ)
      .get<{ label: string }>();
    return found.data.map((house) => house.label);
  }

  /** One write for many houses (at most 1,000). */
  async insertMany(houses: House[]): Promise<void> {
    await this.collection().add({ data: houses });
  }

  async setArrearsOf(ids: string[], arrears: boolean): Promise<void> {
    await this.updateWhere({ _id: this.command().in(ids) }, { arrears });
  }
}

export function houseView(house: House): HouseView {
  return {
    id: house._id,
    building: house.building,
    unit: house.unit,
    room: house.room,
    label: house.label,
    arrears: house.arrears,
    restriction: house.restriction ?? null,
  };
}
