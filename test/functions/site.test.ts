import * as fc from 'fast-check';
import type {
  SiteCurrentResponse,
  SiteDoorsResponse,
  SiteListResponse,
  SiteMineResponse,
  SiteSelectResponse,
} from '../../miniprogram/core/api/site';
import type { Envelope } from '../../miniprogram/core/envelope';
import { DEMO_OPENIDS, useAppCloud } from '../support/app-cloud';

// The `site` function (R6) through the dev gateway: the real bundle, the real SDK, localcloud.

const app = useAppCloud();
const { resident, resident2, newcomer, guard, admin } = DEMO_OPENIDS;

const list = (event: object, openid: string = resident) =>
  app.call<Envelope<SiteListResponse>>('site', { action: 'list', ...event }, openid);
const select = (siteId: unknown, requestId: unknown, openid: string = resident) =>
  app.call<Envelope<SiteSelectResponse>>('site', { action: 'select', siteId, requestId }, openid);
const current = (openid: string, extra: object = {}) =>
  app.call<Envelope<SiteCurrentResponse>>('site', { action: 'current', ...extra }, openid);
const mySites = (openid: string) => app.call<Envelope<SiteMineResponse>>('site', { action: 'mine' }, openid);
const doors = (siteId: unknown, openid: string) =>
  app.call<Envelope<SiteDoorsResponse>>('site', { action: 'doors', siteId }, openid);

/** Answers kept for retries of `select`. */
const recorded = () => app.lc.db.count('requests', { function: 'site', action: 'select' });

function data<T>(envelope: Envelope<T>): T {
  if (!envelope.ok) throw new Error(`expected ok, got ${envelope.code}: ${envelope.message}`);
  return envelope.data;
}

describe('list', () => {
  test('lists the demo sites in pinyin order, 20 to a page by default', async () => {
    const page = data(await list({}));
    expect(page.total).toBe(8);
    expect(page.items.map((s) => s.name)).toEqual([
      '滨江华府',
      '翠微小区',
      '福源楼',
      '海信创业中心',
      '海信慧园',
      '河西金鹰',
      '鸿锦阁',
      '锦绣家园',
    ]);
    expect(page.items[4]).toEqual({
      id: 'site-haixin-huiyuan',
      name: '海信慧园',
      address: '山东省青岛市市南区镇江南路6号',
      phone: '0532-8588 6600',
    });
    // a site without a property phone has no field for it
    expect(page.items[0]).not.toHaveProperty('phone');
    expect(page).toMatchObject({ page: 1, pageSize: 20, hasMore: false });
  });

  test('pages through with page and pageSize', async () => {
    const first = data(await list({ page: 1, pageSize: 3 }));
    const third = data(await list({ page: 3, pageSize: 3 }));
    expect(first.items).toHaveLength(3);
    expect(first.hasMore).toBe(true);
    expect(third.items.map((s) => s.name)).toEqual(['鸿锦阁', '锦绣家园']);
    expect(third.hasMore).toBe(false);
  });

  test.each([
    ['海信', ['海信创业中心', '海信慧园']],
    ['深圳', ['福源楼', '鸿锦阁']],
    ['hxhy', ['海信慧园']],
    ['HongJin', ['鸿锦阁']],
    ['6号', ['海信慧园']],
    ['no such place', []],
    ['.*', []],
  ])('search %p finds %p', async (keyword, names) => {
    const page = data(await list({ keyword }));
    expect(page.items.map((s) => s.name)).toEqual(names);
    expect(page.total).toBe(names.length);
  });
});

describe('select and current', () => {
  test('a newcomer has no current site until choosing one; the choice persists', async () => {
    expect(data(await current(newcomer)).site).toBeNull();
    const chosen = data(await select('site-hongjin-ge', 'req-newcomer-1', newcomer));
    expect(chosen.site.name).toBe('鸿锦阁');
    expect(data(await current(newcomer)).site).toEqual(chosen.site);
  });

  test('a retry with the same requestId answers the same and changes nothing more', async () => {
    const first = await select('site-fuyuan-lou', 'req-retry-0001', resident2);
    const before = recorded();
    const again = await Promise.all(
      Array.from({ length: 20 }, () => select('site-fuyuan-lou', 'req-retry-0001', resident2)),
    );
    for (const answer of again) expect(answer).toEqual(first);
    expect(recorded()).toBe(before);
  });

  test('the same requestId with another site is refused', async () => {
    await select('site-fuyuan-lou', 'req-reused-0001', resident2);
    const reused = await select('site-hongjin-ge', 'req-reused-0001', resident2);
    expect(reused).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
    expect(data(await current(resident2)).site?.name).toBe('福源楼');
  });

  test('an unknown site is NOT_FOUND and changes nothing', async () => {
    const before = data(await current(resident)).site;
    expect(await select('site-nowhere', 'req-unknown-001')).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
      message: '该场区不存在',
    });
    expect(data(await current(resident)).site).toEqual(before);
  });

  test('select without a requestId is refused', async () => {
    expect(await select('site-hongjin-ge', undefined)).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
  });

  test('20 first calls at once from one new WeChat user create exactly one user', async () => {
    const openid = 'first-time-visitor';
    const answers = await Promise.all(Array.from({ length: 20 }, () => current(openid)));
    expect(answers.every((a) => a.ok)).toBe(true);
    expect(await app.lc.db.find('users', { openid }, {})).toHaveLength(1);
  });
});

