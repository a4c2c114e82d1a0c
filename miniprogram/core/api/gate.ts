/** The `gate` cloud function: guards scan and release passes (P3–P5); residents shake to open (R8). */

export type PassType = 'resident' | 'special' | 'visitor' | 'exitSlip';

export const PASS_TYPE_LABELS: Record<PassType, string> = {
  resident: '住户通行证',
  special: '专用通行证',
  visitor: '访客通行证',
  exitSlip: '出门条',
};

export interface ScanRequest {
  code: string;
  siteId: string;
  /** which gate, e.g. 东门: written into the scan's (or refusal's) access record */
  gate?: string;
}

export interface ScanResponse {
  passId: string;
  type: PassType;
  holder: {
    name: string;
    /** 3栋2单元301 */
    house?: string;
    /** masked: 110***********1234, absent when none is registered */
    maskedIdNumber?: string;
    /** a visitor pass's host (受访人), whose house `house` is */
    host?: string;
    /** a 专用通行证's organisation (机构) */
    organisation?: string;
  };
  /** what this release needs the guard to enter */
  requires: { temperature: boolean; idRegistration: boolean };
  /** ISO time the code expires */
  expiresAt: string;
  /** an exit slip (出门条): what it lets out, for the guard to check against the goods */
  exitSlip?: ExitSlipAtGate;
}

/** 出门条 at the gate: its day (YYYY-MM-DD) and the fields the household filled in. */
export interface ExitSlipAtGate {
  date: string;
  goods?: string;
  plate?: string;
  carrier?: string;
  company?: string;
  remark?: string;
  /** how many photos of the goods the administrator saw */
  photos: number;
}

export interface ReleaseRequest {
  code: string;
  siteId: string;
  /** °C, one decimal, when the site requires temperatures */
  temperature?: number;
  /** the holder's ID number, registered at the gate when the site requires one and they have none */
  idNumber?: string;
  /** which gate, e.g. 东门 */
  gate?: string;
  requestId: string;
}

export interface ReleaseResponse {
  released: true;
  at: string;
  holder: ScanResponse['holder'];
  type: PassType;
}

export interface ShakeOpenRequest {
  siteId: string;
  /** a door of the site; the site's default door when absent */
  doorId?: string;
  requestId: string;
}

export interface ShakeOpenResponse {
  opened: true;
  door: { id: string; name: string };
  /** exits left this period; null = unlimited */
  remaining: number | null;
}

export interface GateActions {
  scan: { request: ScanRequest; response: ScanResponse };
  release: { request: ReleaseRequest; response: ReleaseResponse };
  shakeOpen: { request: ShakeOpenRequest; response: ShakeOpenResponse };
}

/** Body temperatures a guard may enter, °C; at or above FEVER the release is refused. */
export const TEMPERATURE_RANGE = { min: 34, max: 43, fever: 37.3 } as const;
