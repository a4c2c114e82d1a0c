import type { ServerResponse } from 'node:http';
import { HttpError, sendJson } from '../http-util';
import type { InvokeErrorCode, InvokeResult } from './runner';

/** wx-server-sdk's numbers for the codes below (`TCB_ERR_CODE` in its index.js). */
export const TCB_ERR_CODE = {
  INVALID_PARAM: -501007,
  FUNCTIONS_REQUEST_FAIL: -504001,
  FUNCTIONS_EXECUTE_FAIL: -504002,
} as const;

/**
 * How each runner failure reaches a caller: the code the wire answers with (the SDK turns it into errCode
 * -504001/-504002, as the platform's failures are) and the gateway's HTTP status.
 */
const MAPPING: Record<InvokeErrorCode, { wire: keyof typeof TCB_ERR_CODE; status: number }> = {
  FUNCTION_NOT_FOUND: { wire: 'FUNCTIONS_REQUEST_FAIL', status: 404 },
  INVALID_EVENT: { wire: 'FUNCTIONS_REQUEST_FAIL', status: 400 },
  FUNCTIONS_EXECUTE_FAIL: { wire: 'FUNCTIONS_EXECUTE_FAIL', status: 502 },
  FUNCTION_TIMEOUT: { wire: 'FUNCTIONS_EXECUTE_FAIL', status: 504 },
  FUNCTION_CRASHED: { wire: 'FUNCTIONS_EXECUTE_FAIL', status: 502 },
  RUNNER_CLOSED: { wire: 'FUNCTIONS_REQUEST_FAIL', status: 503 },
};

export function wireCodeFor(code: InvokeErrorCode): keyof typeof TCB_ERR_CODE {
  return MAPPING[code].wire;
}

/** The headers every gateway reply carries, so a test or the dev UI sees what a request cost. */
export function invocationHeaders(result: InvokeResult): Record<string, string> {
  return {
    'x-localcloud-db-calls': String(result.dbCalls),
    'x-localcloud-duration-ms': String(result.durationMs),
    'x-localcloud-cold-start': result.coldStart ? '1' : '0',
    'x-localcloud-invocation': result.invocationId,
  };
}

/** A failed invocation as the gateway answers it: `{errCode, errMsg, code}`, never a stack trace. */
export function sendInvokeFailure(res: ServerResponse, result: Extract<InvokeResult, { ok: false }>): void {
  const { wire, status } = MAPPING[result.code];
  sendJson(
    res,
    status,
    { errCode: TCB_ERR_CODE[wire], errMsg: result.message, code: result.code },
    invocationHeaders(result),
  );
}

/** A request the gateway refused before any function ran (bad JSON, too large, bad header). */
export function sendGatewayError(res: ServerResponse, error: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (error instanceof HttpError) {
    sendJson(res, error.status, { errCode: TCB_ERR_CODE.INVALID_PARAM, errMsg: error.message, code: error.code });
    return;
  }
  console.error('[localcloud] gateway failed', error);
  sendJson(res, 500, { errCode: -501001, errMsg: 'localcloud internal error', code: 'INTERNAL' });
}