describe('who the caller is, where', () => {
  test('current says the roles at the current site: a resident, a guard, an administrator, nobody', async () => {
    expect(data(await current(resident))).toMatchObject({ site: { id: 'site-haixin-huiyuan' }, roles: ['resident'] });
    expect(data(await current(guard)).roles).toEqual(['guard']);
    expect(data(await current(admin)).roles).toEqual(['admin']);
    const stranger = 'wx-site-stranger';
    expect(data(await current(stranger))).toEqual({ site: null, roles: [] });
    await select('site-haixin-huiyuan', 'req-stranger-001', stranger);
    expect(data(await current(stranger)).roles).toEqual([]);
  });

  test('mine lists the sites where the caller lives, with the houses, residences first', async () => {
    expect(data(await mySites(resident2)).items).toEqual([
      {
        id: 'site-haixin-huiyuan',
        name: '海信慧园',
        address: '山东省青岛市市南区镇江南路6号',
        phone: '0532-8588 6600',
        roles: ['resident'],
        houses: ['5栋1单元101'],
      },
      {
        id: 'site-hongjin-ge',
        name: '鸿锦阁',
        address: '广东省深圳市罗湖区沿河南路3018号',
        phone: '0755-2556 3018',
        roles: ['resident'],
        houses: ['8栋1单元1203'],
      },
    ]);
    expect(data(await mySites(guard)).items).toMatchObject([
      { id: 'site-haixin-huiyuan', roles: ['guard'], houses: [] },
    ]);
    expect(data(await mySites(newcomer)).items).toEqual([]);
  });

  test("doors lists the site's gates, the default first, to its guards and administrators only", async () => {
    const gates = [
      { id: 'door-hx-east', name: '东门', isDefault: true },
      { id: 'door-hx-north', name: '北门', isDefault: false },
    ];
    expect(data(await doors('site-haixin-huiyuan', guard)).items).toEqual(gates);
    expect(data(await doors('site-haixin-huiyuan', admin)).items).toEqual(gates);
    expect(await doors('site-haixin-huiyuan', resident)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await doors('site-hongjin-ge', guard)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await doors({ $ne: null }, guard)).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
    expect(await doors(undefined, guard)).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
  });
});

describe('identity and bad input', () => {
  test('no WeChat identity → UNAUTHENTICATED', async () => {
    expect(await app.call('site', { action: 'list' })).toEqual({
      ok: false,
      code: 'UNAUTHENTICATED',
      message: '请先登录',
    });
  });

  test('an openid or userInfo in the event changes nothing', async () => {
    const mine = data(await current(resident)).site;
    const spoofed = await current(newcomer, { openid: resident, userInfo: { openId: resident }, OPENID: resident });
    expect(data(spoofed).site).not.toEqual(mine);
    await select('site-jinxiu-jiayuan', 'req-spoof-0001', newcomer);
    expect(data(await current(resident)).site).toEqual(mine);
  });

  test.each([
    [{}, 'NOT_FOUND'],
    [{ action: 'drop' }, 'NOT_FOUND'],
    [{ action: 'constructor' }, 'NOT_FOUND'],
    [{ action: '__proto__' }, 'NOT_FOUND'],
    [{ action: 42 }, 'NOT_FOUND'],
    [{ action: 'list', keyword: { $ne: null } }, 'INVALID_ARGUMENT'],
    [{ action: 'list', keyword: 'x'.repeat(31) }, 'INVALID_ARGUMENT'],
    [{ action: 'list', page: 0 }, 'INVALID_ARGUMENT'],
    [{ action: 'list', page: '2' }, 'INVALID_ARGUMENT'],
    [{ action: 'list', pageSize: 51 }, 'INVALID_ARGUMENT'],
    [{ action: 'select', siteId: { $gt: '' }, requestId: 'req-smuggle-01' }, 'INVALID_ARGUMENT'],
    [{ action: 'select', siteId: 'site-hongjin-ge', requestId: 'short' }, 'INVALID_ARGUMENT'],
    [{ action: 'select', siteId: 'a/b', requestId: 'req-slash-0001' }, 'INVALID_ARGUMENT'],
  ])('%j → %s', async (event, code) => {
    const answer = (await app.call('site', event, resident)) as Envelope<unknown>;
    expect(answer).toMatchObject({ ok: false, code });
    expect(JSON.stringify(answer)).not.toMatch(/\bat .+\.js:\d+/);
  });

  test('a body that is not an event object is refused before the function runs', async () => {
    for (const body of ['[]', '"list"', 'null', '17']) {
      const res = await fetch(`${app.lc.url}/fn/site`, {
        method: 'POST',
        headers: { 'x-wx-openid': resident, 'content-type': 'application/json' },
        body,
      });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ errCode: expect.any(Number), errMsg: expect.any(String) });
    }
  });

  test('any JSON to any action gets an envelope: ok, or a known refusal — never INTERNAL', async () => {
    const event = fc.record(
      {
        action: fc.constantFrom('list', 'select', 'current'),
        siteId: fc.jsonValue(),
        keyword: fc.jsonValue(),
        page: fc.jsonValue(),
        pageSize: fc.jsonValue(),
        requestId: fc.jsonValue(),
      },
      { requiredKeys: ['action'] },
    );
    await fc.assert(
      fc.asyncProperty(event, async (e) => {
        const answer = (await app.call('site', e, resident)) as Envelope<unknown>;
        if (answer.ok) return;
        expect(['INVALID_ARGUMENT', 'NOT_FOUND', 'CONFLICT']).toContain(answer.code);
        expect(answer.message).toMatch(/[\u4e00-\u9fa5]/);
      }),
      { numRuns: 150 },
    );
  });
});
