import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { build, type Message, type Plugin } from 'esbuild';
import { NODE_TARGET } from './runtime';

/**
 * One cloud function's bundle. Everything is inlined, wx-server-sdk included: the folder then deploys as it
 * is (no cloud-side `npm install` re-resolving the SDK's floating `@cloudbase/*` dependencies) and a cold
 * start skips module resolution (measured ~116 ms against ~196 ms for a plain `require('wx-server-sdk')`).
 *
 * What the bytes were (esbuild metafile, wx-server-sdk 4.0.2 / @cloudbase/node-sdk 3.17.2, not minified):
 * 2.6 MB for a function without SMS (site), 3.2 MB with it (account, outbox). Per package, in KB:
 *   wx-server-sdk 289 (of which its openapi protobuf, src/protobuf/openapi.js, 177) · mime-db 208 · bson 194 ·
 *   @cloudbase/wx-cloud-client-sdk 186 (data models / MySQL: `cloud.models`, `rdb`) · @cloudbase/ai 182 ·
 *   @cloudbase/database 178 · xmlbuilder 149 + sax 52 + xml2js 25 (node-sdk's uploadFile parses COS's XML
 *   answer) · @cloudbase/node-sdk 144 · @cloudbase/utilities 131 + @cloudbase/adapter-wx_mp 120 +
 *   @cloudbase/app 66 + web-streams-polyfill 103 + @mattiasbuelens/web-streams-adapter 23 (all only behind
 *   node-sdk's `ai()`) · semver 74 + jsonwebtoken 25 + jws/jwa/lodash.* (node-sdk's auth().createTicket) ·
 *   axios 67 · bignumber.js 50 · protobufjs 35 + long 34 (the openapi protobuf's runtime) · the project 28–46.
 *   With SMS (tencentcloud-sdk-nodejs-sms 26 + -common 42): node-fetch 43 + whatwg-url 49 + tr46 295 — node-fetch
 *   2.7 requires whatwg-url but takes `URL` from Node (`Url.URL || whatwgUrl.URL`), so tr46's tables never run.
 * Minifying alone brought site to 1.25 MB and account to 1.62 MB; the rest goes by leaving out, per function,
 * the modules its code never reaches (LEFT_OUT below): site and the other functions without openapi ~0.6 MB.
 */

export interface BundleResult {
  name: string;
  entry: string;
  outFile: string;
  bytes: number;
  ms: number;
  warnings: string[];
  /** the LEFT_OUT modules this bundle carries a stub for instead */
  leftOut: string[];
}

/** Over this a bundle is too heavy for a quick cold start (issue 17); test/scripts/benchmarks.test.ts asserts it. */
export const MAX_BUNDLE_BYTES = 1024 * 1024;

/**
 * A module never reached at runtime by the functions that do not need it, replaced in their bundles by a stub
 * that throws a clear error if anything in it is ever called. Each was checked in the SDK's source (versions
 * above; re-check on an upgrade: a module id that is no longer found fails the build):
 * - `openapi`: wx-server-sdk's openapi protobuf (and protobufjs, only it uses it). Read by `cloud.openapi`,
 *   `cloudPay`, `getOpenData`, `getVoIPSign`, `getCloudCallSign` and cross-account `new cloud.Cloud({
 *   resourceAppid })`; `cloud.init({ env })`, the database, storage and getWXContext never touch it. Left out
 *   of a function whose config.json grants no `permissions.openapi` (without one the platform refuses the call
 *   anyway); a function whose code calls `.openapi` without the permission fails the build.
 * - the others are left out of a function whose own code (the project's sources in its bundle, minified, so
 *   comments do not count) never names what reaches them:
 *   - node-sdk's `ai` module (@cloudbase/ai, @cloudbase/app, utilities, adapter-wx_mp, web-streams-*): loaded
 *     by node-sdk's cloudbase.js, called only from `ai()`.
 *   - @cloudbase/wx-cloud-client-sdk: node-sdk's `init` builds `models` / `mysql` / `rdb` from it inside a
 *     try/catch that ignores failures, so with the stub those stay unset.
 *   - xml2js (sax, xmlbuilder): node-sdk's storage parses COS's XML answer in `uploadFile` only; deleteFile and
 *     getTempFileURL answer JSON.
 *   - jsonwebtoken (jws, jwa, semver, lodash.*): node-sdk's auth signs with it in `createTicket` only (custom
 *     login), never for its own requests.
 *   - whatwg-url (tr46, webidl-conversions): node-fetch 2.7 (tencentcloud-sdk's SMS transport) requires it but
 *     uses Node's own `URL`, which every runtime we run has; left out whatever the code.
 * Kept: mime-db (form-data's mime-types reads it at load), axios (node-sdk's metadata requests), bson (the
 * database's ObjectId / serialisation), json-bigint.
 */
