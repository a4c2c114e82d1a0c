import type { ServerResponse } from 'node:http';
import type { LocalcloudCore } from './core';
import { HttpError, isPlainObject, readJson, sendJson } from './http-util';
import {
  API_TYPE_OPEN_API,
  decodeCommApiData,
  encodeCommOpenApiResp,
  type CommOpenApiResp,
  type KeyValuePair,
} from './openapi/protobuf';
import { checkSubscribeMessage, type SubscribeMessage } from './openapi/subscribe-message';
import { checkUrlLink, UrlLinks, type UrlLink } from './openapi/url-link';
import { newRequestId, WireError } from './server';
import type { Route, WireReply, WireRequest } from './types';

/**
 * `wx.openApi`: the cloud-call ("云调用") gateway behind `cloud.openapi.*`. The SDK posts multipart
 * form data — `apiName` (e.g. `subscribeMessage.send`) and `requestData`, a protobuf CommApiData
 * whose pairs carry each request field as JSON — and expects a protobuf CommOpenApiResp back,
 * whose `respData` is the WeChat API's JSON answer. An `errcode` in that JSON is what the SDK
 * throws as `errCode`; `errorCode` in the envelope is a platform refusal (e.g. no permission).
 */

export interface OpenApi {
  /**
   * The next `times` accepted calls (of `apiName`, or of any API) answer `errcode` instead of
   * succeeding — e.g. 43101, the user has no subscription left. Validation still comes first.
   */
  failNext(errcode: number, errmsg: string, times?: number, apiName?: string): void;
  /** drops every queued failure */
  clearFailures(): void;
  /** how many calls will still fail */
  pendingFailures(): number;
  /** the queued failures, first to apply first */
  queuedFailures(): QueuedFailure[];
  /** every URL Link `urllink.generate` made (`/_dev/urllinks`) */
  readonly urlLinks: UrlLinks;
}

/**
 * What the openapi gateway needs to know of the functions: which one made a call, and what its config.json
 * `permissions.openapi` lists (the function runner answers both).
 */
export interface OpenApiCallers {
  functionOf(invocationId: string): string | undefined;
  find(name: string): { openapi: string[] } | undefined;
}

export interface QueuedFailure {
  errcode: number;
  errmsg: string;
  /** calls this failure still applies to */
  remaining: number;
  /** only calls of this API; every API when absent */
  apiName?: string;
}

/** What the outbox records for each subscription message that passed validation. */
export interface SubscribeMessageRecord extends Omit<SubscribeMessage, 'touser'> {
  /** `delivered` (errcode 0) or `failed` (the errcode the sender got, e.g. 43101) */
  status: 'delivered' | 'failed';
  errcode: number;
  errmsg: string;
}

/** The platform's answer to a call the function has no permission for, or an API that does not exist. */
export const NO_PERMISSION = -604101;

type ApiResult = { errcode: number; errmsg: string } & Record<string, unknown>;
/**
 * One emulated API: checks the request and either refuses it (nothing happens, as on the platform)
 * or returns what to do once accepted — which is where an injected failure applies.
 */
type ApiImplementation = (
  request: Record<string, unknown>,
  caller: { functionName?: string },
) => { refused: ApiResult } | { accept(failure: QueuedFailure | undefined): ApiResult };

