import { readFileSync } from 'node:fs';
import path from 'node:path';
import { useTestCloud, type TestCloud } from './harness';

// Replays the payloads captured from the real SDK (fixtures/sdk-wire-captures.json, a copy of
// ../shared/design/sdk-wire-captures.json) and checks localcloud understands each one; then bad
// input on the wire gets clear errors.

interface Capture {
  action: string;
  params: Record<string, unknown>;
}

const captures = JSON.parse(
  readFileSync(path.join(__dirname, 'fixtures', 'sdk-wire-captures.json'), 'utf8'),
) as Capture[];

let lc: TestCloud;

useTestCloud((started) => {
  ({ lc } = started);
});

async function wire(body: unknown, init: RequestInit = {}): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${lc.url}/tcb?env=tongxing-local`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    ...init,
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

/** MongoDB refuses a projection that mixes inclusion and exclusion (one capture has one); so does localcloud. */
const refusedByMongo = (c: Capture) =>
  typeof c.params.projection === 'string' && c.params.projection.includes('"secret"');

test('every captured SDK call is understood, in order, with its effect', async () => {
  let transactionId: string | undefined;
  const answers: Array<{ action: string; status: number; code: unknown }> = [];
  for (const capture of captures) {
    const params = { ...capture.params };
    if (params.transactionId) params.transactionId = transactionId;
    const { status, json } = await wire({ action: capture.action, ...params });
    if (capture.action === 'database.startTransaction') transactionId = json.transactionId as string;
    answers.push({ action: capture.action, status, code: json.code });
  }
  expect(answers).toEqual(
    captures.map((c) => ({
      action: c.action,
      status: 200,
      code: refusedByMongo(c) ? 'DATABASE_REQUEST_FAILED' : undefined,
    })),
  );
  expect(transactionId).toMatch(/^tx-/);
  // the insert with serverDate and a date came back as canonical EJSON dates
  const stored = await wire({
    action: 'database.getDocument',
    collectionName: 't',
    queryType: 'WHERE',
    query: '{"at2":{"$exists":true}}',
  });
  const list = (stored.json.data as { list: string[] }).list;
  expect(list).toHaveLength(1);
  const doc = JSON.parse(list[0]) as Record<string, { $date: { $numberLong: string } }>;
  expect(Number(doc.at2.$date.$numberLong) - Number(doc.at.$date.$numberLong)).toBe(60_000);
  expect(doc.d.$date.$numberLong).toBe('1700000000000');
  // the committed transaction created a2 and the log entry; the aborted one changed nothing
  const a2 = await wire({
    action: 'database.getDocument',
    collectionName: 'acct',
    queryType: 'DOC',
    query: '{"_id":"a2"}',
  });
  expect((a2.json.data as { list: string[] }).list).toEqual(['{"_id":"a2","bal":{"$numberInt":"5"}}']);
  const created = await wire({ action: 'database.calculateDocument', collectionName: 'newcoll', queryType: 'WHERE' });
  expect(created.json).toMatchObject({ data: { total: 0 } });
});

describe('bad input on the wire', () => {
  test('malformed JSON → 400 with a clear error', async () => {
    const { status, json } = await wire('{"action": "database.getDocument", ');
    expect(status).toBe(400);
    expect(json).toEqual({ code: 'INVALID_JSON', message: 'request body is not valid JSON' });
  });

  test('a body that is not an object, or has no action → 400', async () => {
    expect((await wire('[1,2]')).status).toBe(400);
    expect((await wire({ collectionName: 't' })).json).toMatchObject({
      code: 'INVALID_PARAM',
      message: 'missing action',
    });
  });

  test('an unknown action → an error the SDK can read', async () => {
    const { status, json } = await wire({ action: 'database.dropEverything', collectionName: 't' });
    expect(status).toBe(200);
    expect(json).toMatchObject({ code: 'INVALID_PARAM', message: 'unknown action: database.dropEverything' });
  });

  test.each([
    [{ action: 'database.getDocument', queryType: 'WHERE' }, /collectionName/],
    [{ action: 'database.getDocument', collectionName: 't', query: '{not ejson' }, /query is not valid EJSON/],
    [{ action: 'database.getDocument', collectionName: 't', query: '[1]' }, /query must be an object/],
    [{ action: 'database.getDocument', collectionName: 't', limit: -1 }, /limit/],
    [{ action: 'database.insertDocument', collectionName: 't', data: [] }, /non-empty/],
    [{ action: 'database.insertDocument', collectionName: 't', data: ['"just a string"'] }, /EJSON object/],
    [
      { action: 'database.modifyDocument', collectionName: 't', query: '{}', data: '{"$frobnicate":{"a":1}}' },
      /unknown update operator/,
    ],
    [{ action: 'database.getDocument', collectionName: 't', query: '{"a":{"$nosuchop":1}}' }, /.+/],
    [{ action: 'database.aggregateDocuments', collectionName: 't', stages: [{ stageKey: 'match' }] }, /stage/],
    [{ action: 'database.commitTransaction', transactionId: 'tx-none' }, /no transaction/],
  ])('%j → a clear error', async (body, message) => {
    const { status, json } = await wire(body);
    expect(status).toBe(200);
    expect(json.code).toEqual(expect.any(String));
    expect(json.message).toMatch(message);
    expect(JSON.stringify(json)).not.toMatch(/\n\s+at /);
  });

  test('a huge body → 413, and the server stays up', async () => {
    const huge = JSON.stringify({
      action: 'database.insertDocument',
      collectionName: 't',
      data: ['x'.repeat(17 * 1024 * 1024)],
    });
    const res = await fetch(`${lc.url}/tcb`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: huge,
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    const after = await wire({ action: 'database.calculateDocument', collectionName: 't', queryType: 'WHERE' });
    expect(after.status).toBe(200);
    expect(after.json.code).toBeUndefined();
  });

  test('GET on the wire API → 405', async () => {
    const res = await fetch(`${lc.url}/tcb`);
    expect(res.status).toBe(405);
  });
});
