import type { GateActions } from '../../../miniprogram/core/api/gate';
import { temperature } from '../../../miniprogram/core/gate-rules';
import { documentId, object, optional, string } from '../../../miniprogram/core/validate';
import { releaseAtGate, scanAtGate, type AtGate } from '../../../server/passes/at-gate';
import { MAX_CODE_LENGTH } from '../../../server/passes/pass-codes';
import { shakeOpen } from '../../../server/passes/shake-open';
import { createFunction, type ActionContext } from '../../../server/platform/router';

const code = string({ label: '通行码', max: MAX_CODE_LENGTH });
const gateName = optional(string({ label: '门岗', max: 20 }));

/**
 * 门岗 and 门禁 (P3–P5, R8): guards scan a pass and release it — consuming it once, with the
 * temperature and ID registration the site requires — and residents shake their phone to open a
 * door. Every scan, release, refusal and opening is an access record (P12), forged codes included.
 */
export const main = createFunction<GateActions>('gate', {
  scan: {
    input: object({ code, siteId: documentId('场区'), gate: gateName }),
    run: (context, input) => scanAtGate(atGate(context), input),
  },

  release: {
    mutating: 'own',
    input: object({
      code,
      siteId: documentId('场区'),
      temperature: optional(temperature),
      idNumber: optional(string({ label: '身份证号', max: 18 })),
      gate: gateName,
    }),
    run: (context, input) => releaseAtGate(atGate(context), input),
  },

  shakeOpen: {
    mutating: 'own',
    input: object({ siteId: documentId('场区'), doorId: optional(documentId('门禁')) }),
    run: (context, input) =>
      shakeOpen({
        openid: context.caller.openid,
        siteId: input.siteId,
        ...(input.doorId ? { doorId: input.doorId } : {}),
        now: context.now,
        requestId: context.requestId ?? '',
      }),
  },
});

function atGate(context: ActionContext): AtGate {
  return {
    openid: context.caller.openid,
    now: context.now,
    ...(context.requestId ? { requestId: context.requestId } : {}),
  };
}
