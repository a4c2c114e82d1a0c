import type { VisitorActions } from '../../../miniprogram/core/api/visitor';
import { boolean, documentId, integer, object, optional, string } from '../../../miniprogram/core/validate';
import { DEFAULT_VISITOR_SETTINGS, visitFormSchema } from '../../../miniprogram/core/visit-rules';
import type { VisitorSettings } from '../../../miniprogram/core/api/visitor';
import { createFunction } from '../../../server/platform/router';
import { book, invite, visitorSite } from '../../../server/visitors/booking';
import { cancel, decide, detail, inbox, mine } from '../../../server/visitors/decision';
import { faceFolderOf } from '../../../server/visitors/face';
import { purgeExpiredVisitorData } from '../../../server/visitors/retention';

/**
 * Every field any site may show, none required: the shape the router checks. What a site shows and requires is
 * checked again in server/visitors against that site's settings.
 */
const ANY_SITE: VisitorSettings = {
  ...DEFAULT_VISITOR_SETTINGS,
  fields: {
    idNumber: { show: true, required: false },
    plate: { show: true, required: false },
    companions: { show: true, required: false },
    company: { show: true, required: false },
  },
};
const visitId = documentId('预约');
const page = optional(integer({ label: '页码', min: 1, max: 1000 }), 1);

/**
 * 访客预约 (R13–R18, P7, P8): visitors book, residents invite, approvers decide (docs/api.md). The `retention` timer
 * deletes visitors' ID numbers and face photos after their retention period (X7).
 */
export const main = createFunction<VisitorActions>(
  'visitor',
  {
    settings: {
      input: object({ siteId: documentId('场区') }),
      async run(context, input) {
        const { site, settings } = await visitorSite(input.siteId);
        return { site: { id: site._id, name: site.name }, settings, faceFolder: faceFolderOf(context.caller.openid) };
      },
    },
    book: { mutating: true, input: visitFormSchema(ANY_SITE), run: book },
    invite: { mutating: true, input: visitFormSchema(ANY_SITE, { invite: true }), run: invite },
    mine: { input: object({ page }), run: (context, input) => mine(context, input.page ?? 1) },
    inbox: { input: object({ page }), run: (context, input) => inbox(context, input.page ?? 1) },
    detail: {
      // `key`: the visitor key an SMS link carries (server/visitors/visitor-key.ts)
      input: object({
        visitId,
        key: optional(string({ label: '链接', max: 32, pattern: /^[0-9a-f]{32}$/, patternMessage: '链接无效' })),
      }),
      run: (context, input) => detail(context, input.visitId, input.key),
    },
    decide: {
      mutating: true,
      input: object({
        visitId,
        approve: boolean('审核结果'),
        reason: optional(string({ label: '拒绝原因', max: 50 })),
      }),
      run: decide,
    },
    cancel: { mutating: true, input: object({ visitId }), run: (context, input) => cancel(context, input.visitId) },
  },
  { timers: { retention: { run: purgeExpiredVisitorData } } },
);
