import type { PassExitSlipActions } from '../../../miniprogram/core/api/admin-exit-slip';
import type { PassActions } from '../../../miniprogram/core/api/pass';
import { documentId, integer, object, optional, string } from '../../../miniprogram/core/validate';
import { exitSlipApplicationInput } from '../../../miniprogram/packages/exits/rules';
import { applyExitSlip, exitSlipDetail, exitSlipForm, myExitSlips } from '../../../server/passes/exit-slips';
import { passStatus } from '../../../server/passes/pass-status';
import { residentPass } from '../../../server/passes/resident-pass';
import { createFunction } from '../../../server/platform/router';
import { bindSpecialMember, specialPass } from '../../../server/special-passes/special-pass';

/**
 * 住户通行证 (R7, P1, X3): server/passes/resident-pass.ts issues it, pass-status.ts says what became of it.
 * 出门条 (P9): a resident's exit slips, server/passes/exit-slips.ts (the administrators decide them in `admin`).
 * 专用通行证 (P6): server/special-passes/special-pass.ts binds a member and issues their pass.
 */
export const main = createFunction<PassActions & PassExitSlipActions>('pass', {
  residentPass: {
    input: object({ siteId: optional(documentId('场区')) }),
    run: residentPass,
  },
  passStatus: {
    // a pass id is the code's jti: 32 hex digits
    input: object({
      passId: string({ label: '通行证编号', max: 32, pattern: /^[0-9a-f]{32}$/, patternMessage: '通行证编号无效' }),
    }),
    run: (context, { passId }) => passStatus(context.caller.openid, passId, context.now),
  },
  exitSlipForm: {
    input: object({ siteId: optional(documentId('场区')) }),
    run: (context, { siteId }) => exitSlipForm(context, siteId),
  },
  applyExitSlip: {
    mutating: true,
    // the shape here; the site's own form (required, hidden fields) and the date in exit-slips.ts
    input: exitSlipApplicationInput,
    run: applyExitSlip,
  },
  myExitSlips: {
    input: object({ page: optional(integer({ label: '页码', min: 1, max: 500 }), 1) }),
    run: (context, { page }) => myExitSlips(context, page ?? 1),
  },
  exitSlip: {
    input: object({ slipId: documentId('出门条') }),
    run: (context, { slipId }) => exitSlipDetail(context, slipId),
  },
  bindSpecialMember: {
    mutating: true,
    input: object({ code: string({ label: '邀请码', max: 20 }) }),
    run: bindSpecialMember,
  },
  specialPass: {
    input: object({ siteId: optional(documentId('场区')) }),
    run: specialPass,
  },
});
