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

/**
 * The staff entries 我的 offers, from the caller's roles at the current site: 门岗扫码 to its guards, 物业管理
 * (the back office) to its administrators, 出入记录 to its observers. The `admin` function refuses everyone else whatever the page shows.
 */
export interface StaffEntries {
  guardScan: boolean;
  backOffice: boolean;
  /** 出入记录 (read-only) for an observer who is not also an administrator (P11) */
  records: boolean;
}

export function staffEntries(roles: readonly Role[]): StaffEntries {
  const backOffice = roles.includes('admin');
  return { guardScan: roles.includes('guard'), backOffice, records: !backOffice && roles.includes('observer') };
}

/** Who may use the guard's scan page at a site: the gate function releases passes for guards only. */
export function canScanPasses(roles: readonly Role[]): boolean {
  return roles.includes('guard');
}
