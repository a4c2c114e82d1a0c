import type { IncomingMessage, ServerResponse } from 'node:http';

/** One call on the wire API (`POST /tcb`): what the SDK sent, decoded. */
export interface WireRequest {
  /** e.g. `database.getDocument`, `functions.invokeFunction`, `wx.openApi` */
  action: string;
  /** every field of the request body except `action` (JSON body, or the parts of a multipart body) */
  params: Record<string, unknown>;
  /** the function invocation that sent the call, when it came from a function localcloud runs */
  invocationId?: string;
  /** raw multipart parts by field name, for actions the SDK sends as form data (wx.openApi) */
  files?: Record<string, Buffer>;
}

/** What a wire handler answers: a JSON body (the SDK reads `code`/`message` as an error) or raw bytes. */
export type WireReply =
  { kind: 'json'; body: Record<string, unknown> } | { kind: 'binary'; body: Buffer; contentType: string };

export type WireHandler = (request: WireRequest) => Promise<WireReply> | WireReply;

/** A plain HTTP route on localcloud's port (storage PUT/GET, the dev gateway, /_dev/...). */
export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** matched against the start of the URL's path */
  prefix: string;
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> | void;
}

/** Localcloud's clock: real time plus an offset that tests and `/_dev/clock` can shift, or stop. */
export interface Clock {
  now(): number;
  offsetMs(): number;
  setOffset(ms: number): void;
  /** jumps to the instant `at`; a frozen clock then stands exactly there */
  setNow(at: number): void;
  /** moves on by `ms`; a frozen clock moves exactly that far */
  advance(ms: number): void;
  frozen(): boolean;
  /** true: stands still at its current reading; false: runs on from there */
  setFrozen(frozen: boolean): void;
}

/** Everything localcloud sent to the outside world (subscription messages, SMS, door commands). */
export interface OutboxEntry {
  id: number;
  kind: string;
  recipient: string;
  at: number;
  payload: unknown;
}

export interface DevOutbox {
  record(kind: string, recipient: string, payload: unknown): OutboxEntry;
  list(filter?: { kind?: string; recipient?: string }): OutboxEntry[];
}
