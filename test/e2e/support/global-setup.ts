import { existsSync } from 'node:fs';
import path from 'node:path';
import { miniprogramRoot, prepareMiniprogramNpm } from '../../../scripts/prepare-miniprogram-npm';
import buildFunctions from '../../support/build-functions';

/**
 * Jest global setup of the end-to-end tests: the functions' bundles from the current sources, and TDesign where
 * DevTools' 构建 npm puts it when it is not there yet (`npm test` and `npm start` prepare it in `npm run build`).
 */
export default async function setupEndToEndTests(): Promise<void> {
  if (!existsSync(path.join(miniprogramRoot, 'miniprogram_npm'))) prepareMiniprogramNpm();
  await buildFunctions();
}
