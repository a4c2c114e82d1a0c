/**
 * The back office's screens as 物业管理 lists them: 通行证设置 in the order of the 微小区 manual's tabs, then the
 * people the rules apply to, then the passes in force, then the access records and how long they are kept. One
 * list, so the home page and its tests agree.
 */
import { ROUTES } from '../../../utils/routes';

export interface BackOfficeEntry {
  key: string;
  title: string;
  description: string;
  icon: string;
  url: string;
}

export interface BackOfficeGroup {
  title: string;
  entries: BackOfficeEntry[];
}

/**
 * 专用通行证设置's pages (P6): named here rather than in utils/routes.ts, which the main package carries, since only
 * the back office opens them.
 */
export const SPECIAL_ORGANISATIONS_URL = '/packages/admin/pages/special-orgs/index';
export const SPECIAL_MEMBERS_URL = '/packages/admin/pages/special-members/index';

export const BACK_OFFICE: BackOfficeGroup[] = [
  {
    title: '通行证设置',
    entries: [
      {
        key: 'resident-pass',
        title: '住户通行证设置',
        description: '出门次数、可出门时间段、放行方式与门禁设备',
        icon: 'secured',
        url: ROUTES.adminResidentPass,
      },
      {
        key: 'visitor-pass',
        title: '访客通行证设置',
        description: '邀请或登记审核、表单项、人脸、最长来访时间',
        icon: 'user-talk',
        url: ROUTES.adminVisitorPass,
      },
      {
        key: 'special-pass',
        title: '专用通行证设置',
        description: '机构与成员、有效期、邀请码绑定',
        icon: 'usergroup',
        url: SPECIAL_ORGANISATIONS_URL,
      },
      {
        key: 'exit-slip',
        title: '出门条设置',
        description: '欠费住户能否申请、表单项',
        icon: 'ticket',
        url: ROUTES.adminExitSlip,
      },
      {
        key: 'restrictions',
        title: '限制出入设置',
        description: '禁止房屋出入或单独设置出门次数',
        icon: 'lock-on',
        url: ROUTES.adminRestrictions,
      },
    ],
  },
  {
    title: '房屋与人员',
    entries: [
      {
        key: 'houses',
        title: '房屋与住户',
        description: '楼栋单元房屋、导入、欠费标记、住户',
        icon: 'houses',
        url: ROUTES.adminHouses,
      },
      {
        key: 'applications',
        title: '入住申请',
        description: '审核住户的申请入住',
        icon: 'user-add',
        url: ROUTES.adminApplications,
      },
      {
        key: 'exit-slips',
        title: '出门条审批',
        description: '审核住户的搬家出门申请',
        icon: 'file',
        // the page's path here, not in utils/routes.ts: that file is in the main package, at its size budget
        url: '/packages/admin/pages/exit-slips/index',
      },
      {
        key: 'staff',
        title: '人员权限',
        description: '物业管理员与门岗',
        icon: 'user-setting',
        url: ROUTES.adminStaff,
      },
      {
        key: 'observers',
        title: '观察员',
        description: '街道办、派出所等只读查看出入记录',
        icon: 'browse',
        url: ROUTES.adminObservers,
      },
    ],
  },
  {
    title: '通行证',
    entries: [
      {
        key: 'passes',
        title: '有效通行证',
        description: '查看并作废在用的通行证',
        icon: 'qrcode',
        url: ROUTES.adminPasses,
      },
    ],
  },
  {
    title: '出入记录',
    entries: [
      {
        key: 'records',
        title: '出入记录',
        description: '按日期、门岗、类型和结果查看，可导出',
        icon: 'view-list',
        url: ROUTES.adminRecords,
      },
      {
        key: 'retention',
        title: '数据保存期限',
        description: '出入记录和访客资料保存多少天',
        icon: 'time',
        url: ROUTES.adminRetention,
      },
      {
        key: 'audit-log',
        title: '审计日志',
        description: '观察员的查阅与记录导出',
        icon: 'file-search',
        url: ROUTES.adminAuditLog,
      },
    ],
  },
];
