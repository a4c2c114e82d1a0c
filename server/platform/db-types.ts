// wx-server-sdk's own typings declare every database call as `Promise<…> | void | string` (for
// its callback style), which strict TypeScript cannot use. These describe what the calls return
// when awaited — types only, over the real SDK objects. Server code and tests both use them.

type WxServerSdk = typeof import('wx-server-sdk');

export type Fields = Record<string, unknown>;

type SdkDatabase = ReturnType<WxServerSdk['database']>;
export type Command = SdkDatabase['command'] & {
  expr(expression: unknown): object;
};

export interface Query {
  where(condition: object): Query;
  orderBy(field: string, direction: 'asc' | 'desc'): Query;
  skip(n: number): Query;
  limit(n: number): Query;
  field(projection: Record<string, boolean>): Query;
  get<T extends object = Fields>(): Promise<{ data: Array<T & { _id: string }> }>;
  count(): Promise<{ total: number }>;
  update(options: { data: object }): Promise<{ stats: { updated: number } }>;
  remove(): Promise<{ stats: { removed: number } }>;
}

export interface DocumentRef {
  field(projection: Record<string, boolean>): DocumentRef;
  get<T extends object = Fields>(): Promise<{ data: T & { _id: string } }>;
  set(options: { data: object }): Promise<{ _id: string; stats: { updated: number; created: number } }>;
  update(options: { data: object }): Promise<{ stats: { updated: number } }>;
  remove(): Promise<{ stats: { removed: number } }>;
}

export interface Aggregate {
  match(condition: object): Aggregate;
  group(spec: object): Aggregate;
  sort(spec: Record<string, 1 | -1>): Aggregate;
  limit(n: number): Aggregate;
  skip(n: number): Aggregate;
  project(spec: object): Aggregate;
  /**
   * An equality join (`localField`/`foreignField`), or a sub-pipeline of plain MongoDB stages with
   * optional `let` variables: the SDK sends the stage as written.
   */
  lookup(
    spec:
      | { from: string; localField: string; foreignField: string; as: string }
      | { from: string; let?: Record<string, unknown>; pipeline: object[]; as: string },
  ): Aggregate;
  end<T extends object = Fields>(): Promise<{ list: T[] }>;
}

export interface Collection extends Query {
  doc(id: string): DocumentRef;
  add(options: { data: object }): Promise<{ _id: string }>;
  aggregate(): Aggregate;
}

export interface TransactionScope {
  collection(name: string): { doc(id: string): DocumentRef; add(options: { data: object }): Promise<{ _id: string }> };
}

export interface Transaction extends TransactionScope {
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

export interface Database {
  collection(name: string): Collection;
  command: Command;
  serverDate(options?: { offset?: number }): unknown;
  RegExp(options: { regexp: string; options?: string }): unknown;
  createCollection(name: string): Promise<unknown>;
  runTransaction<T>(callback: (tx: TransactionScope) => Promise<T>, retries?: number): Promise<T>;
  startTransaction(): Promise<Transaction>;
}

export function databaseOf(cloud: WxServerSdk): Database {
  return cloud.database() as unknown as Database;
}
