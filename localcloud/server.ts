import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpError, isPlainObject, readBody, sendJson } from './http-util';
import { parseMultipart } from './multipart';
import type { Route, WireHandler, WireReply, WireRequest } from './types';

/** Largest body the wire API takes (the platform caps a document at 16 MB; no SDK call needs more). */
export const WIRE_BODY_LIMIT = 16 * 1024 * 1024;

export interface WireStats {
  /** called for every wire call that names an invocation, so the gateway can count database calls */
  onCall(invocationId: string, action: string): void;
}

/**
 * The HTTP front of localcloud: `/tcb` (the wire API the SDK speaks) and plain routes.
 * Handlers are registered by the parts (database, storage, functions, openapi, dev gateway).
 */
export class LocalcloudServer {
  readonly wire = new Map<string, WireHandler>();
  readonly routes: Route[] = [];
  private server: Server | undefined;
  private readonly sockets = new Set<import('node:net').Socket>();
  stats: WireStats | undefined;

  async listen(port: number, host = '127.0.0.1'): Promise<number> {
    const server = createServer((req, res) => void this.handle(req, res));
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    // Idle keep-alive connections are closed by the client, never by us: a server that closes an
    // idle socket races a client sending on it at the same instant (ECONNRESET on a loaded machine,
    // when the client's own idle timer fires late). close() destroys whatever is still open.
    server.keepAliveTimeout = 0;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    this.server = server;
    return (server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (url.pathname === '/tcb' || url.pathname === '/tcb/') {
        if (req.method !== 'POST') throw new HttpError(405, 'METHOD_NOT_ALLOWED', 'the wire API takes POST');
        await this.handleWire(req, res, url);
        return;
      }
      // HEAD is answered by the GET route (Node leaves the body out); the SDK's getFileInfo sends one
      const method = req.method === 'HEAD' ? 'GET' : req.method;
      // the most specific route wins, whatever the order the parts registered them in
      const route = this.routes
        .filter((r) => r.method === method && url.pathname.startsWith(r.prefix))
        .reduce<Route | undefined>((best, r) => (!best || r.prefix.length > best.prefix.length ? r : best), undefined);
      if (!route) throw new HttpError(404, 'NOT_FOUND', `no route for ${req.method} ${url.pathname}`);
      await route.handle(req, res, url);
    } catch (error) {
      this.fail(res, error);
    }
  }

  private async handleWire(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const request = await decodeWireRequest(req, url);
    const handler = this.wire.get(request.action);
    if (request.invocationId) this.stats?.onCall(request.invocationId, request.action);
    if (!handler) {
      sendJson(res, 200, {
        code: 'INVALID_PARAM',
        message: `unknown action: ${request.action}`,
        requestId: newRequestId(),
      });
      return;
    }
    let reply: WireReply;
    try {
      reply = await handler(request);
    } catch (error) {
      reply = wireError(error);
    }
    if (reply.kind === 'binary') {
      res.writeHead(200, { 'content-type': reply.contentType, 'content-length': reply.body.length });
      res.end(reply.body);
      return;
    }
    sendJson(res, 200, { requestId: newRequestId(), ...reply.body });
  }

  private fail(res: ServerResponse, error: unknown): void {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (error instanceof HttpError) {
      sendJson(res, error.status, { code: error.code, message: error.message });
      return;
    }
    console.error('[localcloud] unexpected error', error);
    sendJson(res, 500, { code: 'INTERNAL', message: 'localcloud internal error' });
  }
}

/** An error a wire handler threw on purpose: goes back to the SDK as `{code, message}`. */
export class WireError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function wireError(error: unknown): WireReply {
  if (error instanceof WireError) return { kind: 'json', body: { code: error.code, message: error.message } };
  console.error('[localcloud] wire handler failed', error);
  return { kind: 'json', body: { code: 'SYS_ERR', message: 'localcloud internal error' } };
}

async function decodeWireRequest(req: IncomingMessage, url: URL): Promise<WireRequest> {
  const body = await readBody(req, WIRE_BODY_LIMIT);
  const contentType = String(req.headers['content-type'] ?? '');
  let fields: Record<string, unknown>;
  let files: Record<string, Buffer> | undefined;
  if (contentType.startsWith('multipart/form-data')) {
    const parts = parseMultipart(body, contentType);
    fields = parts.fields;
    files = parts.files;
  } else {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      throw new HttpError(400, 'INVALID_JSON', 'request body is not valid JSON');
    }
    if (!isPlainObject(parsed)) throw new HttpError(400, 'INVALID_PARAM', 'request body must be a JSON object');
    fields = parsed;
  }
  const { action, ...params } = fields;
  if (typeof action !== 'string' || action === '') throw new HttpError(400, 'INVALID_PARAM', 'missing action');
  const invocationId = url.searchParams.get('inv') ?? undefined;
  return { action, params, invocationId, files };
}

let requestCounter = 0;
export function newRequestId(): string {
  requestCounter += 1;
  return `lc-${Date.now().toString(36)}-${requestCounter.toString(36)}`;
}
