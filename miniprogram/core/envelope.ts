import type { ErrorCode } from './errors';

/** What every cloud function action answers. */
export type Envelope<T> = { ok: true; data: T } | Refusal;

/** A refusal, as pages and services see it. */
export interface Refusal {
  ok: false;
  code: ErrorCode;
  message: string;
  /** RATE_LIMITED with a known end: whole seconds until the call may be made again, so a page can count it down */
  retryAfter?: number;
}
