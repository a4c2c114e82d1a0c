import type { AppCloud } from './app-cloud';

/** The event the platform's timer hands the function (Tencent SCF's timer event). */
export const timerEvent = (triggerName: string) => ({
  Type: 'Timer',
  TriggerName: triggerName,
  Time: '2026-12-01T02:00:00Z',
  Message: '',
});

/** Runs `fn`'s timer `triggerName` as the platform's timer does: SOURCE wx_trigger, nobody calling. */
export function fireTimer<T = unknown>(cloud: AppCloud, fn: string, triggerName: string): Promise<T> {
  return cloud.call<T>(fn, timerEvent(triggerName), undefined, { source: 'wx_trigger' });
}
