import path from 'node:path';
import { bundleAllFunctions } from '../../scripts/bundle-function';

/** Jest global setup: the tests run the functions' bundles, so build them from the current sources first. */
export default async function buildFunctions(): Promise<void> {
  await bundleAllFunctions(path.resolve(__dirname, '..', '..', 'cloudfunctions'));
}
