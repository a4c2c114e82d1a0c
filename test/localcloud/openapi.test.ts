import { decodeCommApiData, encodeCommOpenApiResp } from '../../localcloud/openapi/protobuf';
import type { SubscribeMessageRecord } from '../../localcloud/openapi';
import { useTestCloud, type TestCloud, type WxServerSdk } from './harness';

let lc: TestCloud;
let cloud: WxServerSdk;

useTestCloud((started) => {
  ({ lc, sdk: cloud } = started);
});
afterEach(() => lc.openapi.clearFailures());

function send(touser: string, overrides: Record<string, unknown> = {}) {
  return cloud.openapi.subscribeMessage.send({
    touser,
    templateId: 'visitor-booking-approved',
    page: 'pages/booking/index?id=b1',
    data: { thing1: { value: '访客预约已通过' }, time2: { value: '2024年10月1日 15:01' } },
    miniprogramState: 'developer',
    lang: 'zh_CN',
    ...overrides,
  });
}

async function failure(promise: Promise<unknown>): Promise<{ errCode: number; errMsg: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { errCode: number; errMsg: string };
  }
  throw new Error('expected the call to fail');
}

function sent(touser: string): SubscribeMessageRecord[] {
  return lc.outbox
    .list({ kind: 'subscribeMessage', recipient: touser })
    .map((e) => e.payload as SubscribeMessageRecord);
}

