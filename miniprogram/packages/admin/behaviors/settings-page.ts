/**
 * What every settings page of the back office (住户/访客通行证设置, 出门条设置, 数据保存期限) does alike: on show, the
 * current site is checked (adminSiteBehavior); the first time, or for another site, the page's settings are read —
 * back from another page, what is being edited stays; after the read and after every save, 最近修改 shows the last
 * changes of the page's areas. The page says where its settings come from and which areas are its own.
 */
import type { SettingsArea } from '../../../core/api/admin-changes';
import { adminSiteBehavior } from './admin-site';
import { recentChanges, type ChangeLine } from '../utils/settings-changes';

type NoProperties = Record<never, WechatMiniprogram.Component.AllProperty>;

export type SettingsStatus = 'loading' | 'ready' | 'failed';

export interface SettingsSource {
  /** the areas of settingsChanges this page's 最近修改 shows */
  areas: SettingsArea[];
  /** reads the settings: the page's data to show them, or the words of the failure */
  read(siteId: string): Promise<WechatMiniprogram.IAnyObject | string>;
}

interface SettingsPageData {
  status: SettingsStatus;
  failure: string;
  changes: ChangeLine[];
  changesFailed: boolean;
}

type SettingsPageMethods = {
  onShow(): void;
  open(): Promise<void>;
  load(): Promise<void>;
  loadChanges(): Promise<void>;
};

export function settingsPageBehavior(source: SettingsSource) {
  return Behavior<SettingsPageData, NoProperties, SettingsPageMethods, [typeof adminSiteBehavior], { siteId?: string }>(
    {
      behaviors: [adminSiteBehavior],
      data: { status: 'loading', failure: '', changes: [], changesFailed: false },
      methods: {
        onShow() {
          void this.open();
        },

        async open() {
          const site = await this.openAdminSite();
          if (!site) return;
          if (this.siteId === site.id && this.data.status === 'ready') return;
          this.siteId = site.id;
          await this.load();
        },

        async load() {
          const siteId = this.siteId;
          if (!siteId) return;
          this.setData({ status: 'loading' });
          const shown = await source.read(siteId);
          if (typeof shown === 'string') {
            this.setData({ status: 'failed', failure: shown });
            return;
          }
          this.setData({ ...shown, status: 'ready' });
          await this.loadChanges();
        },

        async loadChanges() {
          if (!this.siteId) return;
          const changes = await recentChanges(this.siteId, source.areas);
          this.setData({ changes: changes ?? [], changesFailed: changes === null });
        },
      },
    },
  );
}
