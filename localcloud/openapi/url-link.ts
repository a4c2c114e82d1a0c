import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isPlainObject } from '../http-util';
import type { Clock } from '../types';

/**
 * `urllink.generate` (URL Link, 获取加密 URL Link): a link such as `https://wxaurl.cn/<ticket>` that opens the
 * mini-program at a page from an SMS, an e-mail or a web page. The request is checked as the WeChat docs
 * (generateUrlLink) describe; localcloud cannot know which pages the released mini-program has, so `path` is
 * checked for form only. Every link is kept (in `<data>/openapi/urllinks.jsonl`, so links in messages already
 * sent still open after a restart) and resolved by `/_dev/urllinks/<ticket>`.
 */

/** The request after the SDK's camelCase → snake_case conversion. */
export interface UrlLinkRequest {
  path?: unknown;
  query?: unknown;
  is_expire?: unknown;
  expire_type?: unknown;
  expire_time?: unknown;
  expire_interval?: unknown;
  env_version?: unknown;
  cloud_base?: unknown;
}

export interface UrlLink {
  ticket: string;
  url: string;
  /** the page, '' for the mini-program's home page */
  path: string;
  query: string;
  envVersion: 'release' | 'trial' | 'develop';
  /** localcloud clock times, epoch ms */
  createdAt: number;
  expiresAt: number;
  /** the function that generated it, when a function did */
  generatedBy?: string;
}

export type CheckedUrlLink =
  | { ok: true; link: Pick<UrlLink, 'path' | 'query' | 'envVersion' | 'expiresAt'> }
  | { ok: false; errcode: number; errmsg: string };

const DAY_MS = 24 * 3600_000;
/** Since 2023-12-19 no URL Link is permanent: 30 days at most, which is also what a link naming no expiry gets. */
const MAX_LIFETIME_MS = 30 * DAY_MS;
const QUERY = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~%]*$/;
const PAGE_PATH = /^\/?[A-Za-z0-9_\-.]+(\/[A-Za-z0-9_\-.]+)*$/;
const ENV_VERSIONS = new Set(['release', 'trial', 'develop']);

export function checkUrlLink(request: UrlLinkRequest, now: number): CheckedUrlLink {
  const { path: page = '', query = '', env_version: envVersion = 'release' } = request;
  if (typeof page !== 'string' || page.length > 1024 || (page !== '' && !PAGE_PATH.test(page))) {
    return refuse(40165, 'invalid weapp pagepath (a page path without query, e.g. pages/index/index)');
  }
  if (typeof query !== 'string' || query.length > 1024 || !QUERY.test(query)) {
    return refuse(40212, "invalid query: at most 1024 of digits, letters and !#$&'()*+,/:;=?@-._~%");
  }
  if (typeof envVersion !== 'string' || !ENV_VERSIONS.has(envVersion)) {
    return refuse(85402, 'invalid env_version: release, trial or develop');
  }
  const expiresAt = expiry(request, now);
  if (typeof expiresAt !== 'number') return expiresAt;
  return {
    ok: true,
    link: { path: page, query, envVersion: envVersion as UrlLink['envVersion'], expiresAt },
  };
}

/**
 * When the link stops working, or the refusal of its expiry fields. `expire_type` 1 counts `expire_interval` days,
 * 0 (the default) ends at `expire_time` (Unix seconds), 1 minute to 30 days ahead. A request naming no expiry (as
 * permanent links were asked for before 2023-12-19, `is_expire` false or absent) gets the longest life, 30 days;
 * `is_expire: true` with expire_type 0 and no expire_time is refused, as the docs make expire_time required there.
 */
function expiry(request: UrlLinkRequest, now: number): number | Extract<CheckedUrlLink, { ok: false }> {
  const { is_expire: isExpire, expire_type: type = 0, expire_time: time, expire_interval: interval } = request;
  if (isExpire !== undefined && typeof isExpire !== 'boolean') return refuse(47001, 'data format error: is_expire');
  if (type !== 0 && type !== 1) return refuse(47001, 'data format error: expire_type is 0 or 1');
  const outOfRange = refuse(85401, 'time limit between 1min and 30days');
  if (type === 1) {
    if (!Number.isInteger(interval) || (interval as number) < 1 || (interval as number) > 30) return outOfRange;
    return now + (interval as number) * DAY_MS;
  }
  if (time === undefined) return isExpire === true ? outOfRange : now + MAX_LIFETIME_MS;
  if (!Number.isInteger(time)) return outOfRange;
  const at = (time as number) * 1000;
  if (at - now < 60_000 || at - now > MAX_LIFETIME_MS) return outOfRange;
  return at;
}

function refuse(errcode: number, errmsg: string): Extract<CheckedUrlLink, { ok: false }> {
  return { ok: false, errcode, errmsg };
}

/** Every link generated, kept across restarts. */
export class UrlLinks {
  private readonly links = new Map<string, UrlLink>();
  private readonly file: string;

  constructor(
    dataDir: string,
    private readonly clock: Clock,
  ) {
    this.file = path.join(dataDir, 'openapi', 'urllinks.jsonl');
    if (existsSync(this.file)) {
      for (const line of readFileSync(this.file, 'utf8').split('\n')) {
        // a torn last line (a crash mid-write) is a link never handed out
        try {
          const link = JSON.parse(line) as unknown;
          if (isPlainObject(link) && typeof link.ticket === 'string')
            this.links.set(link.ticket, link as unknown as UrlLink);
        } catch {
          continue;
        }
      }
    }
  }

  add(link: Omit<UrlLink, 'ticket' | 'url'>): UrlLink {
    let ticket: string;
    do ticket = newTicket();
    while (this.links.has(ticket));
    const full: UrlLink = { ticket, url: `https://wxaurl.cn/${ticket}`, ...link };
    mkdirSync(path.dirname(this.file), { recursive: true });
    appendFileSync(this.file, `${JSON.stringify(full)}\n`);
    this.links.set(ticket, full);
    return full;
  }

  list(): UrlLink[] {
    return [...this.links.values()];
  }

  /** The link by its ticket or its whole URL (a `?cq=` the sender appended is left out). */
  find(ticketOrUrl: string): UrlLink | undefined {
    const ticket = ticketOrUrl.replace(/^https:\/\/(wxaurl|wxmpurl)\.cn\//, '').replace(/\?.*$/, '');
    return this.links.get(ticket);
  }

  expired(link: UrlLink): boolean {
    return this.clock.now() >= link.expiresAt;
  }
}

/** Like the platform's tickets (`BQZRrcFCPvg`): 11 letters and digits. */
function newTicket(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(11)].map((b) => alphabet[b % alphabet.length]).join('');
}
