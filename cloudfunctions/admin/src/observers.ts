import type { AdminObserversActions } from '../../../miniprogram/core/api/admin-observers';
import { phone } from '../../../miniprogram/core/account-rules';
import { nextShanghaiMidnight, shanghaiDate } from '../../../miniprogram/core/time';
import { documentId, integer, object, optional, string } from '../../../miniprogram/core/validate';
import { administeredSite } from '../../../server/people/access';
import { InvitationRepository } from '../../../server/people/invitations';
import { invitedView, observersOf, recordsReader, revokeObserver } from '../../../server/people/observers';
import { AuditLog, auditEntryView, exportRecords } from '../../../server/passes/records-reading';
import { AppError } from '../../../server/platform/errors';
import type { ActionsOf } from '../../../server/platform/router';
import { recordsFilter } from './records-filter';

const siteId = documentId('场区');

/**
 * 观察员 (P11): administrators invite observers (phone, name, organisation, optional last day) and revoke them, and
 * read the audit log of the observers' reads and of the exports; 导出 (X6) is for administrators and observers.
 */
export const observersActions: ActionsOf<AdminObserversActions> = {
  observers: {
    input: object({ siteId }),
    async run(context, input) {
      await administeredSite(context, input.siteId);
      return { observers: await observersOf(input.siteId, context.now) };
    },
  },

  addObserver: {
    mutating: true,
    input: object({
      siteId,
      phone,
      name: string({ label: '姓名', min: 1, max: 20 }),
      organisation: string({ label: '身份/单位', min: 1, max: 30 }),
      expiresOn: optional(
        string({ label: '截止日期', max: 10, pattern: /^\d{4}-\d{2}-\d{2}$/, patternMessage: '截止日期格式不正确' }),
      ),
    }),
    async run(context, input) {
      await administeredSite(context, input.siteId);
      let expiresAt: Date | undefined;
      if (input.expiresOn) {
        const day = new Date(`${input.expiresOn}T00:00:00+08:00`);
        if (Number.isNaN(day.getTime())) throw new AppError('INVALID_ARGUMENT', '截止日期格式不正确');
        if (input.expiresOn < shanghaiDate(context.now)) throw new AppError('INVALID_ARGUMENT', '截止日期不能早于今天');
        // the right holds through the whole day picked
        expiresAt = nextShanghaiMidnight(day);
      }
      const me = await context.user();
      const { invitation, code } = await new InvitationRepository().create(
        input.siteId,
        'observer',
        me._id,
        context.now,
        {
          name: input.name,
          phone: input.phone,
          organisation: input.organisation,
          ...(expiresAt ? { expiresAt } : {}),
        },
      );
      return { observer: invitedView(invitation), code };
    },
  },

  revokeObserver: {
    mutating: true,
    input: object({ siteId, id: documentId('观察员') }),
    async run(context, input) {
      await administeredSite(context, input.siteId);
      await revokeObserver(input.siteId, input.id, (await context.user())._id, context.now);
      return { revoked: true as const };
    },
  },

  auditLog: {
    input: object({ siteId, page: optional(integer({ label: '页码', min: 1, max: 1000 }), 1) }),
    async run(context, input) {
      await administeredSite(context, input.siteId);
      const page = input.page ?? 1;
      const { entries, hasMore } = await new AuditLog().page(input.siteId, page);
      return { entries: entries.map(auditEntryView), page, hasMore };
    },
  },

  exportRecords: {
    mutating: true,
    input: object({ siteId, ...recordsFilter }),
    async run(context, { siteId: site, ...filter }) {
      const reader = await recordsReader(context, site);
      return exportRecords(reader, filter, context.now);
    },
  },
};
