/** What a person is at a site. One person may hold several roles, at several sites. */
export const ROLES = ['resident', 'guard', 'admin', 'observer'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  resident: '住户',
  guard: '门岗',
  admin: '物业管理员',
  // 观察员: reads the site's access records, nothing else
  observer: '观察员',
};
