import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { LocalcloudCore } from './core';
import { HttpError, isPlainObject, readBody, readJson, sendJson } from './http-util';

/**
 * A stand-in for the sites' door controllers: `POST /_doors/<door>/open` checks the signature the
 * real controller checks (server/devices/doors.ts; the key is the development value server/platform/secrets.ts
 * derives under localcloud) and records the opening in the dev outbox (kind `door`), listed at
 * `GET /_dev/doors`. `POST /_dev/doors {"failNext": n}` makes the next openings fail (a jammed or
 * offline controller).
 */
export function installDoors(core: LocalcloudCore): void {
  const key = createHash('sha256').update('localcloud-dev:DOOR_CONTROLLER_KEY').digest('hex');
  let failures = 0;

  core.server.routes.push(
    {
      method: 'POST',
      prefix: '/_doors/',
      async handle(req, res, url) {
        const match = /^\/_doors\/([^/]+)\/open$/.exec(url.pathname);
        if (!match) throw new HttpError(404, 'NOT_FOUND', 'no such door command');
        const body = await readBody(req, 16 * 1024);
        const timestamp = String(req.headers['x-tongxing-timestamp'] ?? '');
        const given = Buffer.from(String(req.headers['x-tongxing-signature'] ?? ''), 'hex');
        const expected = createHmac('sha256', key)
          .update(`${timestamp}\n${body.toString('utf8')}`)
          .digest();
        if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
          throw new HttpError(401, 'SIGNATURE_INVALID', 'door command signature does not match');
        }
        if (Math.abs(Date.now() + core.clock.offsetMs() - Number(timestamp) * 1000) > 300_000) {
          throw new HttpError(401, 'STALE', 'door command timestamp is more than 300 s off');
        }
        if (failures > 0) {
          failures -= 1;
          throw new HttpError(503, 'DOOR_OFFLINE', 'injected failure (POST /_dev/doors)');
        }
        let command: unknown;
        try {
          command = JSON.parse(body.toString('utf8'));
        } catch {
          throw new HttpError(400, 'INVALID_JSON', 'door command body is not JSON');
        }
        core.outbox.record('door', decodeURIComponent(match[1]), command);
        sendJson(res, 200, { opened: true });
      },
    },
    {
      method: 'GET',
      prefix: '/_dev/doors',
      handle(_req, res) {
        sendJson(res, 200, { openings: core.outbox.list({ kind: 'door' }) });
      },
    },
    {
      method: 'POST',
      prefix: '/_dev/doors',
      async handle(req, res) {
        const body = await readJson(req, 1024);
        const n = Number(isPlainObject(body) ? (body.failNext ?? 0) : Number.NaN);
        if (!Number.isInteger(n) || n < 0 || n > 1000)
          throw new HttpError(400, 'INVALID_PARAM', 'failNext must be 0..1000');
        failures = n;
        sendJson(res, 200, { pendingFailures: failures });
      },
    },
  );
}
