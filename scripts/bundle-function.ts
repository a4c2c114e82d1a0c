import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { build, type Message } from 'esbuild';
import { NODE_TARGET } from './runtime';

/**
 * One cloud function's bundle. Everything is inlined, wx-server-sdk included: the folder then deploys as it
 * is (no cloud-side `npm install` re-resolving the SDK's floating `@cloudbase/*` dependencies) and a cold
 * start skips module resolution (measured ~116 ms against ~196 ms for a plain `require('wx-server-sdk')`).
 */
export interface BundleResult {
  name: string;
  entry: string;
  outFile: string;
  bytes: number;
  ms: number;
  warnings: string[];
}

export async function bundleFunction(srcEntry: string, outFile: string): Promise<BundleResult> {
  const started = performance.now();
  const result = await build({
    entryPoints: [srcEntry],
    outfile: outFile,
    platform: 'node',
    // the pinned runtime's Node: syntax it lacks is lowered, not shipped
    target: NODE_TARGET,
    format: 'cjs',
    bundle: true,
    // no `external`: the SDK and every dependency go into the one file
    minify: false,
    keepNames: true,
    legalComments: 'none',
    sourcemap: false,
    logLevel: 'silent',
    metafile: true,
  });
  const bytes = Object.values(result.metafile.outputs).reduce((sum, output) => sum + output.bytes, 0);
  return {
    name: path.basename(path.dirname(path.dirname(srcEntry))),
    entry: srcEntry,
    outFile,
    bytes,
    ms: Math.round(performance.now() - started),
    warnings: result.warnings.map(formatMessage),
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
