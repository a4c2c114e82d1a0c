/** How the back office's people and passes pages write a moment: the clock in China (UTC+8), to the minute. */
import { SHANGHAI_OFFSET_MS } from '../../../core/time';

/** `2026-11-27 12:00`; '' for a value that is not a time */
export function formatShanghai(iso: string): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return '';
  return new Date(at + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}
