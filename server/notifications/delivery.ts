import { randomUUID } from 'node:crypto';
import { sendSms } from '../accounts/sms';
import { now } from '../platform/clock';
import { sdk } from '../platform/cloud';
import { unseal } from '../platform/crypto';
import { requiredSetting, setting } from '../platform/secrets';
import { DONE_KEPT_MS, OutboxRepository, PHONE_KEY, type ChannelState, type OutboxEntry } from './outbox';
import { SMS_TEMPLATE_VARIABLES, smsParamsOf, subscribeMessageOf } from './templates';

/**
 * Delivering the outbox, one entry at a time: claim → send → mark, per channel (WeChat first, then the SMS).
 *
 * - **Claim**: a conditional update on the entry's `version` (and `state: pending`, due now) that raises the
 *   version, takes a lease (`lease` = this run's token, `nextAttemptAt` = the lease's end) and marks the first
 *   channel to send `sending`. Of two runs that read one entry, one claims it; the other's update matches nothing.
 * - **Send**, then **mark** the outcome only while the lease is still this run's. The lease (LEASE_MS) outlasts
 *   the function's time limit (config.json `timeout`), so a live run never loses it; a run that died lets the
 *   entry become due again when the lease ends.
 *
 * At most once, per channel: a channel marked `sending` that a later run finds was being sent by a run that
 * stopped before marking the outcome. Whether that message left is unknown, and it is marked `failed`, never sent
 * again — a visitor or approver receiving the same notification twice (or ten times, if a send keeps crashing the
 * run) is worse than one lost on the rare crash, because the other channel still goes and the booking's detail
 * page shows the state either way. A known failure (an errcode, a provider error, no answer within the request's
 * time limit) is retried with backoff.
 */

/** how long a claim holds an entry: longer than the function may run (config.json `timeout`, 20 s) */
export const LEASE_MS = 60_000;
/** the wait before each retry of a transient failure; after the last, the channel is `failed` */
export const RETRY_BACKOFF_MS = [60_000, 2 * 60_000, 5 * 60_000, 15 * 60_000];
export const MAX_TRIES = RETRY_BACKOFF_MS.length + 1;
/** one run stops claiming after this long, leaving time to finish the entry in hand within its time limit */
export const RUN_BUDGET_MS = 10_000;
/** entries read per query */
const BATCH = 20;

/** WeChat errcodes that no retry can change (besides 43101, no subscription), so the channel fails at once. */
const PERMANENT_WECHAT_ERRORS = new Set([40003, 40037, 41030, 47003, 43107]);
export const NO_SUBSCRIPTION = 43101;

type Channel = 'wechat' | 'sms';
/** a send's outcome: a final state, or a transient failure to retry */
type Outcome = { final: ChannelState; error?: string } | { retry: string };

export interface DeliveryReport {
  /** entries this run claimed */
  claimed: number;
  /** of those, the ones whose channels are all final now */
  done: number;
}

/** One timer run: delivers what is due, as long as the run's budget lasts. */
export async function deliverDue(): Promise<DeliveryReport> {
  const outbox = new OutboxRepository();
  const _ = outbox.command();
  const started = Date.now();
  const report: DeliveryReport = { claimed: 0, done: 0 };
  const tried = new Set<string>();
  while (Date.now() - started < RUN_BUDGET_MS) {
    const due = (
      await outbox.find(
        { state: 'pending', nextAttemptAt: _.lte(now()) },
        { orderBy: [['nextAttemptAt', 'asc']], limit: BATCH },
      )
    ).filter((entry) => !tried.has(entry._id));
    if (due.length === 0) break;
    for (const entry of due) {
      if (Date.now() - started >= RUN_BUDGET_MS) break;
      tried.add(entry._id);
      const claimed = await claim(outbox, entry);
      if (!claimed) continue;
      report.claimed += 1;
      if (await deliver(outbox, claimed)) report.done += 1;
    }
  }
  return report;
}

/** The entry as this run holds it, or undefined when another run claimed it first. */
async function claim(outbox: OutboxRepository, entry: OutboxEntry): Promise<Held | undefined> {
  const _ = outbox.command();
  const at = now();
  const token = randomUUID();
  const held: Held = { ...entry, lease: token, version: entry.version + 1, lastError: { ...entry.lastError } };
  // a channel left `sending` by a run that stopped: its message may have left, so it is not sent again
  for (const channel of CHANNELS) {
    if (held[channel] === 'sending') {
      held[channel] = 'failed';
      held.lastError[channel] = 'interrupted';
      console.error(`[outbox] ${entry._id}: a run stopped while sending ${channel}; not sent again`);
    }
  }
  const first = CHANNELS.find((channel) => held[channel] === 'queued');
  if (first) held[first] = 'sending';
  const won = await outbox.updateWhere(
    { _id: entry._id, state: 'pending', version: entry.version, nextAttemptAt: _.lte(at) },
    {
      version: _.inc(1),
      lease: token,
      nextAttemptAt: new Date(at.getTime() + LEASE_MS),
      wechat: held.wechat,
      sms: held.sms,
      lastError: held.lastError,
      updatedAt: at,
    },
  );
  return won === 1 ? held : undefined;
}