interface LeftOut {
  name: string;
  /** the module path (under node_modules) stubbed, or the wx-server-sdk webpack module ids replaced */
  files?: RegExp;
  webpackModules?: string[];
  /** a use in the function's minified own code that keeps the module */
  usedBy?: RegExp;
}

const LEFT_OUT: LeftOut[] = [
  { name: 'openapi', webpackModules: ['./src/protobuf/openapi.js', 'protobufjs/minimal'] },
  {
    name: 'ai',
    files: /[\\/]node_modules[\\/]@cloudbase[\\/]node-sdk[\\/]dist[\\/]ai[\\/]index\.js$/,
    usedBy: /\.ai\b/,
  },
  {
    name: 'models',
    files: /[\\/]node_modules[\\/]@cloudbase[\\/]wx-cloud-client-sdk[\\/]/,
    usedBy: /\.(models|mysql|rdb)\b/,
  },
  { name: 'xml2js', files: /[\\/]node_modules[\\/]xml2js[\\/]/, usedBy: /\.uploadFile\b/ },
  { name: 'jsonwebtoken', files: /[\\/]node_modules[\\/]jsonwebtoken[\\/]/, usedBy: /\.(auth|createTicket)\b/ },
  { name: 'whatwg-url', files: /[\\/]node_modules[\\/]whatwg-url[\\/]/ },
];

/** `permissions.openapi` of the function's config.json; undefined when there is no config.json (test fixtures). */
function openapiPermissions(srcEntry: string): string[] | undefined {
  const config = path.join(path.dirname(path.dirname(srcEntry)), 'config.json');
  if (!existsSync(config)) return undefined;
  const parsed = JSON.parse(readFileSync(config, 'utf8')) as { permissions?: { openapi?: string[] } };
  return parsed.permissions?.openapi ?? [];
}

/** Which LEFT_OUT modules this function can do without: its own code, minified (no comments), with packages external. */
async function modulesToLeaveOut(srcEntry: string): Promise<string[]> {
  const own = await build({
    entryPoints: [srcEntry],
    platform: 'node',
    target: NODE_TARGET,
    format: 'cjs',
    bundle: true,
    packages: 'external',
    minify: true,
    write: false,
    logLevel: 'silent',
  });
  // a spread of a minified name (`...ai(d)`) is no property access: without this it reads as a call of `.ai`
  const code = own.outputFiles.map((file) => file.text.replaceAll('...', ' ')).join('\n');
  const names: string[] = [];
  const permissions = openapiPermissions(srcEntry);
  if (permissions !== undefined && permissions.length === 0) {
    if (/\.openapi\b/.test(code)) {
      throw new Error(
        `${srcEntry} calls cloud.openapi but its config.json grants no permissions.openapi: add the APIs it calls`,
      );
    }
    names.push('openapi');
  }
  for (const module of LEFT_OUT) {
    if (module.name === 'openapi') continue;
    if (!module.usedBy || !module.usedBy.test(code)) names.push(module.name);
  }
  return names;
}

/** A module's stand-in: loads fine; anything called (or constructed) in it throws, naming what was left out. */
function stubSource(name: string): string {
  const message =
    `${name} was left out of this cloud function's bundle by scripts/bundle-function.ts (LEFT_OUT), ` +
    (name === 'openapi'
      ? 'as its config.json grants no permissions.openapi; grant the API there and rebuild'
      : 'as its code did not reach it; rebuild keeping it if the function now needs it');
  return `(function () {
  var fail = function () { throw new Error(${JSON.stringify(message)}); };
  var stub = new Proxy(function () {}, {
    get: function (target, key) {
      if (typeof key === 'symbol' || key === '__esModule' || key === 'then' || key === 'default') return undefined;
      return stub;
    },
    apply: fail,
    construct: fail,
  });
  return stub;
})()`;
}

