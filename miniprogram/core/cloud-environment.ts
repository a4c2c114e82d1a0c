/**
 * Which cloud environment (云开发环境) a build of the mini-program talks to. Each build kind WeChat runs
 * (`envVersion`: 开发版 develop, 体验版 trial, 正式版 release) has its own environment id, so a trial build
 * never reads or writes production data.
 *
 * There is no fallback on purpose: `wx.cloud.init` without a usable `env` could land in the AppID's default
 * environment, which may be production. An unknown build kind or an id still holding its placeholder is a
 * problem the app shows and refuses to go past (services/cloud.ts).
 */

/** The build kinds `wx.getAccountInfoSync().miniProgram.envVersion` reports. */
export const ENV_VERSIONS = ['develop', 'trial', 'release'] as const;
export type EnvVersion = (typeof ENV_VERSIONS)[number];

export interface CloudEnvironments {
  /** environment id per build kind, as the cloud console shows it (e.g. `tongxing-test-1g2h3j4k5l6m7n8o`) */
  readonly byEnvVersion: Readonly<Record<EnvVersion, string>>;
  /**
   * The environment of localcloud, for the tourist AppID (project.config.json's placeholder `touristappid`): that
   * AppID cannot reach a real cloud at all, so the browser preview and the page tests, which run as it, reach
   * localcloud and nothing else.
   */
  readonly local: { readonly appId: string; readonly env: string };
}

/** What a checked-in id starts with until the property writes its own (docs/deploy.md §1). */
export const PLACEHOLDER_PREFIX = 'FILL-IN-';

export type CloudEnvironmentChoice = { ok: true; env: string } | { ok: false; problem: string };

/** What this build is, as `wx.getAccountInfoSync().miniProgram` says. */
export interface BuildAccount {
  appId: string;
  envVersion: string;
}

export function chooseCloudEnvironment(build: BuildAccount, environments: CloudEnvironments): CloudEnvironmentChoice {
  if (build.appId === environments.local.appId) {
    // the tourist AppID has no trial or release builds: anything else is not a build we know
    return build.envVersion === 'develop'
      ? { ok: true, env: environments.local.env }
      : { ok: false, problem: `AppID ${build.appId} 只能用于本地开发，不能作为 ${build.envVersion} 版本运行` };
  }
  if (!isEnvVersion(build.envVersion)) {
    return { ok: false, problem: `未知的小程序版本 envVersion=${JSON.stringify(build.envVersion)}，不连接任何云环境` };
  }
  const env = environments.byEnvVersion[build.envVersion];
  if (env.trim() === '' || env.startsWith(PLACEHOLDER_PREFIX)) {
    return {
      ok: false,
      problem: `${build.envVersion} 版本的云环境 id 尚未填写（miniprogram/config/environments.ts，见 docs/deploy.md）`,
    };
  }
  return { ok: true, env };
}

function isEnvVersion(value: string): value is EnvVersion {
  return (ENV_VERSIONS as readonly string[]).includes(value);
}
