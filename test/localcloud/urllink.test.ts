import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { UrlLink } from '../../localcloud';
import { useTestCloud, type TestCloud } from './harness';

// urllink.generate (URL Link) from a cloud function through the real SDK's cloud call (wx.openApi), the links
// resolved at /_dev/urllinks, and config.json permissions.openapi enforced as the platform enforces it.

let lc: TestCloud;

useTestCloud(
  (started) => {
    lc = started.lc;
    // the ticker fixture declares urllink.generate; the same bundle without the permission:
    const dir = path.join(started.functionsDir, 'nolinks');
    mkdirSync(dir, { recursive: true });
    copyFileSync(path.join(started.functionsDir, 'ticker', 'index.js'), path.join(dir, 'index.js'));
    writeFileSync(
      path.join(dir, 'config.json'),
      JSON.stringify({ permissions: { openapi: ['subscribeMessage.send'] } }),
    );
  },
  { fixtureFunctions: true },
);

afterEach(() => {
  lc.clock.setFrozen(false);
  lc.clock.setOffset(0);
});

/** What the SDK answered the function: `{errCode, errMsg, urlLink?}`. */
async function generate(data: object, fn = 'ticker'): Promise<{ errCode: number; errMsg: string; urlLink?: string }> {
  const run = await lc.functions.invoke(fn, { openapi: { api: 'urllink.generate', data } }, { source: 'wx_client' });
  if (!run.ok) throw new Error(run.message);
  return (run.result as { openapi: { errCode: number; errMsg: string; urlLink?: string } }).openapi;
}

const resolve = (ticketOrUrl: string) => fetch(`${lc.url}/_dev/urllinks/${encodeURIComponent(ticketOrUrl)}`);

test('a link to a page and query, listed and resolved to them', async () => {
  const answer = await generate({
    path: 'packages/visitors/pages/visit/index',
    query: 'id=v1&from=sms',
    expireType: 1,
    expireInterval: 7,
    envVersion: 'trial',
  });
  expect(answer).toMatchObject({ errCode: 0, errMsg: 'openapi.urllink.generate:ok' });
  expect(answer.urlLink).toMatch(/^https:\/\/wxaurl\.cn\/[A-Za-z0-9]{11}$/);
  const ticket = (answer.urlLink as string).slice('https://wxaurl.cn/'.length);

  const res = await resolve(ticket);
  expect(res.status).toBe(200);
  const { link } = (await res.json()) as { link: UrlLink & { expired: boolean } };
  expect(link).toMatchObject({
    ticket,
    url: answer.urlLink,
    path: 'packages/visitors/pages/visit/index',
    query: 'id=v1&from=sms',
    envVersion: 'trial',
    generatedBy: 'ticker',
    expired: false,
  });
  expect(link.expiresAt - link.createdAt).toBe(7 * 24 * 3600_000);
  // the whole URL resolves too, with a ?cq= the sender appended
  expect((await resolve(`${answer.urlLink}?cq=a%3D1`)).status).toBe(200);

  const { links } = (await (await fetch(`${lc.url}/_dev/urllinks`)).json()) as { links: UrlLink[] };
  expect(links.map((l) => l.ticket)).toContain(ticket);
  expect((await resolve('NoSuchTicket')).status).toBe(404);
});

test('a link expires by localcloud’s clock: 410 once past, with the page still named', async () => {
  const now = Date.parse('2030-01-01T00:00:00Z');
  lc.clock.setOffset(now - Date.now());
  lc.clock.setFrozen(true);
  const answer = await generate({ path: 'pages/home/index', expireType: 0, expireTime: now / 1000 + 3600 });
  const ticket = (answer.urlLink as string).split('/').pop() as string;
  lc.clock.setOffset(now + 3600_000 - Date.now());
  const res = await resolve(ticket);
  expect(res.status).toBe(410);
  expect(await res.json()).toMatchObject({
    code: 'URL_LINK_EXPIRED',
    link: { path: 'pages/home/index', expired: true },
  });
});

test('a request naming no expiry gets the longest life the platform gives, 30 days', async () => {
  const answer = await generate({ path: 'pages/home/index' });
  const link = lc.openapi.urlLinks.find(answer.urlLink as string) as UrlLink;
  expect(link.expiresAt - link.createdAt).toBe(30 * 24 * 3600_000);
  expect(link).toMatchObject({ envVersion: 'release', query: '' });
});

test.each([
  [
    'expire_time under a minute ahead',
    85401,
    () => ({ expireType: 0, expireTime: Math.floor(lc.clock.now() / 1000) + 30 }),
  ],
  [
    'expire_time over 30 days ahead',
    85401,
    () => ({ expireType: 0, expireTime: Math.floor(lc.clock.now() / 1000) + 31 * 86400 }),
  ],
  ['expire_interval 0', 85401, () => ({ expireType: 1, expireInterval: 0 })],
  ['expire_interval 31', 85401, () => ({ expireType: 1, expireInterval: 31 })],
  ['expire_type 1 without an interval', 85401, () => ({ expireType: 1 })],
  ['is_expire with expire_type 0 and no expire_time', 85401, () => ({ isExpire: true, expireType: 0 })],
  ['expire_type 2', 47001, () => ({ expireType: 2 })],
  ['a path carrying a query', 40165, () => ({ path: 'pages/home/index?x=1' })],
  ['a query with a space', 40212, () => ({ query: 'a=1 b' })],
  ['a query over 1024 characters', 40212, () => ({ query: 'a'.repeat(1025) })],
  ['an unknown env_version', 85402, () => ({ envVersion: 'beta' })],
])('%s is refused with %d', async (_label, errcode, request) => {
  const before = lc.openapi.urlLinks.list().length;
  expect((await generate(request())).errCode).toBe(errcode);
  expect(lc.openapi.urlLinks.list()).toHaveLength(before);
});

test('a function whose config.json does not list urllink.generate is refused with -604101', async () => {
  const before = lc.openapi.urlLinks.list().length;
  const answer = await generate({ path: 'pages/home/index' }, 'nolinks');
  expect(answer.errCode).toBe(-604101);
  expect(lc.openapi.urlLinks.list()).toHaveLength(before);
  // the permission that is listed still works for it, and a call it does not list is refused for ticker too
  const run = await lc.functions.invoke(
    'ticker',
    {
      openapi: {
        api: 'subscribeMessage.send',
        data: { touser: 'o1', templateId: 't', data: { thing1: { value: 'x' } } },
      },
    },
    { source: 'wx_client' },
  );
  expect((run.ok && (run.result as { openapi: { errCode: number } }).openapi.errCode) || undefined).toBe(-604101);
});
