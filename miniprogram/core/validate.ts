/**
 * Input validation shared by the pages (forms check as the user types) and the cloud functions
 * (every action's input). A schema turns any JSON value into either a typed value or a list of
 * plain-Chinese problems. Strings must be strings and numbers numbers — an object where a string
 * is expected is refused, so no MongoDB operator (`{"$ne": null}`) can ride into a query through a
 * field — and an object keeps only the fields its schema names.
 */

export interface Issue {
  /** dotted path of the field, '' for the whole input */
  path: string;
  /** plain Chinese, for the person filling the form */
  message: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; issues: Issue[] };

export interface Schema<T> {
  parse(value: unknown, path?: string): Parsed<T>;
  /** what the schema is made of, for tests that walk every field (e.g. fuzzing every string) */
  readonly meta?: SchemaMeta;
}

export type SchemaMeta =
  | { kind: 'string'; multiline: boolean }
  | { kind: 'object'; shape: Readonly<Record<string, Schema<unknown>>> }
  | { kind: 'optional'; inner: Schema<unknown> }
  | { kind: 'array'; item: Schema<unknown> };

export type Infer<S> = S extends Schema<infer T> ? T : never;

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (path: string, message: string): Parsed<never> => ({ ok: false, issues: [{ path, message }] });

export interface StringRules {
  /** the field's name in messages, e.g. 手机号 */
  label: string;
  min?: number;
  max: number;
  pattern?: RegExp;
  /** shown when `pattern` does not match */
  patternMessage?: string;
  /** trim surrounding white space first (default true) */
  trim?: boolean;
  /** a pasted list or a long text: line breaks (\n, \r\n) and tabs are allowed (default false) */
  multiline?: boolean;
}

/**
 * C0 and C1 control characters and DEL: nobody types them, they are invisible on screen, and they
 * break what the text goes into (a NUL is not valid EJSON, so a query carrying one fails). A
 * multiline field allows line breaks and tabs.
 */
export function hasControlCharacters(text: string, multiline = false): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    const control = c < 0x20 || (c >= 0x7f && c <= 0x9f);
    const lineOrTab = c === 0x09 || c === 0x0a || c === 0x0d;
    if (control && !(multiline && lineOrTab)) return true;
  }
  return false;
}

/**
 * Length in Unicode code points: a CJK character is one, and so is an emoji that `.length` counts
 * as two. (Grapheme clusters would be closer still, but Intl.Segmenter is not on every WeChat client.)
 */
export function charLength(text: string): number {
  return Array.from(text).length;
}

export function string(rules: StringRules): Schema<string> {
  const multiline = rules.multiline ?? false;
  return {
    meta: { kind: 'string', multiline },
    parse(value, path = '') {
      if (value === undefined || value === null || value === '') {
        return (rules.min ?? 1) > 0 ? fail(path, `请填写${rules.label}`) : ok('');
      }
      if (typeof value !== 'string') return fail(path, `${rules.label}格式不正确`);
      if (hasControlCharacters(value, multiline)) return fail(path, `${rules.label}不能包含控制字符`);
      const text = rules.trim === false ? value : value.trim();
      const length = charLength(text);
      if (length < (rules.min ?? 1))
        return fail(path, text === '' ? `请填写${rules.label}` : `${rules.label}至少${rules.min}个字`);
      if (length > rules.max) return fail(path, `${rules.label}最多${rules.max}个字`);
      if (rules.pattern && !rules.pattern.test(text))
        return fail(path, rules.patternMessage ?? `${rules.label}格式不正确`);
      return ok(text);
    },
  };
}

export function integer(rules: { label: string; min: number; max: number }): Schema<number> {
  return {
    parse(value, path = '') {
      if (typeof value !== 'number' || !Number.isInteger(value)) return fail(path, `${rules.label}应为整数`);
      if (value < rules.min || value > rules.max) return fail(path, `${rules.label}应在${rules.min}到${rules.max}之间`);
      return ok(value);
    },
  };
}

