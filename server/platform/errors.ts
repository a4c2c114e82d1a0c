import { ERROR_MESSAGES, type ErrorCode } from '../../miniprogram/core/errors';

/**
 * A refusal an action means to give: becomes `{ ok: false, code, message, retryAfter? }`. Anything else thrown
 * is a bug and becomes INTERNAL, with the details in the function's log only.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string = ERROR_MESSAGES[code],
    /** whole seconds until the refused call may succeed, when a wait is all it takes (RATE_LIMITED) */
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

/** The database refused a write because a unique index already holds the key (MongoDB's E11000). */
export function isDuplicateKey(error: unknown): boolean {
  const text = error instanceof Error ? error.message : String((error as { errMsg?: unknown })?.errMsg ?? error);
  return /E11000|duplicate key/i.test(text);
}