export function installOpenApi(core: LocalcloudCore, callers: OpenApiCallers): OpenApi {
  const failures: QueuedFailure[] = [];
  const urlLinks = new UrlLinks(core.dataDir, core.clock);

  const apis: Record<string, ApiImplementation> = {
    'subscribeMessage.send': (request) => {
      const checked = checkSubscribeMessage(request);
      if (!checked.ok) return { refused: { errcode: checked.errcode, errmsg: checked.errmsg } };
      const { touser, ...message } = checked.message;
      return {
        accept(failure) {
          const errcode = failure?.errcode ?? 0;
          const errmsg = failure?.errmsg ?? 'ok';
          const status = failure ? 'failed' : 'delivered';
          const record: SubscribeMessageRecord = { ...message, status, errcode, errmsg };
          core.outbox.record('subscribeMessage', touser, record);
          return { errcode, errmsg };
        },
      };
    },
    'urllink.generate': (request, caller) => {
      const now = core.clock.now();
      const checked = checkUrlLink(request, now);
      if (!checked.ok) return { refused: { errcode: checked.errcode, errmsg: checked.errmsg } };
      return {
        accept(failure) {
          if (failure) return { errcode: failure.errcode, errmsg: failure.errmsg };
          const link = urlLinks.add({ ...checked.link, createdAt: now, generatedBy: caller.functionName });
          return { errcode: 0, errmsg: 'ok', url_link: link.url };
        },
      };
    },
  };

  /** Takes one queued failure for this call, if any applies. */
  function takeFailure(apiName: string): QueuedFailure | undefined {
    const index = failures.findIndex((f) => f.apiName === undefined || f.apiName === apiName);
    if (index < 0) return undefined;
    const failure = failures[index];
    failure.remaining -= 1;
    if (failure.remaining <= 0) failures.splice(index, 1);
    return failure;
  }

  core.server.wire.set('wx.openApi', (request: WireRequest): WireReply => {
    const apiName = request.params.apiName;
    if (typeof apiName !== 'string' || !apiName) throw new WireError('INVALID_PARAM', 'wx.openApi without apiName');
    const requestData = request.files?.requestData;
    if (!requestData) throw new WireError('INVALID_PARAM', 'wx.openApi without requestData bytes');
    let call;
    try {
      call = decodeCommApiData(requestData);
    } catch (error) {
      throw new WireError('INVALID_PARAM', `requestData is not a CommApiData protobuf: ${(error as Error).message}`);
    }
    const api = apis[apiName];
    // What an unlisted API gets on the platform; SVRKIT calls (getOpenData, ...) are not emulated.
    if (!api || call.apiType !== API_TYPE_OPEN_API) return protobufReply({ errorCode: NO_PERMISSION });
    // A function may make only the cloud calls its config.json lists in permissions.openapi. A call from no
    // function localcloud runs (a test's own SDK) has no config.json to check, and passes.
    const functionName = request.invocationId ? callers.functionOf(request.invocationId) : undefined;
    if (functionName && !callers.find(functionName)?.openapi.includes(apiName)) {
      return protobufReply({ errorCode: NO_PERMISSION });
    }
    const fields = decodePairs(call.pairs);
    if (!fields) return jsonAnswer({ errcode: 47001, errmsg: 'data format error' });
    const outcome = api(fields, { functionName });
    // a refused request does not use up a queued failure: the platform validates before sending
    return jsonAnswer('refused' in outcome ? outcome.refused : outcome.accept(takeFailure(apiName)));
  });

  const openApi: OpenApi = {
    failNext(errcode, errmsg, times = 1, apiName) {
      if (!Number.isSafeInteger(errcode) || errcode === 0) throw new RangeError('errcode must be a non-zero integer');
      if (typeof errmsg !== 'string') throw new TypeError('errmsg must be a string');
      if (!Number.isSafeInteger(times) || times < 1) throw new RangeError('times must be a positive integer');
      if (apiName !== undefined && typeof apiName !== 'string') throw new TypeError('apiName must be a string');
      failures.push({ errcode, errmsg, remaining: times, apiName });
    },
    clearFailures() {
      failures.length = 0;
    },
    pendingFailures() {
      return failures.reduce((sum, f) => sum + f.remaining, 0);
    },
    queuedFailures() {
      return failures.map((f) => ({ ...f }));
    },
    urlLinks,
  };
  core.server.routes.push(...devRoutes(openApi), urlLinkRoute(urlLinks));
  return openApi;
}

/**
 * `/_dev/openapi`, shaped like `/_dev/faults`: GET lists the queued failures; POST
 * `{errcode, errmsg?, times?, apiName?}` queues one (`{clear: true}` drops all); DELETE drops all.
 */
