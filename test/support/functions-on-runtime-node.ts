import { RUNTIME_NODE } from './function-node';

/**
 * Jest setup file of the functions-node18 project: every localcloud that startAppCloud starts in this test file
 * runs the functions on the pinned runtime's Node (the global setup has checked it).
 */
process.env.LOCALCLOUD_FUNCTION_NODE = RUNTIME_NODE;
