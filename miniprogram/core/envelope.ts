import type { ErrorCode } from './errors';

/** What every cloud function action answers. */
export type Envelope<T> = { ok: true; data: T } | { ok: false; code: ErrorCode; message: string };

/** A refusal, as pages and services see it. */
export interface Refusal {
  ok: false;
  code: ErrorCode;
  message: string;
}
