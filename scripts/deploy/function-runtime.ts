/**
 * The one runtime every cloud function is deployed with. Pinned because the platform fixes a function's runtime
 * when it is created, and the CloudBase CLI picks its own default for a function it is not told about (Nodejs10.15
 * with a cloud-side install in older versions). Node 18 is the oldest with the `fetch` and `AbortSignal.timeout`
 * our server code uses. cloudbaserc.json is generated from this, its test checks it, and the bundler's target
 * should follow it.
 */
export const FUNCTION_RUNTIME = 'Nodejs18.15';
