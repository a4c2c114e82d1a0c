import type { AppCloud } from './app-cloud';

/**
 * The SMS localcloud's stand-in of the Tencent Cloud SMS API "sent": every message is kept in its outbox, which is
 * where the tests read verification codes, as a person reads them on the phone.
 */

interface Sms {
  payload: { params: string[] };
}

/** The codes sent to `phone`, oldest first. */
export async function smsCodes(cloud: AppCloud, phone: string): Promise<string[]> {
  const response = await fetch(`${cloud.lc.url}/_dev/outbox?kind=sms&recipient=${phone}`);
  const { messages } = (await response.json()) as { messages: Sms[] };
  return messages.map((message) => message.payload.params[0]);
}

/** How many SMS were sent to `phone`. */
export async function smsCount(cloud: AppCloud, phone: string): Promise<number> {
  return (await smsCodes(cloud, phone)).length;
}

/** The code in the newest SMS to `phone`, which a send the caller awaited has put there already. */
export async function lastSmsCode(cloud: AppCloud, phone: string): Promise<string> {
  const last = (await smsCodes(cloud, phone)).at(-1);
  if (last === undefined) throw new Error(`no SMS to ${phone}`);
  return last;
}

/**
 * The code in the newest SMS to `phone`, once there are more than `after` of them: a page sends the code when its
 * button is tapped, and the test cannot await that call itself.
 */
export async function smsCode(cloud: AppCloud, phone: string, after = 0, timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const codes = await smsCodes(cloud, phone);
    if (codes.length > after) return codes[codes.length - 1];
    if (Date.now() > deadline) throw new Error(`timed out waiting for SMS number ${after + 1} to ${phone}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