function devRoutes(openApi: OpenApi): Route[] {
  const pending = (res: ServerResponse) => sendJson(res, 200, { pending: openApi.queuedFailures() });
  return [
    { method: 'GET', prefix: '/_dev/openapi', handle: (_req, res) => pending(res) },
    {
      method: 'POST',
      prefix: '/_dev/openapi',
      async handle(req, res) {
        const body = await readJson(req, 64 * 1024);
        if (!isPlainObject(body)) throw new HttpError(400, 'INVALID_PARAM', 'body must be a JSON object');
        const { errcode, errmsg = 'localcloud injected failure', times = 1, apiName } = body;
        try {
          if (body.clear === true) openApi.clearFailures();
          else openApi.failNext(errcode as number, errmsg as string, times as number, apiName as string | undefined);
        } catch (error) {
          throw new HttpError(400, 'INVALID_PARAM', (error as Error).message);
        }
        pending(res);
      },
    },
    {
      method: 'DELETE',
      prefix: '/_dev/openapi',
      handle(_req, res) {
        openApi.clearFailures();
        pending(res);
      },
    },
  ];
}

/**
 * `GET /_dev/urllinks` lists every URL Link made, oldest first; `GET /_dev/urllinks/<ticket>` (or the whole URL,
 * encoded) resolves one to the page it opens: 404 unknown, 410 expired (by localcloud's clock), with the link.
 */
function urlLinkRoute(urlLinks: UrlLinks): Route {
  const prefix = '/_dev/urllinks';
  const describe = (link: UrlLink) => ({ ...link, expired: urlLinks.expired(link) });
  return {
    method: 'GET',
    prefix,
    handle(_req, res, url) {
      const rest = url.pathname.slice(prefix.length).replace(/^\/+|\/+$/g, '');
      if (rest === '') {
        sendJson(res, 200, { links: urlLinks.list().map(describe) });
        return;
      }
      if (url.pathname[prefix.length] !== '/') throw new HttpError(404, 'NOT_FOUND', 'no such route');
      let ticket: string;
      try {
        ticket = decodeURIComponent(rest);
      } catch {
        throw new HttpError(400, 'INVALID_PARAM', 'the ticket is not valid URL encoding');
      }
      const link = urlLinks.find(ticket);
      if (!link) throw new HttpError(404, 'NOT_FOUND', `no URL Link ${ticket}`);
      const expired = urlLinks.expired(link);
      sendJson(res, expired ? 410 : 200, { ...(expired ? { code: 'URL_LINK_EXPIRED' } : {}), link: describe(link) });
    },
  };
}

/** Each pair's value is the JSON of one request field (files, with a content type, stay bytes). */
function decodePairs(pairs: KeyValuePair[]): Record<string, unknown> | undefined {
  const fields: Record<string, unknown> = Object.create(null);
  for (const pair of pairs) {
    if (pair.contentType) {
      fields[pair.key] = { contentType: pair.contentType, value: pair.value, fileName: pair.filename };
      continue;
    }
    try {
      fields[pair.key] = JSON.parse(pair.value.toString('utf8'));
    } catch {
      return undefined;
    }
  }
  return fields;
}

/** WeChat's JSON answer inside the protobuf envelope; errmsg carries a rid like the platform's. */
function jsonAnswer(result: ApiResult): WireReply {
  const body = result.errcode === 0 ? result : { ...result, errmsg: `${result.errmsg} rid: ${newRequestId()}` };
  return protobufReply({ respData: Buffer.from(JSON.stringify(body)), contentType: 'application/json', httpCode: 200 });
}

function protobufReply(message: CommOpenApiResp): WireReply {
  // anything but exactly `application/json; charset=utf-8` is read by the SDK as a protobuf Buffer
  return { kind: 'binary', body: encodeCommOpenApiResp(message), contentType: 'application/octet-stream' };
}
