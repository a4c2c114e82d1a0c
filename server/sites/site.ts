import type { SiteSummary } from '../../miniprogram/core/api/site';
import type { ExitSlipSettings } from '../../miniprogram/core/api/admin-exit-slip';
import type { VisitorSettings } from '../../miniprogram/core/api/visitor';
import { exitSlipSettingsOf } from '../../miniprogram/core/exit-slip-rules';
import { DEFAULT_RESIDENT_PASS_SETTINGS, type ResidentPassSettings } from '../../miniprogram/core/pass-rules';
import { visitorSettingsOf } from '../../miniprogram/core/visit-rules';
import { Repository, type Stored } from '../platform/repository';

/** 场区: a residential community or car park the app serves. */
export interface Site extends Stored {
  name: string;
  address: string;
  /** 物业电话 (0532-8588 6600): shown to people on the site who do not live there, so they know whom to ask */
  phone?: string;
  /** pinyin of the name: lists sort by it, as Chinese readers expect (博览会, 测试, 车安 …) */
  sortKey: string;
  /** name, address, full pinyin and initials, lower case: what the search box matches */
  searchText: string;
  /** 住户通行证设置 (P2–P4); the defaults until an administrator sets them */
  residentPass?: ResidentPassSettings;
  /** 访客通行证设置 (P7, R14); the defaults (core/visit-rules.ts) until an administrator sets them */
  visitorSettings?: VisitorSettings;
  /** 出门条设置 (P9); the defaults (core/exit-slip-rules.ts) until an administrator sets them */
  exitSlipSettings?: ExitSlipSettings;
  /** P5: who releases passes at this site's gates — guards scanning (default) or QR door devices */
  releaseMode?: 'guard' | 'device';
  /** days its access records are kept (X7); RECORD_RETENTION_DAYS.default until an administrator sets it */
  recordRetentionDays?: number;
  /**
   * days after a visit's end when its sealed ID number and face photo are deleted (X7), set in 数据保存期限;
   * VISITOR_DATA_RETENTION_DAYS.default until an administrator sets it. Each booking fixes its `retainUntil` from it.
   */
  visitorDataRetentionDays?: number;
  /** the site's own one-card / parking system (docs/cards.md); without it, cards live in `cardRegistry` */
  cardSystem?: { url?: string };
  createdAt: Date;
}

export function residentPassSettings(site: Site): ResidentPassSettings {
  return { ...DEFAULT_RESIDENT_PASS_SETTINGS, ...site.residentPass };
}

export function visitorSettings(site: Site): VisitorSettings {
  return visitorSettingsOf(site.visitorSettings);
}

export function exitSlipSettings(site: Site): ExitSlipSettings {
  return exitSlipSettingsOf(site.exitSlipSettings);
}

export class SiteRepository extends Repository<Site> {
  constructor() {
    super('sites');
  }

  /** The sites with these ids (at most 100), in no particular order. */
  byIds(ids: string[]): Promise<Site[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.find({ _id: this.command().in(ids) }, { limit: 100 });
  }

  /** One page of sites whose name, address or pinyin contains `keyword`, in pinyin order. */
  async search(keyword: string | undefined, page: number, pageSize: number): Promise<{ items: Site[]; total: number }> {
    const where = keyword
      ? { searchText: this.db().RegExp({ regexp: escapeRegExp(keyword.toLowerCase()), options: 'i' }) }
      : {};
    const [total, items] = await Promise.all([
      this.count(where),
      this.find(where, {
        orderBy: [
          ['sortKey', 'asc'],
          ['_id', 'asc'],
        ],
        skip: (page - 1) * pageSize,
        limit: pageSize,
      }),
    ]);
    return { items, total };
  }
}

export function siteSummary(site: Site): SiteSummary {
  return { id: site._id, name: site.name, address: site.address, ...(site.phone ? { phone: site.phone } : {}) };
}

/** The keyword is text to find, not a pattern: `.` or `(` typed in the search box mean themselves. */
function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
