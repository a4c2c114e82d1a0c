import path from 'node:path';
import { bundleAllFunctions } from '../../scripts/bundle-function';

let built: Promise<unknown> | undefined;

/**
 * Jest global setup: the tests run the functions' bundles, so build them from the current sources first. Once
 * per jest run: the projects that share this setup (functions on two Nodes, scripts) share one build.
 */
export default async function buildFunctions(): Promise<void> {
  built ??= bundleAllFunctions(path.resolve(__dirname, '..', '..', 'cloudfunctions'));
  await built;
}