/** Replaces webpack modules inside wx-server-sdk's prebuilt index.js by the stub (esbuild cannot tree-shake it). */
function withoutWebpackModules(source: string, ids: string[], name: string): string {
  let out = source;
  for (const id of ids) {
    const header = `/***/ ${JSON.stringify(id)}:\n`;
    const start = out.indexOf(header);
    // a module's factory ends at `/***/ })` (followed by `,` but for the last one)
    const end = start < 0 ? -1 : out.indexOf('\n/***/ })', start);
    if (start < 0 || end < 0 || out.indexOf(header, start + 1) >= 0) {
      throw new Error(`wx-server-sdk: webpack module ${id} not found once; re-check LEFT_OUT against this SDK`);
    }
    const factory = `/***/ (function(module) {\nmodule.exports = ${stubSource(name)};\n`;
    out = out.slice(0, start) + header + factory + out.slice(end);
  }
  return out;
}

function leaveOutPlugin(names: string[]): Plugin {
  const modules = LEFT_OUT.filter((module) => names.includes(module.name));
  return {
    name: 'leave-out',
    setup(pluginBuild) {
      for (const module of modules) {
        const { files } = module;
        if (!files) continue;
        pluginBuild.onLoad({ filter: files }, () => ({ contents: `module.exports = ${stubSource(module.name)};` }));
      }
      const webpack = modules.filter((module) => module.webpackModules);
      if (webpack.length === 0) return;
      pluginBuild.onLoad({ filter: /[\\/]node_modules[\\/]wx-server-sdk[\\/]index\.js$/ }, (args) => {
        let contents = readFileSync(args.path, 'utf8');
        for (const module of webpack)
          contents = withoutWebpackModules(contents, module.webpackModules ?? [], module.name);
        return { contents, loader: 'js' };
      });
    },
  };
}

export async function bundleFunction(srcEntry: string, outFile: string): Promise<BundleResult> {
  const started = performance.now();
  const leftOut = await modulesToLeaveOut(srcEntry);
  const result = await build({
    entryPoints: [srcEntry],
    outfile: outFile,
    platform: 'node',
    // the pinned runtime's Node: syntax it lacks is lowered, not shipped
    target: NODE_TARGET,
    format: 'cjs',
    bundle: true,
    // no `external`: the SDK and every dependency go into the one file
    minify: true,
    treeShaking: true,
    // minified names would break code that reads a class's or function's `.name`, and keep stack traces readable
    // (function names; no source map: one of the whole SDK would be megabytes beside each bundle, and the build is
    // deterministic, so a trace's line:column can be mapped by rebuilding the commit with `sourcemap: true`)
    keepNames: true,
    legalComments: 'none',
    sourcemap: false,
    logLevel: 'silent',
    metafile: true,
    plugins: [leaveOutPlugin(leftOut)],
  });
  const bytes = Object.values(result.metafile.outputs).reduce((sum, output) => sum + output.bytes, 0);
  return {
    name: path.basename(path.dirname(path.dirname(srcEntry))),
    entry: srcEntry,
    outFile,
    bytes,
    ms: Math.round(performance.now() - started),
    warnings: result.warnings.map(formatMessage),
    leftOut,
  };
}

/** The function folders under `functionsRoot` that have a `src/index.ts`, sorted by name. */
export function functionSources(functionsRoot: string): { name: string; entry: string }[] {
  if (!existsSync(functionsRoot)) return [];
  return readdirSync(functionsRoot)
    .filter((name) => !name.startsWith('.'))
    .map((name) => ({ name, entry: path.join(functionsRoot, name, 'src', 'index.ts') }))
    .filter(({ entry }) => existsSync(entry) && statSync(entry).isFile())
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Builds every `<functionsRoot>/<name>/src/index.ts` into `<functionsRoot>/<name>/index.js`. A function that
 * fails to build does not stop the others; the failures are thrown together at the end.
 */
export async function bundleAllFunctions(functionsRoot: string): Promise<BundleResult[]> {
  // one at a time: each build parses the whole SDK, and parallel builds only fight for the same cores
  const results: BundleResult[] = [];
  const failures: string[] = [];
  for (const { name, entry } of functionSources(functionsRoot)) {
    try {
      const result = await bundleFunction(entry, path.join(functionsRoot, name, 'index.js'));
      results.push({ ...result, name });
    } catch (error) {
      failures.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (failures.length > 0) throw new Error(`could not bundle ${failures.length} function(s)\n${failures.join('\n')}`);
  return results;
}

function formatMessage(message: Message): string {
  const where = message.location ? `${message.location.file}:${message.location.line}: ` : '';
  return `${where}${message.text}`;
}
