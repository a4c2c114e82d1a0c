import type { LocalcloudCore } from '../core';
import { WireError } from '../server';
import { wireCodeFor } from './errors';
import { handleFnRoute } from './gateway';
import { handleHttpAccess, type HttpAccessOptions } from './http-access';
import type { CallerIdentity, FunctionRunner } from './runner';

/**
 * Registers the ways to run a function: `functions.invokeFunction` on the wire (`cloud.callFunction` from
 * another function), the dev gateway `POST /fn/<name>` (a mini-program's `wx.cloud.callFunction`) and
 * `/http/<name>/...` (the HTTP access service, its path handed over as `http` says).
 */
export function installFunctions(core: LocalcloudCore, runner: FunctionRunner, http: HttpAccessOptions): void {
  core.server.wire.set('functions.invokeFunction', async (request) => {
    const name = request.params.function_name;
    if (typeof name !== 'string' || name === '') throw new WireError('INVALID_PARAM', '函数名不能为空');
    const data = request.params.request_data;
    let event: unknown = {};
    if (typeof data === 'string' && data !== '') {
      try {
        event = JSON.parse(data);
      } catch {
        throw new WireError('INVALID_PARAM', 'request_data is not valid JSON');
      }
    }
    const caller = request.invocationId ? runner.identityOf(request.invocationId) : undefined;
    const result = await runner.invoke(name, event, calleeIdentity(caller), {
      parentId: caller ? request.invocationId : undefined,
    });
    if (!result.ok) throw new WireError(wireCodeFor(result.code), result.message);
    // the SDK does JSON.parse(res.data.response_data): hand over the callee's own serialization
    return { kind: 'json', body: { data: { response_data: result.resultJson } } };
  });

  for (const method of ['GET', 'POST', 'PUT', 'DELETE'] as const) {
    core.server.routes.push({
      method,
      prefix: '/http/',
      handle: (req, res, url) => handleHttpAccess(runner, core, http, req, res, url),
    });
  }
  core.server.routes.push({
    method: 'POST',
    prefix: '/fn/',
    handle: (req, res, url) => handleFnRoute(runner, req, res, url),
  });
}

/**
 * The identity a function called by another function runs with. The WeChat docs specify SOURCE: it follows
 * the call chain, `wx_client` in A becomes `wx_client,scf` in B (Cloud.getWXContext, "使用说明"). They do not
 * spell out OPENID/APPID/UNIONID for such calls; the platform forwards the calling invocation's user context,
 * so we carry the caller's OPENID, APPID, UNIONID and CLIENTIP through unchanged. Functions must therefore
 * not treat "called by a function" as "called by the system": check SOURCE when it matters.
 * A wire call that comes from no function localcloud runs (e.g. a test process's own SDK) carries no user:
 * the callee sees SOURCE `scf` and no OPENID, as a call from server code would.
 */
export function calleeIdentity(caller: CallerIdentity | undefined): CallerIdentity {
  if (!caller) return { source: 'scf' };
  return {
    openid: caller.openid,
    appid: caller.appid,
    unionid: caller.unionid,
    clientIp: caller.clientIp,
    source: caller.source ? `${caller.source},scf` : 'scf',
  };
}
