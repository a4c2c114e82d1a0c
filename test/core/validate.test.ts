import * as fc from 'fast-check';
import {
  array,
  boolean,
  charLength,
  documentId,
  integer,
  object,
  oneOf,
  optional,
  requestId,
  string,
  type Schema,
} from '../../miniprogram/core/validate';

// The shared validators: what the pages check as the user types and every function checks first.

const name = string({ label: '姓名', min: 2, max: 5 });

describe('string', () => {
  test.each([
    ['张伟', '张伟'],
    ['  李娜  ', '李娜'],
    ['欧阳娜娜', '欧阳娜娜'],
  ])('accepts %p as %p', (input, expected) => {
    expect(name.parse(input)).toEqual({ ok: true, value: expected });
  });

  test.each([
    [undefined, '请填写姓名'],
    ['', '请填写姓名'],
    ['   ', '请填写姓名'],
    ['张', '姓名至少2个字'],
    ['张张张张张张', '姓名最多5个字'],
    [{ $ne: null }, '姓名格式不正确'],
    [['张伟'], '姓名格式不正确'],
    [42, '姓名格式不正确'],
  ])('refuses %p: %s', (input, message) => {
    expect(name.parse(input, 'name')).toEqual({ ok: false, issues: [{ path: 'name', message }] });
  });

  test('counts code points: a CJK character or a single emoji is one', () => {
    expect('😀'.length).toBe(2);
    expect(charLength('😀')).toBe(1);
    expect(charLength('😀好')).toBe(2);
    expect(string({ label: '备注', max: 2 }).parse('😀好')).toEqual({ ok: true, value: '😀好' });
  });

  test('a pattern refuses with its own message', () => {
    const phone = string({ label: '手机号', max: 11, pattern: /^1\d{10}$/, patternMessage: '请输入11位手机号' });
    expect(phone.parse('1380013800')).toMatchObject({ ok: false, issues: [{ message: '请输入11位手机号' }] });
    expect(phone.parse('13800138000')).toEqual({ ok: true, value: '13800138000' });
  });
});

describe('numbers, booleans, choices', () => {
  const page = integer({ label: '页码', min: 1, max: 10 });
  test.each([1, 10])('integer accepts %p', (n) => expect(page.parse(n)).toEqual({ ok: true, value: n }));
  test.each([0, 11, 1.5, '2', Number.NaN, Infinity, null])('integer refuses %p', (n) =>
    expect(page.parse(n).ok).toBe(false),
  );
  test('boolean takes only true and false', () => {
    expect(boolean('同意').parse(true)).toEqual({ ok: true, value: true });
    expect(boolean('同意').parse('true').ok).toBe(false);
  });
  test('oneOf takes only the listed values', () => {
    const kind = oneOf(['member', 'stored'] as const, '卡类型');
    expect(kind.parse('stored')).toEqual({ ok: true, value: 'stored' });
    expect(kind.parse('toString')).toEqual({ ok: false, issues: [{ path: '', message: '请选择卡类型' }] });
  });
});

describe('object, optional, array', () => {
  const form = object({
    name,
    age: optional(integer({ label: '年龄', min: 0, max: 150 })),
    pageSize: optional(integer({ label: '每页数量', min: 1, max: 50 }), 20),
    tags: optional(array(string({ label: '标签', max: 4 }), { label: '标签', max: 2 })),
  });

  test('keeps only the named fields and fills defaults', () => {
    expect(form.parse({ name: '张伟', openid: 'someone-else', $where: 'x', __proto__: { admin: true } })).toEqual({
      ok: true,
      value: { name: '张伟', pageSize: 20 },
    });
  });

  test('reports every problem with its path', () => {
    expect(form.parse({ name: '', age: -1, tags: ['好', 'toolong', '好'] })).toEqual({
      ok: false,
      issues: [
        { path: 'name', message: '请填写姓名' },
        { path: 'age', message: '年龄应在0到150之间' },
        { path: 'tags', message: '标签最多2项' },
      ],
    });
    expect(form.parse({ name: '张伟', tags: ['好', 'toolong'] })).toEqual({
      ok: false,
      issues: [{ path: 'tags.1', message: '标签最多4个字' }],
    });
  });

  test.each([null, [], 'x', 3])('a non-object input %p is refused', (input) => {
    expect(form.parse(input)).toEqual({ ok: false, issues: [{ path: '', message: '请求格式不正确' }] });
  });
});

describe('ids', () => {
  test.each(['site-haixin-huiyuan', 'a1B2_c3'])('documentId accepts %p', (id) =>
    expect(documentId('场区').parse(id).ok).toBe(true),
  );
  test.each(['a/b', '../x', 'a b', 'x'.repeat(65), '$ne'])('documentId refuses %p', (id) =>
    expect(documentId('场区').parse(id).ok).toBe(false),
  );
  test.each(['short', 'has space in it', 'x'.repeat(65)])('requestId refuses %p', (id) =>
    expect(requestId.parse(id).ok).toBe(false),
  );
});

describe('property: any JSON value gives a verdict, never an exception', () => {
  const schemas: Array<[string, Schema<unknown>]> = [
    ['string', name],
    ['integer', integer({ label: 'n', min: -5, max: 5 })],
    ['boolean', boolean('b')],
    ['oneOf', oneOf(['a', 'b'] as const, 'x')],
    ['documentId', documentId('id')],
    ['requestId', requestId],
    ['array', array(name, { label: 'list', max: 3 })],
    ['object', object({ name, n: optional(integer({ label: 'n', min: 0, max: 9 })) })],
  ];

  test.each(schemas)('%s', (_label, schema) => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const result = schema.parse(value);
        expect(typeof result.ok).toBe('boolean');
        expect(result.ok || result.issues.every((i) => /[\u4e00-\u9fa5]/.test(i.message))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  test('an accepted string is always a string, trimmed and within its length', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), (text) => {
        const result = name.parse(text);
        const length = charLength(text.trim());
        expect(result.ok).toBe(length >= 2 && length <= 5);
      }),
    );
  });
});
