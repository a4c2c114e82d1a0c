/**
 * What `cloudbaserc.json` (read by the CloudBase CLI's `tcb fn deploy`) must say, derived from the function
 * folders so that it cannot drift from them: one entry per `cloudfunctions/<name>/` with that folder's timeout
 * and timer triggers from its `config.json`, the pinned runtime, and no cloud-side install (the folder holds the
 * bundle the tests ran). `envVariables` are left out on purpose: the CLI would replace every variable the
 * function has in the console, secrets included, on each deploy.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { FUNCTION_RUNTIME } from '../runtime';

/**
 * Functions reached over HTTP rather than from the mini-program, by their HTTP access path (云开发 → HTTP 访问服务).
 * The CLI creates the path on deploy (and leaves it alone when it already points at the same function).
 */
export const HTTP_ACCESS_PATHS: Readonly<Record<string, string>> = { device: '/device' };

export interface TimerTrigger {
  name: string;
  type: 'timer';
  config: string;
}

export interface FunctionEntry {
  name: string;
  handler: 'index.main';
  runtime: string;
  timeout: number;
  installDependency: false;
  triggers?: TimerTrigger[];
  path?: string;
}

export interface CloudbaseConfig {
  envId: string;
  functionRoot: string;
  functions: FunctionEntry[];
}

/** A function folder's `config.json`, as far as deploying reads it. */
export interface FunctionFolderConfig {
  timeout: number;
  triggers?: TimerTrigger[];
}

/** The function folders under `functionsRoot`: every folder that has a `config.json`, sorted by name. */
export function functionFolders(functionsRoot: string): string[] {
  return readdirSync(functionsRoot)
    .filter((name) => !name.startsWith('.') && statSync(path.join(functionsRoot, name)).isDirectory())
    .filter((name) => existsSync(path.join(functionsRoot, name, 'config.json')))
    .sort((a, b) => a.localeCompare(b));
}

export function readFolderConfig(functionsRoot: string, name: string): FunctionFolderConfig {
  const file = path.join(functionsRoot, name, 'config.json');
  const config = JSON.parse(readFileSync(file, 'utf8')) as Partial<FunctionFolderConfig>;
  if (typeof config.timeout !== 'number' || !Number.isInteger(config.timeout) || config.timeout <= 0) {
    throw new Error(`${file}: "timeout" must be a whole number of seconds`);
  }
  for (const trigger of config.triggers ?? []) {
    if (trigger.type !== 'timer' || !trigger.name || !trigger.config) {
      throw new Error(`${file}: each trigger needs "name", "type": "timer" and a cron "config"`);
    }
  }
  return { timeout: config.timeout, triggers: config.triggers };
}

/** The cloudbaserc.json for the folders under `functionsRoot` (the envId comes from the command line). */
export function cloudbaseConfig(functionsRoot: string): CloudbaseConfig {
  const functions = functionFolders(functionsRoot).map((name): FunctionEntry => {
    const { timeout, triggers } = readFolderConfig(functionsRoot, name);
    return {
      name,
      handler: 'index.main',
      runtime: FUNCTION_RUNTIME,
      timeout,
      installDependency: false,
      ...(triggers && triggers.length > 0 ? { triggers } : {}),
      ...(HTTP_ACCESS_PATHS[name] ? { path: HTTP_ACCESS_PATHS[name] } : {}),
    };
  });
  // `{{env.ENV_ID}}` so that a file with no environment in it still names one; `-e` on the command line wins
  return { envId: '{{env.ENV_ID}}', functionRoot: './cloudfunctions', functions };
}

/** The file's text as it is checked in: two-space JSON with a final newline, the way Prettier leaves it. */
export function cloudbaseConfigText(functionsRoot: string): string {
  return `${JSON.stringify(cloudbaseConfig(functionsRoot), null, 2)}\n`;
}