type Held = OutboxEntry & { lease: string; lastError: NonNullable<OutboxEntry['lastError']> };
const CHANNELS: readonly Channel[] = ['wechat', 'sms'];

/** Sends each channel in turn, marking each outcome; true when the entry is done. */
async function deliver(outbox: OutboxRepository, held: Held): Promise<boolean> {
  // the claim found nothing left to send (a stopped run's channels, now failed): only the end to record
  if (!CHANNELS.some((channel) => held[channel] === 'sending')) {
    return (await mark(outbox, held, false)) && held.state === 'done';
  }
  for (const [index, channel] of CHANNELS.entries()) {
    if (held[channel] !== 'sending') continue;
    const outcome = await send(channel, held);
    held.tries[channel] += 1;
    if ('final' in outcome) {
      held[channel] = outcome.final;
      if (outcome.error) held.lastError[channel] = outcome.error;
    } else {
      held.lastError[channel] = outcome.retry;
      held[channel] = held.tries[channel] >= MAX_TRIES ? 'failed' : 'queued';
    }
    // the entry is due as a whole: a channel after this one that is still queued goes in this run too
    const next = CHANNELS.slice(index + 1).find((other) => held[other] === 'queued');
    if (next) held[next] = 'sending';
    if (!(await mark(outbox, held, Boolean(next)))) return false;
  }
  return held.state === 'done';
}

/**
 * Records the outcome so far while the lease is this run's. When the run is finished with the entry the lease is
 * given up: the entry is done, or due again after the backoff of its most-tried pending channel.
 */
async function mark(outbox: OutboxRepository, held: Held, continuing: boolean): Promise<boolean> {
  const _ = outbox.command();
  const at = now();
  const pending = CHANNELS.filter((channel) => held[channel] === 'queued' || held[channel] === 'sending');
  const patch: Record<string, unknown> = {
    wechat: held.wechat,
    sms: held.sms,
    tries: held.tries,
    lastError: held.lastError,
    updatedAt: at,
  };
  if (!continuing) {
    held.state = pending.length === 0 ? 'done' : 'pending';
    const tries = Math.max(0, ...pending.map((channel) => held.tries[channel]));
    const wait = tries === 0 ? 0 : RETRY_BACKOFF_MS[Math.min(tries, RETRY_BACKOFF_MS.length) - 1];
    Object.assign(patch, { state: held.state, nextAttemptAt: new Date(at.getTime() + wait), lease: _.remove() });
    // a finished entry is kept for a while, then the daily purge removes it
    if (held.state === 'done') patch.expiresAt = new Date(at.getTime() + DONE_KEPT_MS);
  }
  const marked = (await outbox.updateWhere({ _id: held._id, lease: held.lease }, patch)) === 1;
  if (!marked) console.error(`[outbox] ${held._id}: the lease ended before the outcome was marked`);
  return marked;
}

async function send(channel: Channel, entry: OutboxEntry): Promise<Outcome> {
  try {
    return channel === 'wechat' ? await sendSubscribeMessage(entry) : await sendNotificationSms(entry);
  } catch (error) {
    // configuration missing, a sealed phone that does not open: said in the log, tried again later
    console.error(`[outbox] ${entry._id}: ${channel} could not be sent`, error);
    return { retry: error instanceof Error ? error.message.slice(0, 100) : 'error' };
  }
}

async function sendSubscribeMessage(entry: OutboxEntry): Promise<Outcome> {
  if (!entry.openid) return { final: 'noSubscription' };
  const { templateId, data } = subscribeMessageOf(entry.kind, entry.values);
  try {
    await sdk().openapi.subscribeMessage.send({
      touser: entry.openid,
      templateId,
      page: entry.page,
      data,
      // formal in production; `developer` or `trial` to open a test build (docs/deploy.md)
      miniprogramState: setting('SUBSCRIBE_MINIPROGRAM_STATE', 'formal'),
      lang: 'zh_CN',
    });
    return { final: 'sent' };
  } catch (error) {
    const errCode = (error as { errCode?: unknown } | null)?.errCode;
    if (errCode === NO_SUBSCRIPTION) return { final: 'noSubscription' };
    if (typeof errCode === 'number' && PERMANENT_WECHAT_ERRORS.has(errCode)) {
      console.error(`[outbox] ${entry._id}: subscribeMessage.send refused`, error);
      return { final: 'failed', error: String(errCode) };
    }
    // -1 system busy, 45009 rate limit, a network failure: worth another try
    return { retry: typeof errCode === 'number' ? String(errCode) : 'network' };
  }
}

/** Provider errors that a retry cannot change: the request or the account is wrong, not the moment. */
const PERMANENT_SMS_ERROR = /^(InvalidParameter|MissingParameter|UnauthorizedOperation|UnsupportedOperation)/;

async function sendNotificationSms(entry: OutboxEntry): Promise<Outcome> {
  const templateId = requiredSetting(SMS_TEMPLATE_VARIABLES[entry.kind], `localcloud-${entry.kind}`);
  const outcome = await sendSms(unseal(entry.phoneSealed, PHONE_KEY), templateId, smsParamsOf(entry));
  if (outcome.ok) return { final: 'smsSent' };
  if (PERMANENT_SMS_ERROR.test(outcome.code)) return { final: 'failed', error: outcome.code };
  return { retry: outcome.code };
}
