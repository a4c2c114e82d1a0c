import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** The platform's default time limit for a WeChat cloud function, and the most a function may configure. */
export const DEFAULT_TIMEOUT_S = 3;
export const MAX_TIMEOUT_S = 60;
/** WeChat cloud functions get 256 MB unless configured otherwise. */
export const DEFAULT_MEMORY_MB = 256;

/** A deployed function as found on disk at call time. */
export interface FunctionInfo {
  name: string;
  bundle: string;
  /** changes when `npm run build` rewrites the bundle: instances of an older bundle are replaced */
  mtimeMs: number;
  timeoutS: number;
  memoryMb: number;
  /** `config.json` `envVariables`: the variables the console would configure for the function */
  envVariables: Record<string, string>;
  /** `config.json` `permissions.openapi`: the cloud calls (云调用) the function may make, e.g. `urllink.generate` */
  openapi: string[];
  /** `config.json` `triggers` as written; timers.ts checks them as the platform does at upload */
  triggers: unknown;
}

/** Letters, digits, `_` and `-`, as the console allows; also keeps `..` and `/` out of file paths. */
const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,59}$/;

export function isFunctionName(name: string): boolean {
  return NAME.test(name);
}

/** Reads `<dir>/<name>/index.js` and its `config.json` afresh, so a rebuild is seen on the next call. */
export function findFunction(functionsDir: string, name: string): FunctionInfo | undefined {
  if (!isFunctionName(name)) return undefined;
  const folder = path.join(functionsDir, name);
  const bundle = path.join(folder, 'index.js');
  let mtimeMs: number;
  try {
    const stat = statSync(bundle);
    if (!stat.isFile()) return undefined;
    mtimeMs = stat.mtimeMs;
  } catch {
    return undefined;
  }
  const config = readConfig(path.join(folder, 'config.json'));
  return { name, bundle, mtimeMs, ...config };
}

export function listFunctions(functionsDir: string): string[] {
  if (!existsSync(functionsDir)) return [];
  return readdirSync(functionsDir)
    .filter((name) => isFunctionName(name) && existsSync(path.join(functionsDir, name, 'index.js')))
    .sort();
}

function readConfig(
  file: string,
): Pick<FunctionInfo, 'timeoutS' | 'memoryMb' | 'envVariables' | 'openapi' | 'triggers'> {
  let raw: unknown = {};
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    // no config.json is normal; a broken one is worth a line, not a refused call
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
      console.warn(`[localcloud] ignoring ${file}: ${String(error)}`);
  }
  const config = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const timeout = Number(config.timeout);
  const memory = Number(config.memorySize);
  const envVariables: Record<string, string> = {};
  if (typeof config.envVariables === 'object' && config.envVariables !== null) {
    for (const [key, value] of Object.entries(config.envVariables)) {
      if (value !== undefined && value !== null) envVariables[key] = String(value);
    }
  }
  const permissions = config.permissions as { openapi?: unknown } | undefined;
  const openapi = Array.isArray(permissions?.openapi)
    ? permissions.openapi.filter((api): api is string => typeof api === 'string')
    : [];
  return {
    openapi,
    triggers: config.triggers,
    timeoutS: Number.isFinite(timeout) && timeout > 0 ? Math.min(timeout, MAX_TIMEOUT_S) : DEFAULT_TIMEOUT_S,
    memoryMb: Number.isFinite(memory) && memory >= 64 ? Math.min(Math.trunc(memory), 3072) : DEFAULT_MEMORY_MB,
    envVariables,
  };
}