/** A decimal number in range with at most `decimals` digits after the point (e.g. a temperature, 36.5). */
export function decimal(rules: { label: string; min: number; max: number; decimals: number }): Schema<number> {
  return {
    parse(value, path = '') {
      if (typeof value !== 'number' || !Number.isFinite(value)) return fail(path, `${rules.label}应为数字`);
      if (value < rules.min || value > rules.max) return fail(path, `${rules.label}应在${rules.min}到${rules.max}之间`);
      const scaled = value * 10 ** rules.decimals;
      if (Math.abs(scaled - Math.round(scaled)) > 1e-6) return fail(path, `${rules.label}最多${rules.decimals}位小数`);
      return ok(value);
    },
  };
}

export function boolean(label: string): Schema<boolean> {
  return {
    parse(value, path = '') {
      return typeof value === 'boolean' ? ok(value) : fail(path, `${label}格式不正确`);
    },
  };
}

export function oneOf<const T extends readonly string[]>(values: T, label: string): Schema<T[number]> {
  return {
    parse(value, path = '') {
      return typeof value === 'string' && values.includes(value)
        ? ok(value as T[number])
        : fail(path, `请选择${label}`);
    },
  };
}

/** Absent (undefined or null) is allowed and becomes `fallback`. */
export function optional<T>(schema: Schema<T>): Schema<T | undefined>;
export function optional<T>(schema: Schema<T>, fallback: T): Schema<T>;
export function optional<T>(schema: Schema<T>, fallback?: T): Schema<T | undefined> {
  return {
    meta: { kind: 'optional', inner: schema },
    parse(value, path = '') {
      return value === undefined || value === null ? ok(fallback) : schema.parse(value, path);
    },
  };
}

export function array<T>(item: Schema<T>, rules: { label: string; max: number }): Schema<T[]> {
  return {
    meta: { kind: 'array', item },
    parse(value, path = '') {
      if (!Array.isArray(value)) return fail(path, `${rules.label}格式不正确`);
      if (value.length > rules.max) return fail(path, `${rules.label}最多${rules.max}项`);
      const out: T[] = [];
      const issues: Issue[] = [];
      value.forEach((element, i) => {
        const parsed = item.parse(element, join(path, String(i)));
        if (parsed.ok) out.push(parsed.value);
        else issues.push(...parsed.issues);
      });
      return issues.length > 0 ? { ok: false, issues } : ok(out);
    },
  };
}

type Shape = Record<string, Schema<unknown>>;
type ObjectOf<S extends Shape> = { [K in keyof S as undefined extends Infer<S[K]> ? never : K]: Infer<S[K]> } & {
  [K in keyof S as undefined extends Infer<S[K]> ? K : never]?: Infer<S[K]>;
};

/** A plain object with exactly the named fields; any other field is dropped. */
export function object<S extends Shape>(shape: S): Schema<ObjectOf<S>> {
  return {
    meta: { kind: 'object', shape },
    parse(value, path = '') {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail(path, '请求格式不正确');
      const input = value as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      const issues: Issue[] = [];
      for (const [key, schema] of Object.entries(shape)) {
        const own = Object.prototype.hasOwnProperty.call(input, key) ? input[key] : undefined;
        const parsed = schema.parse(own, join(path, key));
        if (!parsed.ok) issues.push(...parsed.issues);
        else if (parsed.value !== undefined) out[key] = parsed.value;
      }
      return issues.length > 0 ? { ok: false, issues } : ok(out as ObjectOf<S>);
    },
  };
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

/** A document id: what our collections use (random hex, or short readable ids in demo data). */
export const documentId = (label: string) =>
  string({ label, max: 64, pattern: /^[A-Za-z0-9_-]+$/, patternMessage: `${label}不存在` });

/** The idempotency key a client sends with every mutating action (e.g. a UUID). */
export const requestId = string({
  label: '请求编号',
  min: 8,
  max: 64,
  pattern: /^[A-Za-z0-9_-]+$/,
});
