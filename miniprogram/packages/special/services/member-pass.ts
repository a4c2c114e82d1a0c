/**
 * The `pass` function's 专用通行证 (P6) actions, for the member's page: bind with the invitation code, then the pass
 * (the pass itself is asked in services/pass.ts, which home uses too).
 */
import type { PassActions } from '../../../core/api/pass';
import type { Envelope } from '../../../core/envelope';
import { cloudFunction } from '../../../services/cloud';

type Response<A extends keyof PassActions> = Promise<Envelope<PassActions[A]['response']>>;

const pass = cloudFunction<PassActions>('pass');

export function bindSpecialMember(code: string): Response<'bindSpecialMember'> {
  return pass.mutate('bindSpecialMember', { code });
}

export { specialPass } from '../../../services/pass';
