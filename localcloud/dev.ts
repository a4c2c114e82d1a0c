import type { ServerResponse } from 'node:http';
import type { LocalcloudCore } from './core';
import type { FaultSpec } from './db/faults';
import type { FunctionRunner, InvocationRecord } from './functions/runner';
import { HttpError, isPlainObject, readJson, sendJson } from './http-util';

const DEV_BODY_LIMIT = 64 * 1024;

export interface LocalcloudStatus {
  envId: string;
  url: string;
  dataDir: string;
  clock: { now: string; offsetMs: number; frozen: boolean };
  functions: string[];
  collections: { name: string; count: number }[];
  recentInvocations: InvocationRecord[];
  pendingFaults: readonly FaultSpec[];
}

/**
 * Development endpoints: read what was sent, move the clock, inject database faults, and a
 * status page. They exist only in localcloud, which listens on 127.0.0.1.
 */
export function installDevRoutes(core: LocalcloudCore, functions: FunctionRunner): void {
  const { server, clock, outbox, faults } = core;

  server.routes.push(
    {
      method: 'GET',
      prefix: '/_dev/outbox',
      handle(_req, res, url) {
        const kind = url.searchParams.get('kind') ?? undefined;
        const recipient = url.searchParams.get('recipient') ?? undefined;
        sendJson(res, 200, { messages: outbox.list({ kind, recipient }) });
      },
    },
    {
      method: 'GET',
      prefix: '/_dev/clock',
      handle(_req, res) {
        sendJson(res, 200, clockState());
      },
    },
    {
      method: 'POST',
      prefix: '/_dev/clock',
      // {"offsetMs": n} sets the shift; {"advanceMs": n} adds to it; {"at": iso} jumps to a moment; {} resets;
      // "frozen": true stops the clock (after any move), false lets it run on from where it stands
      async handle(req, res) {
        const body = await readJson(req, DEV_BODY_LIMIT);
        if (!isPlainObject(body)) throw new HttpError(400, 'INVALID_PARAM', 'body must be an object');
        if (body.frozen !== undefined && typeof body.frozen !== 'boolean') {
          throw new HttpError(400, 'INVALID_PARAM', '"frozen" must be true or false');
        }
        // freezing comes before the move, so that a frozen clock stands at exactly the moment asked for
        if (body.frozen === true) clock.setFrozen(true);
        if (Object.keys(body).length === 0) {
          clock.setFrozen(false);
          clock.setOffset(0);
        } else if (body.at !== undefined) {
          const at = Date.parse(String(body.at));
          if (Number.isNaN(at)) throw new HttpError(400, 'INVALID_PARAM', '"at" must be an ISO date-time');
          clock.setNow(at);
        } else if (body.advanceMs !== undefined) {
          clock.advance(finiteNumber(body.advanceMs, 'advanceMs'));
        } else if (body.offsetMs !== undefined) {
          clock.setOffset(finiteNumber(body.offsetMs, 'offsetMs'));
        }
        if (body.frozen === false) clock.setFrozen(false);
        sendJson(res, 200, clockState());
      },
    },
    {
      method: 'GET',
      prefix: '/_dev/faults',
      handle(_req, res) {
        sendJson(res, 200, { pending: faults.list() });
      },
    },
    {
      method: 'POST',
      prefix: '/_dev/faults',
      // {"mode":"fail"|"failAfterWrite"|"slow","count":N,"delayMs"?,"collection"?,"op"?,"skip"?}; {"clear":true} removes all
      async handle(req, res) {
        const body = await readJson(req, DEV_BODY_LIMIT);
        if (!isPlainObject(body)) throw new HttpError(400, 'INVALID_PARAM', 'body must be an object');
        if (body.clear === true) faults.clear();
        else {
          try {
            faults.add({
              mode: body.mode as FaultSpec['mode'],
              count: body.count === undefined ? 1 : Number(body.count),
              delayMs: body.delayMs === undefined ? undefined : Number(body.delayMs),
              collection: typeof body.collection === 'string' ? body.collection : undefined,
              op: body.op === undefined ? undefined : String(body.op),
              skip: body.skip === undefined ? undefined : Number(body.skip),
            });
          } catch (error) {
            throw new HttpError(400, 'INVALID_PARAM', (error as Error).message);
          }
        }
        sendJson(res, 200, { pending: faults.list() });
      },
    },
    {
      method: 'GET',
      prefix: '/_dev/status',
      handle(_req, res) {
        sendJson(res, 200, status());
      },
    },
  );

  // the status page answers exactly "/", so it never shadows a route registered later
  server.routes.push({
    method: 'GET',
    prefix: '/',
    handle(req, res, url) {
      if (url.pathname !== '/') throw new HttpError(404, 'NOT_FOUND', `no route for ${req.method} ${url.pathname}`);
      sendHtml(res, statusPage(status()));
    },
  });

  function clockState() {
    const now = clock.now();
    return { now: new Date(now).toISOString(), offsetMs: clock.offsetMs(), frozen: clock.frozen() };
  }

  function status(): LocalcloudStatus {
    return {
      envId: core.envId,
      url: core.baseUrl(),
      dataDir: core.dataDir,
      clock: clockState(),
      functions: functions.list(),
      collections: core.db.collectionNames().map((name) => ({ name, count: core.db.size(name) })),
      recentInvocations: functions.recent().slice(-20).reverse(),
      pendingFaults: faults.list(),
    };
  }
}

