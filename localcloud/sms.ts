import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { LocalcloudCore } from './core';
import { HttpError, isPlainObject, readJson, sendJson } from './http-util';

/**
 * A stand-in for the Tencent Cloud SMS API (`sms.tencentcloudapi.com`, API 3.0, action SendSms),
 * answering the real `tencentcloud-sdk-nodejs-sms` client pointed at 127.0.0.1: it signs a
 * `POST /` with `X-TC-Action: SendSms` and a JSON body. Each accepted message is recorded in the
 * dev outbox (kind `sms`, recipient the 11-digit number) with its template and parameters, which
 * is where tests read verification codes (also listed at `GET /_dev/sms?recipient=`).
 * `POST /_dev/sms {"failNext": n, "code": "…"}` makes the next sends fail the way the provider does
 * (an `Error` response), to test an outage; `{"clear": true}` drops the failures still pending.
 */
export interface SmsStandIn {
  failNext(times: number, code?: string): void;
}

const BODY_LIMIT = 64 * 1024;

export function installSms(core: LocalcloudCore): SmsStandIn {
  let failures: Array<{ code: string }> = [];

  core.server.routes.push(
    {
      // what was sent, oldest first: the same entries as /_dev/outbox?kind=sms (optionally to one `recipient`)
      method: 'GET',
      prefix: '/_dev/sms',
      handle(_req, res, url) {
        const recipient = url.searchParams.get('recipient') ?? undefined;
        sendJson(res, 200, { messages: core.outbox.list({ kind: 'sms', recipient }) });
      },
    },
    {
      method: 'POST',
      prefix: '/_dev/sms',
      async handle(req, res) {
        const body = await readJson(req, BODY_LIMIT);
        if (!isPlainObject(body)) throw new HttpError(400, 'INVALID_PARAM', 'body must be an object');
        if (body.clear === true) failures = [];
        else {
          const times = Number(body.failNext ?? 1);
          if (!Number.isInteger(times) || times < 1 || times > 1000)
            throw new HttpError(400, 'INVALID_PARAM', 'failNext must be 1..1000');
          standIn.failNext(times, typeof body.code === 'string' ? body.code : undefined);
        }
        sendJson(res, 200, { pendingFailures: failures.length });
      },
    },
    {
      // the API's own address: every action is a POST to "/" named by X-TC-Action
      method: 'POST',
      prefix: '/',
      async handle(req, res, url) {
        if (url.pathname !== '/') throw new HttpError(404, 'NOT_FOUND', `no route for POST ${url.pathname}`);
        const action = String(req.headers['x-tc-action'] ?? '');
        const requestId = randomUUID();
        const body = await readJson(req, BODY_LIMIT);
        if (!String(req.headers.authorization ?? '').startsWith('TC3-HMAC-SHA256 ')) {
          return apiError(res, requestId, 'AuthFailure.SignatureFailure', 'The request is not signed.');
        }
        if (action !== 'SendSms')
          return apiError(res, requestId, 'InvalidAction', `The action ${action} is not supported here.`);
        if (!isPlainObject(body)) return apiError(res, requestId, 'InvalidParameter', 'The body is not an object.');
        const phones = body.PhoneNumberSet;
        if (
          !Array.isArray(phones) ||
          phones.length === 0 ||
          phones.length > 200 ||
          !phones.every((p) => typeof p === 'string')
        ) {
          return apiError(
            res,
            requestId,
            'InvalidParameterValue.IncorrectPhoneNumber',
            'PhoneNumberSet is missing or invalid.',
          );
        }
        for (const field of ['SmsSdkAppId', 'TemplateId'] as const) {
          if (typeof body[field] !== 'string' || body[field] === '') {
            return apiError(res, requestId, 'MissingParameter', `${field} is required.`);
          }
        }
        const failure = failures.shift();
        if (failure) return apiError(res, requestId, failure.code, 'Injected failure (POST /_dev/sms).');
        const params = Array.isArray(body.TemplateParamSet) ? body.TemplateParamSet.map(String) : [];
        const statuses = (phones as string[]).map((phone) => {
          const recipient = phone.replace(/^\+86/, '');
          core.outbox.record('sms', recipient, {
            templateId: body.TemplateId,
            params,
            signName: body.SignName,
            sdkAppId: body.SmsSdkAppId,
          });
          return {
            SerialNo: randomUUID(),
            PhoneNumber: phone,
            Fee: 1,
            SessionContext: String(body.SessionContext ?? ''),
            Code: 'Ok',
            Message: 'send success',
            IsoCode: 'CN',
          };
        });
        sendJson(res, 200, { Response: { SendStatusSet: statuses, RequestId: requestId } });
      },
    },
  );

  const standIn: SmsStandIn = {
    failNext(times, code = 'FailedOperation.ServiceUnavailable') {
      for (let i = 0; i < times; i += 1) failures.push({ code });
    },
  };
  return standIn;
}

function apiError(res: ServerResponse, requestId: string, code: string, message: string): void {
  sendJson(res, 200, { Response: { Error: { Code: code, Message: message }, RequestId: requestId } });
}
