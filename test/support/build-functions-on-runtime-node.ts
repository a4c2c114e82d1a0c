import buildFunctions from './build-functions';
import { checkRuntimeNode } from './function-node';

/** Jest global setup of the functions-node18 project: the pinned runtime's Node must be there, then the bundles. */
export default async function buildFunctionsOnRuntimeNode(): Promise<void> {
  checkRuntimeNode();
  await buildFunctions();
}
