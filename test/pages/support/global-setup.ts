import { prepareMiniprogramNpm } from '../../../scripts/prepare-miniprogram-npm';
import buildFunctions from '../../support/build-functions';

/** Jest global setup of the page tests: TDesign where DevTools' 构建 npm puts it, and the functions' bundles. */
export default async function setupPageTests(): Promise<void> {
  prepareMiniprogramNpm();
  await buildFunctions();
}
