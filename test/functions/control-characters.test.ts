import * as fc from 'fast-check';
import type { Envelope } from '../../miniprogram/core/envelope';
import type { Schema } from '../../miniprogram/core/validate';
import { main as account } from '../../cloudfunctions/account/src/index';
import { main as admin } from '../../cloudfunctions/admin/src/index';
import { main as card } from '../../cloudfunctions/card/src/index';
import { main as gate } from '../../cloudfunctions/gate/src/index';
import { main as pass } from '../../cloudfunctions/pass/src/index';
import { main as site } from '../../cloudfunctions/site/src/index';
import { DEMO_OPENIDS, useAppCloud } from '../support/app-cloud';

// Control characters in any string of any action (issue 10, defect 10: a NUL in site.list's
// keyword answered INTERNAL). Every action's input schema is walked (the routers carry them on
// `main.inputs`); each string field gets control characters, and the function, called through
// localcloud, refuses with INVALID_ARGUMENT or answers normally — never INTERNAL.

const FUNCTIONS: Record<string, { inputs: Record<string, Schema<unknown>> }> = {
  account,
  admin,
  card,
  gate,
  pass,
  site,
};
const CONTROLS = ['\u0000', '\u0001', '\u0007', '\u001b', '\u007f', '\u0085', '\n', '\t', '\r'];

/** Dotted paths of every string field under `schema` (an array's by its first element). */
function stringPaths(schema: Schema<unknown>, path: string[] = []): Array<{ path: string[]; multiline: boolean }> {
  const meta = schema.meta;
  if (!meta) return [];
  switch (meta.kind) {
    case 'string':
      return [{ path, multiline: meta.multiline }];
    case 'optional':
      return stringPaths(meta.inner, path);
    case 'array':
      return stringPaths(meta.item, [...path, '0']);
    case 'object':
      return Object.entries(meta.shape).flatMap(([key, field]) => stringPaths(field, [...path, key]));
  }
}

/** An event with `value` at `path` (a numeric segment is an array's element). */
function withValue(path: string[], value: string): Record<string, unknown> {
  const nest = (rest: string[]): unknown =>
    rest.length === 0 ? value : /^\d+$/.test(rest[0]) ? [nest(rest.slice(1))] : { [rest[0]]: nest(rest.slice(1)) };
  return nest(path) as Record<string, unknown>;
}

const cases = Object.entries(FUNCTIONS).flatMap(([fn, { inputs }]) =>
  Object.entries(inputs).flatMap(([action, schema]) =>
    stringPaths(schema).map(({ path, multiline }) => ({ fn, action, schema, path, multiline })),
  ),
);

const app = useAppCloud();

test('the walk finds the string fields of every function', () => {
  for (const fn of Object.keys(FUNCTIONS)) expect(cases.some((c) => c.fn === fn)).toBe(true);
  expect(cases).toContainEqual(expect.objectContaining({ fn: 'site', action: 'list', path: ['keyword'] }));
});

test('each string field of each action refuses control characters by name (line breaks and tabs only where multiline)', () => {
  const wrong: string[] = [];
  for (const { fn, action, schema, path, multiline } of cases) {
    for (const control of CONTROLS) {
      const parsed = schema.parse(withValue(path, `ab${control}cd`));
      const issue = parsed.ok ? undefined : parsed.issues.find((i) => i.path === path.join('.'));
      const refused = issue?.message.endsWith('不能包含控制字符') ?? false;
      const allowed = multiline && ['\n', '\t', '\r'].includes(control);
      if (refused === allowed) wrong.push(`${fn}.${action} ${path.join('.')} ${JSON.stringify(control)}`);
    }
  }
  expect(wrong).toEqual([]);
});

test('through localcloud: control characters in any string field are INVALID_ARGUMENT or a normal answer, never INTERNAL', async () => {
  const internal: string[] = [];
  for (const { fn, action, path } of cases) {
    for (const control of ['\u0000', '\u001b', '\u009f']) {
      const event = { action, requestId: 'control-chars-0001', ...withValue(path, `海信${control}慧园`) };
      const answer = await app.call<Envelope<unknown>>(fn, event, DEMO_OPENIDS.admin);
      if (!answer.ok && !['INVALID_ARGUMENT', 'FORBIDDEN', 'NOT_FOUND'].includes(answer.code)) {
        internal.push(`${fn}.${action} ${path.join('.')} ${JSON.stringify(control)}: ${answer.code}`);
      }
    }
  }
  expect(internal).toEqual([]);
}, 120_000);

test('site.list with any string keyword, control characters included, never answers INTERNAL', async () => {
  await fc.assert(
    fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 12 }), async (keyword) => {
      const answer = await app.call<Envelope<unknown>>('site', { action: 'list', keyword }, DEMO_OPENIDS.resident);
      expect(answer.ok ? 'ok' : answer.code).toMatch(/^(ok|INVALID_ARGUMENT)$/);
    }),
    { numRuns: 100 },
  );
  // a hundred calls one after another: give a busy machine time, the assertion is on the answers
}, 120_000);