test('subscribeMessage.send succeeds and lands in the outbox', async () => {
  expect(await send('o-ok')).toMatchObject({ errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' });
  expect(sent('o-ok')).toEqual([
    {
      templateId: 'visitor-booking-approved',
      page: 'pages/booking/index?id=b1',
      data: { thing1: { value: '访客预约已通过' }, time2: { value: '2024年10月1日 15:01' } },
      miniprogramState: 'developer',
      lang: 'zh_CN',
      status: 'delivered',
      errcode: 0,
      errmsg: 'ok',
    },
  ]);
});

test('failNext(43101) makes the SDK throw errCode 43101 and the outbox marks the send failed', async () => {
  lc.openapi.failNext(43101, 'user refuse to accept the msg');
  const error = await failure(send('o-quota'));
  expect(error.errCode).toBe(43101);
  expect(error.errMsg).toContain('user refuse to accept the msg');
  await send('o-quota');
  expect(sent('o-quota').map((m) => [m.status, m.errcode])).toEqual([
    ['failed', 43101],
    ['delivered', 0],
  ]);
});

test('a thing value over 20 characters is refused with 47003, not sent, and does not use up a failure', async () => {
  lc.openapi.failNext(43101, 'user refuse to accept the msg');
  const error = await failure(
    send('o-long', { data: { thing1: { value: '一二三四五六七八九十一二三四五六七八九十一' } } }),
  );
  expect(error.errCode).toBe(47003);
  expect(error.errMsg).toContain('data.thing1.value');
  expect(sent('o-long')).toEqual([]);
  expect(lc.openapi.pendingFailures()).toBe(1);
  // exactly 20 characters is fine (and here meets the queued failure)
  expect((await failure(send('o-long', { data: { thing1: { value: 'x'.repeat(20) } } }))).errCode).toBe(43101);
});

test.each([
  ['missing touser', 40003, { touser: undefined }],
  ['missing templateId', 40037, { templateId: undefined }],
  ['empty data', 47003, { data: {} }],
  ['empty keyword value', 47003, { data: { thing1: { value: '' } } }],
  ['number that is not a number', 47003, { data: { number1: { value: '12a' } } }],
  ['unknown miniprogramState', 47003, { miniprogramState: 'beta' }],
])('%s → errcode %d', async (_label, errcode, overrides) => {
  expect((await failure(send('o-invalid', overrides))).errCode).toBe(errcode);
  expect(sent('o-invalid')).toEqual([]);
});

test('POST /_dev/openapi queues failures over HTTP; DELETE or {clear: true} drops them', async () => {
  const post = (body: unknown) =>
    fetch(`${lc.url}/_dev/openapi`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const queued = await post({ errcode: 43101, errmsg: 'user refuse to accept the msg', times: 2 });
  expect(await queued.json()).toEqual({
    pending: [{ errcode: 43101, errmsg: 'user refuse to accept the msg', remaining: 2 }],
  });
  expect((await failure(send('o-dev'))).errCode).toBe(43101);
  expect((await failure(send('o-dev'))).errCode).toBe(43101);
  await send('o-dev');

  expect((await post({ errcode: 'nope' })).status).toBe(400);
  await post({ errcode: 43101 });
  await fetch(`${lc.url}/_dev/openapi`, { method: 'DELETE' });
  await send('o-dev');
  await post({ errcode: 43101, apiName: 'subscribeMessage.send' });
  expect(await (await fetch(`${lc.url}/_dev/openapi`)).json()).toMatchObject({ pending: [{ errcode: 43101 }] });
  expect(await (await post({ clear: true })).json()).toEqual({ pending: [] });
  await send('o-dev');
  expect(sent('o-dev').map((m) => m.status)).toEqual(['failed', 'failed', 'delivered', 'delivered', 'delivered']);
});

test('an API localcloud does not emulate answers -604101, as an unpermitted API does', async () => {
  const openapi = cloud.openapi as unknown as Record<string, Record<string, (data: object) => Promise<unknown>>>;
  expect((await failure(openapi.security.msgSecCheck({ content: 'hi' }))).errCode).toBe(-604101);
});

test('malformed multipart on POST /tcb is a 400 with a JSON error, and the server stays up', async () => {
  const res = await fetch(`${lc.url}/tcb`, {
    method: 'POST',
    headers: { 'content-type': 'multipart/form-data; boundary=xyz' },
    body: '--xyz\r\nContent-Disposition: form-data; name="action"\r\n\r\nwx.openApi',
  });
  expect(res.status).toBe(400);
  expect(await res.json()).toMatchObject({
    code: 'INVALID_MULTIPART',
    message: expect.stringContaining('closing boundary'),
  });
  expect(await send('o-after-bad-multipart')).toMatchObject({ errCode: 0 });
});

test('wx.openApi without protobuf requestData is an INVALID_PARAM JSON error', async () => {
  const form = new FormData();
  form.append('action', 'wx.openApi');
  form.append('apiName', 'subscribeMessage.send');
  form.append('requestData', new Blob([Buffer.from('not protobuf {')]));
  const res = await fetch(`${lc.url}/tcb`, { method: 'POST', body: form });
  expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
  expect(await res.json()).toMatchObject({ code: 'INVALID_PARAM', message: expect.stringContaining('CommApiData') });
});

test('the hand-written protobuf matches the SDK’s generated CommApiData / CommOpenApiResp', () => {
  // the SDK registered its generated classes here when sdkFor() loaded it
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const roots = (require('protobufjs/minimal') as { roots: Record<string, Record<string, ProtoType>> }).roots.default;
  const request = roots.CommApiData.encode({
    apiType: 0,
    openapiData: {
      pairs: [
        { key: 'touser', value: Buffer.from('"o-1"') },
        { key: 'img', value: Buffer.from([1, 2]), contenttype: 'image/png', filename: 'a.png' },
      ],
    },
    appid: 'wx-app',
  }).finish();
  expect(decodeCommApiData(request)).toEqual({
    apiType: 0,
    appid: 'wx-app',
    pairs: [
      { key: 'touser', value: Buffer.from('"o-1"'), contentType: '', filename: '' },
      { key: 'img', value: Buffer.from([1, 2]), contentType: 'image/png', filename: 'a.png' },
    ],
  });
  const reply = roots.CommOpenApiResp.decode(
    encodeCommOpenApiResp({
      respData: Buffer.from('{"errcode":0}'),
      contentType: 'application/json',
      errorCode: -604101,
      httpCode: 200,
    }),
  ) as unknown as { respData: Uint8Array; contentType: string; errorCode: number; httpCode: number };
  expect(Buffer.from(reply.respData).toString()).toBe('{"errcode":0}');
  expect(reply).toMatchObject({ contentType: 'application/json', errorCode: -604101, httpCode: 200 });
});

interface ProtoType {
  encode(message: object): { finish(): Uint8Array };
  decode(bytes: Uint8Array): object;
}
