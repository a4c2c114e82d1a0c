import type { SiteResidenceActions } from '../../../miniprogram/core/api/residence';
import { SITE_KEYWORD_MAX, SITE_PAGE_SIZE, type SiteActions } from '../../../miniprogram/core/api/site';
import { documentId, integer, object, optional, string } from '../../../miniprogram/core/validate';
import { AppError } from '../../../server/platform/errors';
import { createFunction } from '../../../server/platform/router';
import { SiteRepository, siteSummary } from '../../../server/sites/site';
import { mySites, rolesAt, siteDoors } from '../../../server/sites/my-sites';
import { requireRole } from '../../../server/people/access';
import { InvitationRepository } from '../../../server/people/invitations';
import { UserRepository } from '../../../server/people/users';
import { residenceActions } from './residence';

/**
 * 场区 (R6): list and search the sites, choose the current one — the choice is stored on the user, so it
 * follows the person to any device — and say what the caller is where: their roles at the current site (which
 * entries 我的 shows), their own sites (我的小区, above the list), and a site's gates for its guards; and 申请入住
 * (residence.ts), how a person who is not yet a resident asks to become one.
 */
export const main = createFunction<SiteActions & SiteResidenceActions>('site', {
  ...residenceActions,
  list: {
    input: object({
      keyword: optional(string({ label: '搜索内容', min: 0, max: SITE_KEYWORD_MAX })),
      page: optional(integer({ label: '页码', min: 1, max: 1000 }), 1),
      pageSize: optional(integer({ label: '每页数量', min: 1, max: SITE_PAGE_SIZE.max }), SITE_PAGE_SIZE.default),
    }),
    async run(_context, { keyword, page = 1, pageSize = SITE_PAGE_SIZE.default }) {
      const { items, total } = await new SiteRepository().search(keyword || undefined, page, pageSize);
      return { items: items.map(siteSummary), total, page, pageSize, hasMore: page * pageSize < total };
    },
  },

  select: {
    mutating: true,
    input: object({ siteId: documentId('场区') }),
    async run(context, { siteId }) {
      const site = await new SiteRepository().get(siteId);
      if (!site) throw new AppError('NOT_FOUND', '该场区不存在');
      const user = await context.user();
      await new UserRepository().update(user._id, { currentSiteId: site._id, updatedAt: context.now });
      return { site: siteSummary(site) };
    },
  },

  current: {
    input: object({}),
    async run(context) {
      const user = await context.user();
      const site = user.currentSiteId ? await new SiteRepository().get(user.currentSiteId) : null;
      if (!site) return { site: null, roles: [] };
      return { site: siteSummary(site), roles: await rolesAt(user._id, site._id, context.now) };
    },
  },

  mine: {
    input: object({}),
    async run(context) {
      return { items: await mySites((await context.user())._id, context.now) };
    },
  },

  doors: {
    input: object({ siteId: documentId('场区') }),
    async run(context, { siteId }) {
      // the gates are where a guard stands; whoever else asks has no use for them
      await requireRole(context, siteId, ['guard', 'admin']);
      return { items: await siteDoors(siteId) };
    },
  },

  acceptInvitation: {
    mutating: true,
    input: object({ code: string({ label: '邀请码', max: 20 }) }),
    async run(context, { code }) {
      const user = await context.user();
      // staff lists show a name and a phone: a WeChat user without an account has neither
      if (!user.phone) throw new AppError('UNAUTHENTICATED', '请先注册或登录账号，再使用邀请码');
      const { invitation } = await new InvitationRepository().accept(code, user, context.now);
      const site = await new SiteRepository().get(invitation.siteId);
      if (!site) throw new AppError('NOT_FOUND', '该场区不存在');
      await new UserRepository().update(user._id, { currentSiteId: site._id, updatedAt: context.now });
      return { site: siteSummary(site), role: invitation.role };
    },
  },
});
