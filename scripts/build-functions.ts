/**
 * `npm run build` (functions part): bundles every `cloudfunctions/<name>/src/index.ts` into
 * `cloudfunctions/<name>/index.js` with everything inlined, wx-server-sdk included, so each folder uploads
 * as it is. Run with `tsx scripts/build-functions.ts [functionsRoot]`; a running localcloud picks the new
 * bundles up on the next call.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { bundleAllFunctions, functionSources } from './bundle-function';

async function main(): Promise<void> {
  const root = path.resolve(process.argv[2] ?? path.join(__dirname, '..', 'cloudfunctions'));
  const relative = path.relative(process.cwd(), root);
  const shown = relative.startsWith('..') ? root : relative || '.';
  if (!existsSync(root)) {
    console.log(`build-functions: no ${shown}/ folder, nothing to build`);
    return;
  }
  if (functionSources(root).length === 0) {
    console.log(`build-functions: no ${shown}/<name>/src/index.ts, nothing to build`);
    return;
  }
  for (const result of await bundleAllFunctions(root)) {
    const size = `${(result.bytes / 1024 / 1024).toFixed(2)} MB`;
    console.log(
      `build-functions: ${result.name} -> ${path.join(shown, result.name, 'index.js')} (${size}, ${result.ms} ms; ` +
        `left out: ${result.leftOut.join(', ') || 'nothing'})`,
    );
    for (const warning of result.warnings) console.warn(`  warning: ${warning}`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