function finiteNumber(value: unknown, field: string): number {
  const n = Number(value);
  if (!Number.isFinite(n)) throw new HttpError(400, 'INVALID_PARAM', `"${field}" must be a number of milliseconds`);
  return n;
}

function statusPage(s: LocalcloudStatus): string {
  const rows = (cells: string[][]) =>
    cells.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>localcloud · ${escapeHtml(s.envId)}</title>
<style>body{font:14px/1.5 system-ui,sans-serif;margin:2rem;color:#222}table{border-collapse:collapse;margin-bottom:1.5rem}
td,th{border:1px solid #ddd;padding:.25rem .6rem;text-align:left}th{background:#f5f5f5}code{background:#f5f5f5;padding:0 .2rem}</style></head>
<body><h1>localcloud</h1>
<p>env <code>${escapeHtml(s.envId)}</code> · wire API <code>${escapeHtml(s.url)}/tcb</code> · clock ${escapeHtml(s.clock.now)}
(offset ${s.clock.offsetMs} ms) · data <code>${escapeHtml(s.dataDir)}</code></p>
<h2>Functions</h2><table><tr><th>name</th><th>call</th></tr>${rows(s.functions.map((f) => [f, `POST /fn/${f}`]))}</table>
<h2>Collections</h2><table><tr><th>name</th><th>documents</th></tr>${rows(s.collections.map((c) => [c.name, String(c.count)]))}</table>
<h2>Recent invocations</h2><table><tr><th>at</th><th>function</th><th>openid</th><th>result</th><th>ms</th><th>db calls</th></tr>
${rows(s.recentInvocations.map((i) => [new Date(i.at).toISOString(), i.name, i.openid ?? '(anonymous)', i.ok ? 'ok' : 'error', String(i.durationMs), String(i.dbCalls)]))}</table>
<p>Dev endpoints: <code>GET /_dev/outbox</code>, <code>POST /_dev/clock</code>, <code>POST /_dev/faults</code>, <code>POST /_dev/openapi</code>, <code>/_dev/sms</code>, <code>/_dev/doors</code>, <code>POST /_dev/cards</code>, <code>/_dev/timers</code>, <code>GET /_dev/urllinks</code>, <code>PUT /_dev/storage/&lt;cloudPath&gt;</code>, <code>GET /_dev/status</code>.</p>
</body></html>`;
}

function sendHtml(res: ServerResponse, html: string): void {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(html) });
  res.end(html);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
