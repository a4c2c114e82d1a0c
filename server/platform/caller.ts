import { sdk } from './cloud';

/**
 * Who is calling, as the platform establishes it (`cloud.getWXContext()`), never from the event:
 * an `openid` or `userInfo` inside the event is whatever the client wrote there.
 */
export interface Caller {
  openid?: string;
  appid?: string;
  unionid?: string;
  clientIp?: string;
  /** wx_client, wx_devtools, wx_http, … and `,scf` appended when called from another function */
  source?: string;
}

export function currentCaller(): Caller {
  const context = sdk().getWXContext() as Record<string, unknown>;
  return {
    openid: text(context.OPENID),
    appid: text(context.APPID),
    unionid: text(context.UNIONID),
    clientIp: text(context.CLIENTIP),
    source: text(context.SOURCE),
  };
}

/** getWXContext turns all-digit values into numbers; identities are strings. */
function text(value: unknown): string | undefined {
  return value === undefined || value === null || value === '' ? undefined : String(value);
}
