/** The `pass` cloud function: a resident's pass QR for the current site (R7, P1, X3). */

export interface QuotaState {
  /** exits allowed this period; null = unlimited */
  limit: number | null;
  used: number;
  /** null = unlimited */
  remaining: number | null;
  /** 周期: counted per person or for the whole household */
  countingMode: 'perPerson' | 'perHousehold';
  /** when the next period starts, ISO time */
  periodEndsAt: string;
}

export interface ResidentPassResponse {
  /** the pass's id (the code's jti): what `passStatus` asks about */
  passId: string;
  /** what the QR carries: `TX2:` and 149 Base45 characters, for the QR alphanumeric mode (docs/api.md) */
  code: string;
  /** ISO time; the code is void after it (10 minutes after issue) */
  expiresAt: string;
  /** ISO time the page should fetch a fresh code at (a minute before expiry) */
  refreshAt: string;
  site: { id: string; name: string };
  /** whose pass: the holder's name (住户 when none is on file), shown under the code for the guard */
  holder: string;
  /** the house the pass is for, e.g. 3栋2单元301 */
  house: string;
  quota: QuotaState;
  /** what the gate will ask for */
  requires: { temperature: boolean; idRegistration: boolean };
}

/**
 * What became of a pass the caller holds: still good, used at a gate (which, when), or past its time. Home asks
 * every few seconds while the code is on screen, so a spent code looks spent.
 */
export type PassStatusResponse =
  | { state: 'valid'; expiresAt: string }
  | { state: 'used'; gate: string; at: string }
  | { state: 'expired'; expiresAt: string };

/** 专用通行证 (P6): a member's pass for one of their organisation's linked communities. */
export interface SpecialPassResponse {
  passId: string;
  code: string;
  expiresAt: string;
  refreshAt: string;
  site: { id: string; name: string };
  /** every community the pass may be shown at (the page switches between them) */
  sites: Array<{ id: string; name: string }>;
  holder: string;
  organisation: string;
  /** the validity period's last day, YYYY-MM-DD (Asia/Shanghai) */
  validTo: string;
}

export interface PassActions {
  /** a fresh resident pass for the caller's current site (or `siteId`) */
  residentPass: { request: { siteId?: string }; response: ResidentPassResponse };
  /** what became of one of the caller's passes */
  passStatus: { request: { passId: string }; response: PassStatusResponse };
  /** binds the caller's account to the 专用通行证 member the single-use invitation code was made for */
  bindSpecialMember: {
    request: { code: string; requestId: string };
    response: { organisation: string; name: string; validTo: string; sites: Array<{ id: string; name: string }> };
  };
  /** a fresh 专用通行证 for `siteId` (default: the caller's current site if linked, else the first linked one) */
  specialPass: { request: { siteId?: string }; response: SpecialPassResponse };
}

/** How often home asks what became of the code on screen: a release shows within this (and one call's time). */
export const PASS_STATUS_POLL_MS = 2000;

/** A resident pass lives 10 minutes (P1); the page refreshes it a minute early. */
export const RESIDENT_PASS_LIFETIME_S = 600;
export const RESIDENT_PASS_REFRESH_BEFORE_S = 60;
