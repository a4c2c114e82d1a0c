import { update as applyOperators } from 'mingo';
import { isSubDocument, serializeEjson, type Doc } from './ejson';
import { DbError } from './errors';

/** The update operators the SDK emits (and MongoDB's others that mingo implements). */
const OPERATORS = new Set([
  '$set',
  '$unset',
  '$inc',
  '$mul',
  '$min',
  '$max',
  '$rename',
  '$push',
  '$pull',
  '$pullAll',
  '$addToSet',
  '$pop',
  '$currentDate',
  '$bit',
]);

/**
 * What a `database.modifyDocument` does to one document.
 * - merge (update): `data` holds update operators; plain top-level fields count as `$set`.
 * - not merge (`doc().set`): `data` replaces the document, keeping its `_id`.
 * Returns the new document, or the same object when nothing changed.
 */
export function applyUpdate(doc: Doc, data: Record<string, unknown>, merge: boolean, now: number): Doc {
  if (!merge) return replacement(doc._id, data);
  const modifier = toModifier(data);
  const next = structuredClone(doc);
  const changed = applyOperators(next, withCurrentDate(modifier, now) as never, undefined, undefined, {
    cloneMode: 'deep',
  });
  if (next._id !== doc._id) throw new DbError('DATABASE_REQUEST_FAILED', 'the _id field cannot be changed');
  return changed.length === 0 ? doc : next;
}

/** The document a `set`/replacement writes: `data` under the existing `_id`, with no operators allowed. */
export function replacement(id: string, data: Record<string, unknown>): Doc {
  if (Object.keys(data).some((k) => k.startsWith('$'))) {
    throw new DbError('DATABASE_REQUEST_FAILED', 'a replacement document cannot contain update operators');
  }
  if (data._id !== undefined && data._id !== id)
    throw new DbError('DATABASE_REQUEST_FAILED', 'the _id field cannot be changed');
  const { _id: _same, ...fields } = data;
  // _id first, as MongoDB stores it
  return { _id: id, ...structuredClone(fields) };
}

/** The document an upsert inserts when nothing matched: the query's equality fields, then the update. */
export function upsertDocument(
  id: string,
  query: Record<string, unknown>,
  data: Record<string, unknown>,
  merge: boolean,
  now: number,
): Doc {
  if (!merge) return replacement(id, data);
  const base: Doc = { _id: id };
  for (const [field, value] of Object.entries(query)) {
    if (field.startsWith('$') || field === '_id' || isOperatorObject(value)) continue;
    setPath(base, field.split('.'), structuredClone(value));
  }
  return applyUpdate(base, data, true, now);
}

function toModifier(data: Record<string, unknown>): Record<string, unknown> {
  const modifier: Record<string, Record<string, unknown>> = {};
  for (const [key, value] of Object.entries(data)) {
    if (key.startsWith('$')) {
      if (!OPERATORS.has(key)) throw new DbError('DATABASE_REQUEST_FAILED', `unknown update operator ${key}`);
      if (!isSubDocument(value)) throw new DbError('DATABASE_REQUEST_FAILED', `${key} takes an object`);
      modifier[key] = { ...modifier[key], ...value };
    } else {
      modifier.$set = { ...modifier.$set, [key]: value };
    }
  }
  if (Object.keys(modifier).length === 0) throw new DbError('DATABASE_REQUEST_FAILED', 'the update is empty');
  for (const fields of Object.values(modifier)) {
    if (Object.keys(fields).some((f) => f === '_id' || f.startsWith('_id.'))) {
      throw new DbError('DATABASE_REQUEST_FAILED', 'the _id field cannot be changed');
    }
  }
  return modifier;
}

/** `$currentDate` on localcloud's clock (mingo would read the machine's). */
function withCurrentDate(modifier: Record<string, unknown>, now: number): Record<string, unknown> {
  const current = modifier.$currentDate as Record<string, unknown> | undefined;
  if (!current) return modifier;
  const { $currentDate: _, ...rest } = modifier;
  const set = { ...(rest.$set as Record<string, unknown> | undefined) };
  for (const field of Object.keys(current)) set[field] = new Date(now);
  return { ...rest, $set: set };
}

function isOperatorObject(value: unknown): boolean {
  return isSubDocument(value) && Object.keys(value).some((k) => k.startsWith('$'));
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    if (!isSubDocument(node[key])) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1]] = value;
}

/** The `_id` a query names exactly (`{_id}` or `{_id: {$eq}}`): an upsert's id, a transaction's one document. */
export function idFromQuery(query: Record<string, unknown>): string | undefined {
  const id = query._id;
  if (typeof id === 'string') return id;
  if (typeof id === 'object' && id !== null && typeof (id as { $eq?: unknown }).$eq === 'string')
    return (id as { $eq: string }).$eq;
  return undefined;
}

/** An update that leaves the document as it was is not a change: nothing is written or counted. */
export function sameDocument(a: Doc, b: Doc): boolean {
  return JSON.stringify(serializeEjson(a)) === JSON.stringify(serializeEjson(b));
}
