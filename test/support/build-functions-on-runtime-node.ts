import buildFunctions from './build-functions';
import { checkRuntimeNode } from './function-node';

/**
 * Jest global setup of the functions project where the platform's Node installs: that Node must be there, then
 * the bundles are built.
 */
export default async function buildFunctionsOnRuntimeNode(): Promise<void> {
  checkRuntimeNode();
  await buildFunctions();
}
