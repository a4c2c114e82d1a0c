import { optionsFromEnv } from '../../localcloud';
import { repoRoot, startTestCloud, useTestCloud, type TestCloud } from './harness';

let lc: TestCloud;
let functionsDir: string;

useTestCloud(
  (started) => {
    ({ lc, functionsDir } = started);
  },
  { fixtureFunctions: true },
);

/** A mini-program call through the dev gateway. */
function callFn(
  name: string,
  event: unknown,
  openid?: string,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${lc.url}/fn/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(openid ? { 'x-wx-openid': openid } : {}), ...headers },
    body: typeof event === 'string' ? event : JSON.stringify(event),
  });
}

/** A JSON reply, walked field by field in assertions. */
type Reply = { [key: string]: Reply };

async function json(res: Response): Promise<Reply> {
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  return (await res.json()) as Reply;
}

describe('POST /fn/<name>', () => {
  test('the caller is the X-WX-OPENID header, whatever the event says', async () => {
    const event = { action: 'whoami', openid: 'mallory', userInfo: { openId: 'mallory' } };
    const res = await callFn('whoami', event, 'alice', { 'x-wx-unionid': 'union-alice' });
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.wx).toEqual({
      OPENID: 'alice',
      APPID: 'wx0000000000000000',
      UNIONID: 'union-alice',
      CLIENTIP: '127.0.0.1',
      ENV: lc.envId,
      SOURCE: 'wx_client',
    });
    expect(body.event).toEqual(event);
    expect(res.headers.get('x-localcloud-db-calls')).toBe('0');
    expect(Number(res.headers.get('x-localcloud-duration-ms'))).toBeGreaterThanOrEqual(0);
  });

  test('no header is an anonymous call: no OPENID, no APPID', async () => {
    const body = await json(await callFn('whoami', {}, undefined));
    expect(body.wx).toEqual({ CLIENTIP: '127.0.0.1', ENV: lc.envId, SOURCE: 'wx_client' });
  });

  test('X-WX-CLIENTIP is the CLIENTIP getWXContext() reports; anything but an IP address is refused', async () => {
    const v4 = await json(await callFn('whoami', {}, 'alice', { 'x-wx-clientip': '10.1.2.3' }));
    expect(v4.wx.CLIENTIP).toBe('10.1.2.3');
    const v6 = await json(await callFn('whoami', {}, 'alice', { 'x-wx-clientip': '2408:8207::1' }));
    expect(v6.wx.CLIENTIP).toBe('2408:8207::1');
    const bad = await callFn('whoami', {}, 'alice', { 'x-wx-clientip': 'not-an-ip' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'INVALID_HEADER' });
  });

  test('an empty body is an empty event', async () => {
    const res = await fetch(`${lc.url}/fn/whoami`, { method: 'POST', headers: { 'x-wx-openid': 'alice' } });
    expect((await json(res)).event).toEqual({});
  });

  test('parallel callers each get their own identity, in separate instances', async () => {
    const calls = Array.from({ length: 10 }, async (_, i) => {
      const openid = `gw-${i}`;
      const slow = await json(await callFn('sleepy', { ms: 200 }, openid));
      const quick = await json(await callFn('whoami', {}, openid));
      return { openid, slow, quick };
    });
    const results = await Promise.all(calls);
    for (const { openid, slow, quick } of results) {
      expect([slow.before, slow.after, quick.wx.OPENID]).toEqual([openid, openid, openid]);
    }
    expect(new Set(results.map((result) => result.slow.pid)).size).toBeGreaterThan(1);
  });

  test('X-Localcloud-Db-Calls counts the database calls behind the request', async () => {
    const res = await callFn('dbcounter', {}, 'alice');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-localcloud-db-calls')).toBe('2');
    const nested = await callFn('caller', { target: 'dbcounter' }, 'alice');
    expect(nested.headers.get('x-localcloud-db-calls')).toBe('2');
  });

  test('callFunction inside a function keeps the gateway caller', async () => {
    const body = await json(await callFn('caller', { data: { x: 1 } }, 'carol'));
    expect(body.callee.wx).toMatchObject({ OPENID: 'carol', SOURCE: 'wx_client,scf' });
  });

  test('a thrown error is 502 {errCode, errMsg} with no stack', async () => {
    const res = await callFn('thrower', { message: '余额不足' }, 'alice');
    expect(res.status).toBe(502);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ errCode: -504002, errMsg: '余额不足', code: 'FUNCTIONS_EXECUTE_FAIL' });
    expect(text).not.toMatch(/\bat |index\.js/);
  });

  test('a timeout is 504 and names the limit', async () => {
    const res = await callFn('sleepy', { ms: 4000 }, 'alice');
    expect(res.status).toBe(504);
    expect(await json(res)).toMatchObject({ errCode: -504002, errMsg: 'Invoking task timed out after 1 seconds' });
  });

  test('a crash is 502, and the function works again on the next call', async () => {
    const crashed = await callFn('crasher', {}, 'alice');
    expect(crashed.status).toBe(502);
    expect(await json(crashed)).toMatchObject({ code: 'FUNCTION_CRASHED' });
    const next = await callFn('crasher', { crash: false }, 'alice');
    expect(next.status).toBe(200);
    expect(next.headers.get('x-localcloud-cold-start')).toBe('1');
  });

  test('an unknown function is 404 JSON', async () => {
    const res = await callFn('no-such-function', {}, 'alice');
    expect(res.status).toBe(404);
    expect(await json(res)).toMatchObject({ errCode: -504001, code: 'FUNCTION_NOT_FOUND' });
    expect((await callFn('..%2Fwhoami', {}, 'alice')).status).toBe(404);
  });

  test('a malformed body is 400 JSON', async () => {
    const bad = await callFn('whoami', '{"action": ', 'alice');
    expect(bad.status).toBe(400);
    expect(await json(bad)).toMatchObject({ code: 'INVALID_JSON' });
    const array = await callFn('whoami', '[1, 2]', 'alice');
    expect(array.status).toBe(400);
    expect(await json(array)).toMatchObject({ code: 'INVALID_EVENT' });
  });

  test('a body over the 6 MB event limit is 413', async () => {
    const res = await callFn('whoami', { blob: 'x'.repeat(7 * 1024 * 1024) }, 'alice');
    expect(res.status).toBe(413);
    expect(await json(res)).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });
});

