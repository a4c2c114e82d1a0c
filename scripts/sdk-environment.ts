/**
 * The environment wx-server-sdk reads inside a cloud function instance, pointed at a localcloud
 * at `url`: what the benchmarks give a process (or themselves) to use the real SDK without
 * localcloud's function runner.
 */
export function sdkEnvironment(url: string, envId = 'tongxing-local'): Record<string, string> {
  return {
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${url}/tcb` }),
    TENCENTCLOUD: 'true',
    TENCENTCLOUD_RUNENV: 'SCF',
    TENCENTCLOUD_REGION: 'ap-shanghai',
    TENCENTCLOUD_SECRETID: 'bench',
    TENCENTCLOUD_SECRETKEY: 'bench',
    SCF_NAMESPACE: envId,
    TCB_ENV: envId,
    SILENCE: 'true',
  };
}
