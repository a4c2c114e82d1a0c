import { chooseCloudEnvironment, type CloudEnvironments } from '../../miniprogram/core/cloud-environment';
import { CLOUD_ENVIRONMENTS } from '../../miniprogram/config/environments';

// Which cloud environment each build reaches: its own, or none at all — never the production one by default.

const filledIn: CloudEnvironments = {
  byEnvVersion: { develop: 'tongxing-test-1a2b', trial: 'tongxing-test-1a2b', release: 'tongxing-prod-9z8y' },
  local: { appId: 'touristappid', env: 'tongxing-local' },
};
const property = (envVersion: string) => ({ appId: 'wx0123456789abcdef', envVersion });
const tourist = (envVersion: string) => ({ appId: 'touristappid', envVersion });

test.each([
  ['develop', 'tongxing-test-1a2b'],
  ['trial', 'tongxing-test-1a2b'],
  ['release', 'tongxing-prod-9z8y'],
])('a %s build reaches its own environment', (envVersion, env) => {
  expect(chooseCloudEnvironment(property(envVersion), filledIn)).toEqual({ ok: true, env });
});

test('an envVersion WeChat does not document reaches no environment, production included', () => {
  for (const envVersion of ['', 'formal', 'Release', 'developer']) {
    const choice = chooseCloudEnvironment(property(envVersion), filledIn);
    expect(choice).toEqual({ ok: false, problem: expect.stringContaining('未知的小程序版本') });
  }
});

test('an id still holding its placeholder refuses that build only', () => {
  const halfDone: CloudEnvironments = {
    ...filledIn,
    byEnvVersion: { ...filledIn.byEnvVersion, release: 'FILL-IN-release-environment-id' },
  };
  expect(chooseCloudEnvironment(property('trial'), halfDone)).toEqual({ ok: true, env: 'tongxing-test-1a2b' });
  const release = chooseCloudEnvironment(property('release'), halfDone);
  expect(release).toEqual({ ok: false, problem: expect.stringContaining('miniprogram/config/environments.ts') });
  const blank = { ...filledIn, byEnvVersion: { ...filledIn.byEnvVersion, trial: ' ' } };
  expect(chooseCloudEnvironment(property('trial'), blank).ok).toBe(false);
});

test('the tourist AppID reaches localcloud as a develop build and nothing as any other', () => {
  expect(chooseCloudEnvironment(tourist('develop'), filledIn)).toEqual({ ok: true, env: 'tongxing-local' });
  expect(chooseCloudEnvironment(tourist('trial'), filledIn).ok).toBe(false);
  expect(chooseCloudEnvironment(tourist('release'), filledIn).ok).toBe(false);
});

test("the checked-in configuration sends the tourist AppID's develop build to localcloud's environment", () => {
  const choice = chooseCloudEnvironment({ appId: 'touristappid', envVersion: 'develop' }, CLOUD_ENVIRONMENTS);
  expect(choice).toEqual({ ok: true, env: 'tongxing-local' });
});
