/**
 * Error codes of the envelope (`{ ok: false, code, message }`), shared by the cloud functions and
 * the pages. `message` is plain Chinese for the person holding the phone; these are the defaults
 * when an action has nothing more specific to say.
 */
export const ERROR_MESSAGES = {
  INVALID_ARGUMENT: '填写的内容有误，请检查后再试',
  UNAUTHENTICATED: '请先登录',
  FORBIDDEN: '您没有权限进行此操作',
  NOT_FOUND: '找不到相关内容',
  CONFLICT: '操作冲突，请刷新后再试',
  RATE_LIMITED: '操作太频繁，请稍后再试',
  INTERNAL: '系统繁忙，请稍后再试',
  CREDENTIALS_INVALID: '账号或密码错误',
  PASS_EXPIRED: '通行证已过期，请刷新后重新出示',
  PASS_USED: '通行证已使用',
  PASS_INVALID: '无效的通行码',
  OUTSIDE_HOURS: '当前不在可通行时间段内',
  QUOTA_EXHAUSTED: '本周期出门次数已用完',
  HOUSE_RESTRICTED: '您所在的房屋已被限制出入，请联系物业',
  TEMPERATURE_REQUIRED: '请先录入体温',
  ID_REGISTRATION_REQUIRED: '请先进行身份证登记',
  TEMPERATURE_ABNORMAL: '体温异常，请按小区规定处理',
  PASS_REVOKED: '该通行证已被物业收回，请联系物业',
  LAST_ADMIN: '该场区至少要保留一位物业管理员',
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_MESSAGES, value);
}
