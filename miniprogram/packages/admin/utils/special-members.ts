/** How 成员 (专用通行证, P6) shows a member: one line of who and one of the state that matters at the gate. */
import type { SpecialMemberView } from '../../../core/api/admin-special';

export interface MemberRow extends SpecialMemberView {
  title: string;
  detail: string;
  /** what stops the pass, or that the member has not bound yet; '' when all is well */
  state: string;
}

export function memberRowOf(member: SpecialMemberView): MemberRow {
  const state = member.status === 'disabled' ? '已停用' : member.expired ? '已过期' : member.bound ? '' : '未绑定';
  return {
    ...member,
    title: `${member.name} · ${member.organisation.name}${state ? `（${state}）` : ''}`,
    detail: `${member.phone} · 有效期 ${member.validFrom} 至 ${member.validTo}`,
    state,
  };
}
