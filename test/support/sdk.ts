import type { Localcloud } from '../../localcloud';

export type WxServerSdk = typeof import('wx-server-sdk');

/**
 * The real wx-server-sdk in this (test) process, pointed at `lc` the way localcloud's function
 * runner points it: the environment SCF would inject. `getWXContext()` then reads `openid`.
 */
export function sdkFor(lc: Pick<Localcloud, 'url' | 'envId'>, identity: { openid?: string } = {}): WxServerSdk {
  Object.assign(process.env, {
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${lc.url}/tcb` }),
    TENCENTCLOUD: 'true',
    TENCENTCLOUD_SECRETID: 'localcloud',
    TENCENTCLOUD_SECRETKEY: 'localcloud',
    SCF_NAMESPACE: lc.envId,
    TCB_ENV: lc.envId,
    WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID,WX_CLIENTIP',
    WX_OPENID: identity.openid ?? 'test-openid',
    WX_APPID: 'wx-test-app',
    SILENCE: 'true',
    // what SCF injects: the SDK then opens one connection per call, as it does on the platform
    TENCENTCLOUD_RUNENV: 'SCF',
    TENCENTCLOUD_REGION: 'ap-shanghai',
  });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cloud = require('wx-server-sdk') as WxServerSdk;
  cloud.init({ env: lc.envId });
  return cloud;
}