describe('/http/<name>/... (HTTP access service)', () => {
  test('a POST becomes the integration request (the route /<name> stripped); its response becomes the reply', async () => {
    const res = await fetch(`${lc.url}/http/httpecho/devices/7?code=abc&n=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-device': 'gate-1' },
      body: JSON.stringify({ scan: 'QR' }),
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-echo')).toBe('yes');
    const { event } = await json(res);
    expect(event).toMatchObject({
      path: '/devices/7',
      httpMethod: 'POST',
      queryStringParameters: { code: 'abc', n: '1' },
      body: '{"scan":"QR"}',
      isBase64Encoded: false,
      requestContext: { envId: lc.envId, requestId: expect.any(String) },
    });
    expect(event.headers).toMatchObject({ 'content-type': 'application/json', 'x-device': 'gate-1' });
    expect(event.multiValueHeaders['x-device']).toEqual(['gate-1']);
  });

  test('the route itself is handed over as /', async () => {
    for (const url of [`${lc.url}/http/httpecho`, `${lc.url}/http/httpecho/`]) {
      expect((await json(await fetch(url))).event.path).toBe('/');
    }
  });

  test('with 路径透传 (httpPathPassthrough) the function gets the full path, route included', async () => {
    const passthrough = await startTestCloud({ functionsDir, httpPathPassthrough: true });
    try {
      const deep = await json(await fetch(`${passthrough.url}/http/httpecho/devices/7?code=abc`));
      expect(deep.event).toMatchObject({ path: '/httpecho/devices/7', queryStringParameters: { code: 'abc' } });
      expect((await json(await fetch(`${passthrough.url}/http/httpecho`))).event.path).toBe('/httpecho');
    } finally {
      await passthrough.stop();
    }
  });

  test('LOCALCLOUD_HTTP_PATH_PASSTHROUGH=1 turns 路径透传 on for localcloud/main.ts; unset, it is off', () => {
    expect(optionsFromEnv(repoRoot, { LOCALCLOUD_HTTP_PATH_PASSTHROUGH: '1' }).httpPathPassthrough).toBe(true);
    expect(optionsFromEnv(repoRoot, { LOCALCLOUD_HTTP_PATH_PASSTHROUGH: '0' }).httpPathPassthrough).toBe(false);
    expect(optionsFromEnv(repoRoot, {}).httpPathPassthrough).toBe(false);
  });

  test('GET works, a string reply is text/plain and an object reply is JSON', async () => {
    const text = await fetch(`${lc.url}/http/httpecho/text`);
    expect(text.status).toBe(200);
    expect(text.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await text.text()).toBe('plain text');
    const object = await fetch(`${lc.url}/http/httpecho/object`);
    expect(await json(object)).toEqual({ plain: true });
  });

  test('binary bodies travel base64-encoded both ways', async () => {
    const bytes = Buffer.from([0, 1, 2, 250, 255]);
    const res = await fetch(`${lc.url}/http/httpecho/upload`, {
      method: 'PUT',
      headers: { 'content-type': 'application/octet-stream' },
      body: bytes,
    });
    const { event } = await json(res);
    expect(event).toMatchObject({ httpMethod: 'PUT', isBase64Encoded: true, body: bytes.toString('base64') });
    const image = await fetch(`${lc.url}/http/httpecho/binary`);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await image.arrayBuffer())).toEqual(Buffer.from('iVBORw0KGgo=', 'base64'));
  });

  test('the function runs with SOURCE wx_http and no user', async () => {
    const res = await fetch(`${lc.url}/http/whoami`, { headers: { 'x-wx-openid': 'alice' } });
    expect((await json(res)).wx).toEqual({ ENV: lc.envId, SOURCE: 'wx_http' });
  });

  test('an unknown function is 404, a failing one 502', async () => {
    expect((await fetch(`${lc.url}/http/no-such-function/x`)).status).toBe(404);
    expect((await fetch(`${lc.url}/http/`)).status).toBe(404);
    expect((await fetch(`${lc.url}/http/thrower`)).status).toBe(502);
  });
});

test('localcloud is still up and serving after all of the above', async () => {
  expect((await fetch(`${lc.url}/nowhere`)).status).toBe(404);
  const res = await callFn('whoami', {}, 'last');
  expect(res.status).toBe(200);
  expect((await json(res)).wx.OPENID).toBe('last');
});
