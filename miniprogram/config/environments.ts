/**
 * The cloud environment each build of the mini-program uses. The property replaces the FILL-IN- values with its
 * own environment ids (docs/deploy.md §1): develop and trial share the test environment, release alone reaches
 * production. Until then every build except the tourist AppID's refuses to call the cloud.
 */
import type { CloudEnvironments } from '../core/cloud-environment';

export const CLOUD_ENVIRONMENTS: CloudEnvironments = {
  byEnvVersion: {
    develop: 'FILL-IN-test-environment-id',
    trial: 'FILL-IN-test-environment-id',
    release: 'FILL-IN-release-environment-id',
  },
  // localcloud's default environment id (localcloud/index.ts), which `npm start` and the tests run
  local: { appId: 'touristappid', env: 'tongxing-local' },
};
