import type { PassActions } from '../../../miniprogram/core/api/pass';
import { documentId, object, optional, string } from '../../../miniprogram/core/validate';
import { passStatus } from '../../../server/passes/pass-status';
import { residentPass } from '../../../server/passes/resident-pass';
import { createFunction } from '../../../server/platform/router';
import { bindSpecialMember, specialPass } from '../../../server/special-passes/special-pass';

/**
 * 住户通行证 (R7, P1, X3): server/passes/resident-pass.ts issues it, pass-status.ts says what became of it.
 * 专用通行证 (P6): server/special-passes/special-pass.ts binds a member and issues their pass.
 */
export const main = createFunction<PassActions>('pass', {
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
