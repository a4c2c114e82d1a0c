import { BSONRegExp, EJSON } from 'bson';

/** A stored document: plain JSON values plus Date and RegExp, as mingo expects them. */
export type Doc = Record<string, unknown> & { _id: string };

/**
 * Decodes one EJSON string from the SDK into plain values.
 * `{"$tcb_server_date":{"offset":N}}` (what `db.serverDate({offset})` sends) becomes a Date on
 * localcloud's clock; `$regularExpression` becomes a JS RegExp so mingo can match with it.
 */
export function decodeEjson(text: string, now: number): unknown {
  const raw: unknown = JSON.parse(text);
  return toPlain(EJSON.deserialize(resolveServerDates(raw, now) as never, { relaxed: true }));
}

/** Canonical EJSON, as the platform answers (the SDK parses it with `EJSON.parse`). */
export function encodeEjson(value: unknown): string {
  return EJSON.stringify(value as never, { relaxed: false });
}

/** The EJSON object form (not a string) used in the on-disk log. */
export function serializeEjson(value: unknown): unknown {
  return EJSON.serialize(value as never, { relaxed: false });
}

export function deserializeEjson(value: unknown): unknown {
  return toPlain(EJSON.deserialize(value as never, { relaxed: true }));
}

function resolveServerDates(value: unknown, now: number): unknown {
  if (Array.isArray(value)) return value.map((v) => resolveServerDates(v, now));
  if (value === null || typeof value !== 'object') return value;
  const obj = value as Record<string, unknown>;
  const marker = obj.$tcb_server_date;
  if (marker !== undefined && Object.keys(obj).length === 1) {
    const offsetRaw = (marker as { offset?: unknown } | null)?.offset;
    const offset = Number(EJSON.deserialize({ v: offsetRaw ?? 0 } as never, { relaxed: true }).v) || 0;
    return { $date: { $numberLong: String(now + offset) } };
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) out[k] = resolveServerDates(v, now);
  return out;
}

/** BSON wrapper types → plain JS values mingo understands; `undefined` fields dropped. */
function toPlain(value: unknown): unknown {
  if (value instanceof BSONRegExp) return new RegExp(value.pattern, sanitizeFlags(value.options));
  if (Array.isArray(value)) return value.map(toPlain);
  if (value === null || typeof value !== 'object' || value instanceof Date || value instanceof RegExp) return value;
  const bsonType = (value as { _bsontype?: string })._bsontype;
  if (bsonType === 'Long' || bsonType === 'Int32' || bsonType === 'Double') return Number(value.valueOf());
  if (bsonType) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toPlain(v);
  return out;
}

/** MongoDB regex options that JavaScript also has (`x` and `l` have no JS equivalent and are dropped). */
function sanitizeFlags(options: string): string {
  return [...new Set(options.split(''))].filter((f) => 'imsu'.includes(f)).join('');
}

/** A sub-document: an object that is not an array, a date or a regular expression. */
export function isSubDocument(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Date) &&
    !(value instanceof RegExp)
  );
}
