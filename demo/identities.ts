/**
 * The simulated WeChat identities of the demo data (`npm start` loads it into an empty data folder).
 * Send one as `X-WX-OPENID` to the dev gateway to act as that person; the README lists them. Each but the
 * newcomer is linked to the person's account (demo/data.ts), so their 我的 opens logged in.
 */
export const DEMO_OPENIDS = {
  /** 张伟, resident of 海信慧园 3栋2单元301 */
  resident: 'demo-resident-zhangwei',
  /** 李娜, resident of 海信慧园 5栋1单元101 and of 鸿锦阁 */
  resident2: 'demo-resident-lina',
  /** 王强, guard at 海信慧园 */
  guard: 'demo-guard-wangqiang',
  /** 陈静, property administrator of 海信慧园 */
  admin: 'demo-admin-chenjing',
  /** 刘洋, observer of 海信慧园 (reads access records) */
  observer: 'demo-observer-liuyang',
  /** a WeChat user who has never used the app */
  newcomer: 'demo-newcomer',
} as const;

export type DemoRole = keyof typeof DEMO_OPENIDS;
