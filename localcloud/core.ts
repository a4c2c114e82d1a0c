import type { Database } from './db/database';
import type { DatabaseFaults } from './db/faults';
import type { LocalcloudServer } from './server';
import type { Clock, DevOutbox } from './types';

/** What every part of localcloud (database, storage, functions, openapi, gateway) is handed at start. */
export interface LocalcloudCore {
  readonly server: LocalcloudServer;
  readonly clock: Clock;
  readonly outbox: DevOutbox;
  readonly db: Database;
  /** faults injected into the next database calls (`POST /_dev/faults`) */
  readonly faults: DatabaseFaults;
  /** where data lives (database, storage); persistent across restarts */
  readonly dataDir: string;
  /** the project root: `cloudfunctions/`, `docs/database.json` are found from here */
  readonly projectRoot: string;
  /** the cloud environment id the functions see (`TCB_ENV`) */
  readonly envId: string;
  /** `http://127.0.0.1:<port>`; only valid once listening */
  baseUrl(): string;
}
