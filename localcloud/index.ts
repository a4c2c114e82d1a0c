import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { installCards, type CardSystemStandIn } from './cards';
import { createClock } from './clock';
import type { LocalcloudCore } from './core';
import { Database } from './db/database';
import { DatabaseFaults } from './db/faults';
import { installDatabaseWire } from './db/wire';
import { installDevRoutes } from './dev';
import { installDoors } from './doors';
import { FunctionRunner } from './functions/runner';
import { installFunctions } from './functions/install';
import { installTimerRoutes, TimerTriggers } from './functions/timers';
import { OpenApi, installOpenApi } from './openapi';
import { createDevOutbox } from './outbox';
import { LocalcloudServer } from './server';
import { installSms, type SmsStandIn } from './sms';
import { installStorage } from './storage';

export interface LocalcloudOptions {
  /** 0 picks a free port */
  port?: number;
  /** default `<projectRoot>/.localcloud` */
  dataDir?: string;
  /** default the current working directory */
  projectRoot?: string;
  /** where function folders live (`<name>/index.js` + `config.json`); default `<projectRoot>/cloudfunctions` */
  functionsDir?: string;
  /** the collection manifest; default `<projectRoot>/docs/database.json` */
  manifestPath?: string;
  envId?: string;
  /**
   * 路径透传 for every `/http/<name>` route: the function gets the full path `/<name>/<rest>`. Default false, as on
   * the platform: the route is stripped and the function gets `/<rest>` (`/` for the route itself).
   */
  httpPathPassthrough?: boolean;
  /**
   * the Node binary function instances run on, e.g. one of the platform runtime's version while localcloud itself
   * runs on a newer Node; default the Node running localcloud
   */
  functionNode?: string;
  /**
   * Fire the functions' timer triggers (config.json `triggers`) by localcloud's clock. Default false, so a test
   * decides when a timer runs (`lc.timers.fire`, `POST /_dev/timers`); `npm start` turns it on (LOCALCLOUD_TIMERS).
   */
  timers?: boolean;
  /**
   * Where the functions' console output goes, line by line; default this process's stdout/stderr, prefixed
   * `[fn <name>]`. A script that makes functions fail on purpose can keep their stack traces off the console.
   */
  onFunctionLog?(name: string, stream: 'stdout' | 'stderr', line: string): void;
}

export interface Localcloud extends LocalcloudCore {
  readonly url: string;
  readonly port: number;
  readonly functions: FunctionRunner;
  readonly openapi: OpenApi;
  /** the functions' timer triggers: listed, and fired now with `fire(function, trigger?)` */
  readonly timers: TimerTriggers;
  /** the Tencent Cloud SMS API stand-in */
  readonly sms: SmsStandIn;
  /** the stand-in for sites' own card systems */
  readonly cards: CardSystemStandIn;
  close(): Promise<void>;
}

/** Starts localcloud: the wire API at `/tcb`, the function runner, the dev gateway and `/_dev/*`. */
export async function startLocalcloud(options: LocalcloudOptions = {}): Promise<Localcloud> {
  const projectRoot = path.resolve(options.projectRoot ?? process.cwd());
  const dataDir = path.resolve(options.dataDir ?? path.join(projectRoot, '.localcloud'));
  const functionNode = options.functionNode === undefined ? undefined : checkedNodeBinary(options.functionNode);
  mkdirSync(dataDir, { recursive: true });
  const clock = createClock();
  const server = new LocalcloudServer();
  const db = Database.open({
    dir: path.join(dataDir, 'db'),
    clock,
    manifestPath: options.manifestPath ?? path.join(projectRoot, 'docs', 'database.json'),
  });
  let port = 0;
  const core: LocalcloudCore = {
    server,
    clock,
    outbox: createDevOutbox(clock),
    db,
    faults: new DatabaseFaults(),
    dataDir,
    projectRoot,
    envId: options.envId ?? 'tongxing-local',
    baseUrl: () => `http://127.0.0.1:${port}`,
  };
  installDatabaseWire(core);
  installStorage(core);
  const functions = new FunctionRunner(core, options.functionsDir ?? path.join(projectRoot, 'cloudfunctions'), {
    nodePath: functionNode,
    onLog: options.onFunctionLog,
  });
  const openapi = installOpenApi(core, functions);
  const sms = installSms(core);
  installDoors(core);
  const cards = installCards(core);
  installFunctions(core, functions, { pathPassthrough: options.httpPathPassthrough ?? false });
  installDevRoutes(core, functions);
  try {
    port = await server.listen(options.port ?? 0);
  } catch (error) {
    await functions.close();
    db.close();
    throw error;
  }
  // only once listening: a run fired at start needs the wire API's URL
  const timers = new TimerTriggers(core, functions, options.timers ?? false);
  installTimerRoutes(core, timers);
  return {
    ...core,
    url: core.baseUrl(),
    port,
    functions,
    openapi,
    timers,
    sms,
    cards,
    async close() {
      timers.close();
      await functions.close();
      await server.close();
      db.close();
    },
  };
}

/**
 * The absolute path of a Node binary that exists and may be run: a wrong path is an error at start, not a crash
 * report from every function's first call.
 */
function checkedNodeBinary(file: string): string {
  const resolved = path.resolve(file);
  try {
    accessSync(resolved, constants.X_OK);
    if (statSync(resolved).isFile()) return resolved;
  } catch {
    // reported below, with the path
  }
  throw new Error(`localcloud: functionNode ${resolved} is not an executable file`);
}

export { optionsFromEnv, serveUntilStopped } from './cli';
export type { TimerEvent, TimerRun, TimerTriggerInfo } from './functions/timers';
export type { UrlLink } from './openapi/url-link';
export type { Clock, DevOutbox, OutboxEntry, Route, WireHandler, WireReply, WireRequest } from './types';
