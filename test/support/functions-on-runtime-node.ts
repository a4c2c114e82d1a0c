import { RUNTIME_NODE } from './function-node';

/**
 * Jest setup file of the functions project where the platform's Node installs (jest.config.js): every localcloud
 * that startAppCloud starts in this test file runs the functions on the pinned runtime's Node (the global setup
 * has checked it).
 */
process.env.LOCALCLOUD_FUNCTION_NODE = RUNTIME_NODE;
