import { STAFF_ROLES, type AdminStaffActions } from '../../../miniprogram/core/api/admin-staff';
import { phone } from '../../../miniprogram/core/account-rules';
import { documentId, object, oneOf, string } from '../../../miniprogram/core/validate';
import { administeredSite } from '../../../server/people/access';
import { InvitationRepository, invitationView } from '../../../server/people/invitations';
import { bootstrapAdmin, giveRole, staffOf, staffView, takeRole } from '../../../server/people/staff';
import { UserRepository } from '../../../server/people/users';
import { AppError } from '../../../server/platform/errors';
import type { ActionsOf } from '../../../server/platform/router';

const siteId = documentId('场区');
const role = oneOf(STAFF_ROLES, '角色');

/**
 * 工作人员 (X2): a site's administrators and guards, granted by phone or by invitation code, taken back with the
 * last administrator kept (server/people/staff.ts). Every action needs the administrator role at the site, except
 * `bootstrap`, which makes the first one (its secret stands in for the role).
 */
export const staffActions: ActionsOf<AdminStaffActions> = {
  staff: {
    input: object({ siteId }),
    async run(context, input) {
      await administeredSite(context, input.siteId);
      const me = await context.user();
      const [members, invitations] = await Promise.all([
        staffOf(input.siteId, me._id),
        new InvitationRepository().open(input.siteId, context.now, STAFF_ROLES),
      ]);
      return { members, invitations: invitations.map(invitationView) };
    },
  },

  grantRole: {
    mutating: true,
    input: object({ siteId, phone, role }),
    async run(context, input) {
      await administeredSite(context, input.siteId);
      // the phone is looked up as login looks it up: an account exists exactly when a user has it
      const person = await new UserRepository().byLogin('phone', input.phone);
      if (!person) throw new AppError('NOT_FOUND', '该手机号还没有注册账号，请对方先在小程序注册，或改用邀请码');
      const membership = await giveRole(input.siteId, person, input.role, context.now);
      return { member: staffView(membership, person, (await context.user())._id) };
    },
  },

  revokeRole: {
    mutating: true,
    input: object({ siteId, membershipId: documentId('工作人员') }),
    async run(context, input) {
      await administeredSite(context, input.siteId);
      await takeRole(input.siteId, input.membershipId, context.now, (await context.user())._id);
      return { revoked: true as const };
    },
  },

  createInvitation: {
    mutating: true,
    input: object({ siteId, role }),
    async run(context, input) {
      await administeredSite(context, input.siteId);
      const me = await context.user();
      const { invitation, code } = await new InvitationRepository().create(
        input.siteId,
        input.role,
        me._id,
        context.now,
      );
      return { invitation: invitationView(invitation), code };
    },
  },

  revokeInvitation: {
    mutating: true,
    input: object({ siteId, invitationId: documentId('邀请') }),
    async run(context, input) {
      await administeredSite(context, input.siteId);
      await new InvitationRepository().revoke(input.siteId, input.invitationId, context.now);
      return { revoked: true as const };
    },
  },

  bootstrap: {
    mutating: true,
    input: object({ siteId, secret: string({ label: '初始化口令', max: 200 }) }),
    async run(context, input) {
      const me = await context.user();
      const membership = await bootstrapAdmin(input.siteId, me, input.secret, context.now);
      return { member: staffView(membership, me, me._id) };
    },
  },
};
