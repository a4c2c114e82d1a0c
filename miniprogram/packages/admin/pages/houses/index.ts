/**
 * 房屋与住户 (X1): the site's houses searched by number; a house's arrears (欠费) set by hand and its residents, any
 * of whom can be removed; and the import of the property's register as CSV — previewed first (what is new, what
 * changes, every bad line), then imported all or nothing. The file comes from a chat (wx.chooseMessageFile, where
 * the client has it) or is pasted.
 */
import type { HouseImportSummary, HouseResidentView } from '../../../../core/api/admin-houses';
import { houseResidents, importHouses, previewHouseImport, removeResident, setArrears } from '../../services/houses';
import { definePage } from '../../../../utils/define-page';
import { adminSiteBehavior } from '../../behaviors/admin-site';
import { houseSearchBehavior } from '../../behaviors/house-search';
import { houseLine, type HouseLine } from '../../utils/houses';

interface Fields {
  siteId?: string;
  /** the house picker's site (behaviors/house-search.ts) */
  searchSiteId?: string;
}

/** the largest file the admin function takes (its `csv` field): 10,000 houses fit */
const MAX_CSV_CHARS = 400_000;

definePage<Fields>()({
  behaviors: [adminSiteBehavior, houseSearchBehavior],

  data: {
    mode: 'list' as 'list' | 'import',
    detail: null as HouseLine | null,
    residentsStatus: 'loading' as 'loading' | 'ready' | 'failed',
    residentsFailure: '',
    residents: [] as HouseResidentView[],
    busy: false,
    canChooseFile: false,
    csv: '',
    importError: '',
    summary: null as HouseImportSummary | null,
    summaryTitle: '',
    canImport: false,
  },

  methods: {
    onShow() {
      this.setData({ canChooseFile: typeof wx.chooseMessageFile === 'function' });
      void this.open();
    },

    onReachBottom() {
      if (this.data.mode === 'list' && !this.data.detail) void this.loadMoreHouses();
    },

    async open() {
      const site = await this.openAdminSite();
      if (!site) return;
      this.siteId = site.id;
      this.searchSiteId = site.id;
      if (this.data.detail) await this.loadDetail();
      else await this.searchHouses();
    },

    chooseMode(event: WechatMiniprogram.CustomEvent<object, object, { mode: 'list' | 'import' }>) {
      this.setData({ mode: event.currentTarget.dataset.mode });
    },

    openHouse(event: WechatMiniprogram.CustomEvent<object, object, { id: string }>) {
      const house = this.data.found.find((h) => h.id === event.currentTarget.dataset.id);
      if (!house) return;
      this.setData({ detail: house, residents: [], residentsStatus: 'loading' });
      void this.loadDetail();
    },

    closeDetail() {
      this.setData({ detail: null });
    },

    async loadDetail() {
      const siteId = this.siteId;
      const house = this.data.detail;
      if (!siteId || !house) return;
      this.setData({ residentsStatus: 'loading' });
      const answer = await houseResidents(siteId, house.id);
      if (!answer.ok) {
        this.setData({ residentsStatus: 'failed', residentsFailure: answer.message });
        return;
      }
      this.setData({
        detail: houseLine(answer.data.house),
        residents: answer.data.residents,
        residentsStatus: 'ready',
      });
    },

    async toggleArrears() {
      const siteId = this.siteId;
      const house = this.data.detail;
      if (!siteId || !house || this.data.busy) return;
      this.setData({ busy: true });
      const answer = await setArrears(siteId, house.id, !house.arrears);
      this.setData({ busy: false });
      if (!answer.ok) {
        wx.showToast({ title: answer.message, icon: 'none' });
        return;
      }
      const updated = houseLine(answer.data.house);
      this.setData({ detail: updated, found: this.data.found.map((h) => (h.id === updated.id ? updated : h)) });
    },

    removeResident(event: WechatMiniprogram.CustomEvent<object, object, { id: string; name: string }>) {
      const siteId = this.siteId;
      const house = this.data.detail;
      const { id, name } = event.currentTarget.dataset;
      if (!siteId || !house || this.data.busy) return;
      wx.showModal({
        title: '移除住户',
        content: `确定将${name}移出${house.label}？移除后其住户通行证将无法使用。`,
        confirmText: '移除',
        success: async ({ confirm }) => {
          if (!confirm) return;
          this.setData({ busy: true });
          const answer = await removeResident(siteId, house.id, id);
          this.setData({ busy: false });
          if (!answer.ok) {
            wx.showToast({ title: answer.message, icon: 'none' });
            return;
          }
          this.setData({ residents: this.data.residents.filter((r) => r.membershipId !== id) });
          wx.showToast({ title: '已移除', icon: 'success' });
        },
      });
    },

    onCsvInput(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ csv: event.detail.value, importError: '', summary: null, canImport: false });
    },

    /** A CSV sent to the administrator in a chat (the register usually comes from the property's office PC). */
    chooseFile() {
      wx.chooseMessageFile({
        count: 1,
        type: 'file',
        extension: ['csv', 'txt'],
        success: ({ tempFiles }) => {
          const [file] = tempFiles;
          if (!file) return;
          if (file.size > MAX_CSV_CHARS * 3) {
            this.setData({ importError: '文件过大，每次最多导入10000户' });
            return;
          }
          wx.getFileSystemManager().readFile({
            filePath: file.path,
            encoding: 'utf8',
            success: ({ data }) => {
              this.setData({ csv: String(data), importError: '', summary: null, canImport: false });
              void this.preview();
            },
            fail: () => this.setData({ importError: '文件读取失败，请确认是UTF-8编码的CSV文件' }),
          });
        },
      });
    },

    async preview() {
      const siteId = this.siteId;
      const csv = this.data.csv;
      if (!siteId || this.data.busy) return;
      if (csv.trim() === '') {
        this.setData({ importError: '请先选择文件或粘贴CSV内容' });
        return;
      }
      this.setData({ busy: true, importError: '' });
      const answer = await previewHouseImport(siteId, csv);
      this.setData({ busy: false });
      if (!answer.ok) {
        this.setData({ importError: answer.message, summary: null, canImport: false });
        return;
      }
      this.showSummary(answer.data, false);
    },

    async importFile() {
      const siteId = this.siteId;
      if (!siteId || this.data.busy) return;
      this.setData({ busy: true, importError: '' });
      const answer = await importHouses(siteId, this.data.csv);
      this.setData({ busy: false });
      if (!answer.ok) {
        this.setData({ importError: answer.message });
        return;
      }
      this.showSummary(answer.data, answer.data.imported);
      if (answer.data.imported) {
        wx.showToast({ title: '导入完成', icon: 'success' });
        void this.searchHouses();
      }
    },

    showSummary(summary: HouseImportSummary, imported: boolean) {
      const changes = summary.added + summary.changed;
      const summaryTitle = imported
        ? '已导入'
        : summary.problems.length > 0
          ? '文件有误，未导入任何房屋'
          : changes === 0
            ? '与现有房屋一致，无需导入'
            : '预览：确认后将导入';
      this.setData({
        summary,
        summaryTitle,
        canImport: !imported && summary.problems.length === 0 && changes > 0,
      });
    },
  },
});
