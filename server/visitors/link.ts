import { VISITOR_PAGES } from '../../miniprogram/core/api/visitor';
import { now } from '../platform/clock';
import { sdk } from '../platform/cloud';
import { setting } from '../platform/secrets';

/** The platform gives no URL Link a longer life than 30 days (none is permanent since 2023-12-19). */
const MAX_LINK_MS = 30 * 24 * 3600_000;
/** a link still opens the visit's detail (its record, the pass marked used or expired) a day after the visit */
const AFTER_VISIT_MS = 24 * 3600_000;
/** the shortest expiry the platform accepts is one minute ahead; a link shorter-lived than an hour is of no use */
const MIN_LINK_MS = 3600_000;

/** The mini-program version a link opens, as `SUBSCRIBE_MINIPROGRAM_STATE` names the one messages open. */
const ENV_VERSIONS: Record<string, 'release' | 'trial' | 'develop'> = {
  formal: 'release',
  trial: 'trial',
  developer: 'develop',
};

/**
 * A URL Link (`urllink.generate`, config.json `permissions.openapi`) opening the visit's detail page, for the SMS to
 * a visitor who may not have the app, with the visit's visitor key when there is one (visitor-key.ts). It expires a day after the visit ends, within the platform's 30 days. Made
 * before the transaction that queues the notification (a call to WeChat does not belong inside one); a link that
 * cannot be made is logged and the SMS goes without it — the booking or decision never fails for it.
 */
export async function visitLink(visitId: string, endsAt: Date, key?: string): Promise<string | undefined> {
  const at = now().getTime();
  const expiresAt = Math.max(at + MIN_LINK_MS, Math.min(endsAt.getTime() + AFTER_VISIT_MS, at + MAX_LINK_MS - 60_000));
  try {
    const result = (await sdk().openapi.urllink.generate({
      path: VISITOR_PAGES.visit,
      query: key ? `id=${visitId}&k=${key}` : `id=${visitId}`,
      expireType: 0,
      expireTime: Math.floor(expiresAt / 1000),
      envVersion: ENV_VERSIONS[setting('SUBSCRIBE_MINIPROGRAM_STATE', 'formal')] ?? 'release',
    })) as { urlLink?: unknown } | undefined;
    if (typeof result?.urlLink === 'string' && result.urlLink) return result.urlLink;
    console.error(`[visitor] urllink.generate for visit ${visitId} answered no link`, result);
  } catch (error) {
    console.error(`[visitor] urllink.generate for visit ${visitId} failed; the SMS goes without a link`, error);
  }
  return undefined;
}
