import type { PassActions } from '../../../miniprogram/core/api/pass';
import { documentId, object, optional } from '../../../miniprogram/core/validate';
import { residentPass } from '../../../server/passes/resident-pass';
import { createFunction } from '../../../server/platform/router';

/** 住户通行证 (R7, P1, X3): server/passes/resident-pass.ts issues it. */
export const main = createFunction<PassActions>('pass', {
  residentPass: {
    input: object({ siteId: optional(documentId('场区')) }),
    run: residentPass,
  },
});
