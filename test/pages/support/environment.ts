import JSDOMEnvironment from 'jest-environment-jsdom';

type EnvironmentArgs = ConstructorParameters<typeof JSDOMEnvironment>;

/**
 * jsdom for miniprogram-simulate, plus the Node globals jsdom lacks, so a page test can also run localcloud
 * in-process (it needs setImmediate, fetch, structuredClone, …). Buffer and the binary types come from Node's
 * realm: esbuild (the function runner) checks `Buffer.from('') instanceof Uint8Array`, which fails across two
 * realms.
 */
export default class PageEnvironment extends JSDOMEnvironment {
  constructor(config: EnvironmentArgs[0], context: EnvironmentArgs[1]) {
    super(config, context);
    const page = this.global as unknown as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(globalThis)) {
      if (name in page) continue;
      const descriptor = Object.getOwnPropertyDescriptor(globalThis, name);
      if (descriptor) Object.defineProperty(page, name, descriptor);
    }
    // Node's timers too: localcloud unref()s its intervals, which jsdom's numeric timer ids cannot do
    Object.assign(page, { Buffer, ArrayBuffer, Uint8Array, setTimeout, clearTimeout, setInterval, clearInterval });
  }
}
