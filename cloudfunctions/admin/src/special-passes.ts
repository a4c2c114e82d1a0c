import { validityDate, type AdminSpecialActions } from '../../../miniprogram/core/api/admin-special';
import { phone } from '../../../miniprogram/core/account-rules';
import { array, documentId, integer, object, oneOf, optional, string } from '../../../miniprogram/core/validate';
import {
  createMember,
  createOrganisation,
  listMembers,
  listOrganisations,
  renewInvitation,
  setMemberStatus,
  updateMember,
  updateOrganisation,
} from '../../../server/special-passes/back-office';
import { MAX_LINKED_SITES } from '../../../server/special-passes/organisations';
import type { ActionsOf } from '../../../server/platform/router';

const siteId = documentId('场区');
const organisationId = documentId('机构');
const memberId = documentId('成员');
const name = string({ label: '机构名称', max: 40 });
const siteIds = array(documentId('关联小区'), { label: '关联小区', max: MAX_LINKED_SITES });
const photo = (label: string) => optional(string({ label, max: 200 }));
const memberFields = {
  organisationId,
  name: string({ label: '姓名', max: 20 }),
  validFrom: validityDate('有效期开始日期'),
  validTo: validityDate('有效期结束日期'),
  idNumber: optional(string({ label: '身份证号', max: 18 })),
  idPhotoFileId: photo('身份证照片'),
  facePhotoFileId: photo('人脸照片'),
};
const member = object({ ...memberFields, phone });
/** an edit sees the phone masked: left out, the one on file stays */
const memberEdit = object({ ...memberFields, phone: optional(phone) });

/**
 * 专用通行证设置 (P6): organisations (机构管理) and their members (添加成员), server/special-passes/back-office.ts.
 * Every action needs the administrator role at `siteId`; an organisation is seen through a site it serves.
 */
export const specialPassesActions: ActionsOf<AdminSpecialActions> = {
  specialOrganisations: {
    input: object({ siteId }),
    run: (context, input) => listOrganisations(context, input.siteId),
  },
  createSpecialOrganisation: {
    mutating: true,
    input: object({ siteId, name, siteIds }),
    run: createOrganisation,
  },
  updateSpecialOrganisation: {
    mutating: true,
    input: object({ siteId, organisationId, name, siteIds }),
    run: updateOrganisation,
  },
  specialMembers: {
    input: object({
      siteId,
      organisationId: optional(organisationId),
      page: optional(integer({ label: '页码', min: 1, max: 500 }), 1),
    }),
    run: (context, input) => listMembers(context, { ...input, page: input.page ?? 1 }),
  },
  createSpecialMember: {
    mutating: true,
    input: object({ siteId, member }),
    run: createMember,
  },
  updateSpecialMember: {
    mutating: true,
    input: object({ siteId, memberId, member: memberEdit }),
    run: updateMember,
  },
  setSpecialMemberStatus: {
    mutating: true,
    input: object({ siteId, memberId, status: oneOf(['active', 'disabled'] as const, '状态') }),
    run: setMemberStatus,
  },
  renewSpecialInvitation: {
    mutating: true,
    input: object({ siteId, memberId }),
    run: renewInvitation,
  },
};
