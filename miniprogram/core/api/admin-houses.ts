import type { HouseRestriction } from '../pass-rules';

/** A house as the back office lists it (房屋管理, 限制出入设置). */
export interface HouseView {
  id: string;
  building: string;
  unit: string;
  room: string;
  /** 3栋2单元301 */
  label: string;
  /** 欠费 */
  arrears: boolean;
  /** 限制出入 (P10), null when the house follows the site's rules */
  restriction: HouseRestriction | null;
}

/** A resident of a house as its administrators see them: the phone masked. */
export interface HouseResidentView {
  membershipId: string;
  name: string;
  maskedPhone?: string;
  since: string;
}

/** A line of the file that cannot be imported, by its line number (the header is line 1). */
export interface HouseImportProblem {
  line: number;
  message: string;
}

/** What an import does (or would do): houses added, houses whose arrears change, houses already as in the file. */
export interface HouseImportSummary {
  rows: number;
  added: number;
  changed: number;
  unchanged: number;
  /** every bad line; when there is any, nothing is imported */
  problems: HouseImportProblem[];
}

/** 房屋与住户 (X1) and the house list 限制出入设置 picks from (P10) */
export interface AdminHousesActions {
  /**
   * Reads a CSV (`building,unit,room[,arrears]`) and says what importing it would do; nothing is written. `arrears`
   * (欠费): 是/否, 1/0, true/false; empty is 否. Without the column, an existing house keeps its arrears.
   */
  previewHouseImport: { request: { siteId: string; csv: string }; response: HouseImportSummary };
  /** Imports the file, all or nothing: a file with a bad line imports nothing (`imported: false`, each line reported). */
  importHouses: {
    request: { siteId: string; csv: string; requestId: string };
    response: HouseImportSummary & { imported: boolean };
  };
  /** A page of the site's houses (20) in label order: those whose label starts with what `query` means, or the restricted ones. */
  houses: {
    request: { siteId: string; query?: string; restricted?: boolean; page?: number };
    response: { houses: HouseView[]; page: number; hasMore: boolean };
  };
  /** A house and its residents */
  houseResidents: {
    request: { siteId: string; houseId: string };
    response: { house: HouseView; residents: HouseResidentView[] };
  };
  /** 欠费 set by hand */
  setArrears: {
    request: { siteId: string; houseId: string; arrears: boolean; requestId: string };
    response: { house: HouseView };
  };
  /** The person stops being a resident of the house; their next resident pass is refused. */
  removeResident: {
    request: { siteId: string; houseId: string; membershipId: string; requestId: string };
    response: { membershipId: string };
  };
}
