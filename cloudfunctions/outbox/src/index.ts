import { deliverDue } from '../../../server/notifications/delivery';
import { createFunction } from '../../../server/platform/router';

/**
 * 通知发送 (X5): no user actions. The platform's timer (config.json `deliver`, every minute) delivers what the
 * outbox holds — the WeChat subscription message and the SMS of each notification — and records each outcome.
 */
export const main = createFunction<Record<string, never>>('outbox', {}, { timers: { deliver: { run: deliverDue } } });
