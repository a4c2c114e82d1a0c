import { setTimeout as sleep } from 'node:timers/promises';
import type { LocalcloudCore } from '../core';
import { isPlainObject } from '../http-util';
import { WireError } from '../server';
import type { WireReply, WireRequest } from '../types';
import type { Database, FindOptions } from './database';
import { decodeEjson, encodeEjson } from './ejson';
import { DbError } from './errors';

type Params = Record<string, unknown>;
type DatabaseAction = (db: Database, params: Params) => Promise<Record<string, unknown>> | Record<string, unknown>;

/**
 * The database actions of the wire API, in the shapes the SDK sends and reads
 * (`@cloudbase/database` query.js, document.js, collection.js, aggregate.js, transaction/).
 */
const actions: Record<string, DatabaseAction> = {
  'database.getDocument': (db, p) => {
    const options: FindOptions = {
      order: optionalObject(p, 'order', db) as FindOptions['order'],
      projection: optionalObject(p, 'projection', db),
      offset: optionalCount(p, 'offset'),
      // a DOC query names one document; the platform applies no page size to it
      limit: p.queryType === 'DOC' ? 1 : optionalCount(p, 'limit'),
    };
    const docs = db.find(collectionName(p), query(db, p), options, transactionId(p));
    return { data: { list: docs.map(encodeEjson), offset: options.offset ?? 0, limit: options.limit } };
  },
  'database.calculateDocument': (db, p) => ({ data: { total: db.count(collectionName(p), query(db, p)) } }),
  'database.insertDocument': async (db, p) => {
    const raw = typeof p.data === 'string' ? [p.data] : p.data;
    if (!Array.isArray(raw) || raw.length === 0) throw invalid('data must be a non-empty list of documents');
    const docs = raw.map((item) => {
      const doc = typeof item === 'string' ? decode(db, item, 'data') : undefined;
      if (!isPlainObject(doc)) throw invalid('each document must be an EJSON object');
      return doc;
    });
    return { data: { insertedIds: await db.insert(collectionName(p), docs, transactionId(p)) } };
  },
  'database.modifyDocument': async (db, p) => {
    const result = await db.modify(
      collectionName(p),
      query(db, p),
      updateData(db, p),
      modifyOptions(p),
      transactionId(p),
    );
    return { data: { updated: result.updated, ...(result.upsertedId ? { upsert_id: result.upsertedId } : {}) } };
  },
  'database.modifyAndReturnDoc': async (db, p) => {
    const options = { ...modifyOptions(p), multi: false };
    const result = await db.modify(collectionName(p), query(db, p), updateData(db, p), options, transactionId(p));
    return { data: { updated: result.updated, doc: result.doc ? encodeEjson(result.doc) : null } };
  },
  'database.removeDocument': async (db, p) => ({
    data: { deleted: await db.remove(collectionName(p), query(db, p), p.multi === true, transactionId(p)) },
  }),
  'database.aggregateDocuments': (db, p) => {
    if (!Array.isArray(p.stages)) throw invalid('stages must be a list');
    const pipeline = p.stages.map((stage: unknown) => {
      const { stageKey, stageValue } = (stage ?? {}) as { stageKey?: unknown; stageValue?: unknown };
      if (typeof stageKey !== 'string' || !stageKey.startsWith('$') || typeof stageValue !== 'string') {
        throw invalid('each stage needs a stageKey ($name) and an EJSON stageValue');
      }
      return { [stageKey]: decode(db, stageValue, stageKey) };
    });
    return { data: { list: db.aggregate(collectionName(p), pipeline).map(encodeEjson) } };
  },
  'database.addCollection': (db, p) => {
    db.addCollection(collectionName(p));
    return { data: {} };
  },
  'database.startTransaction': (db) => ({ transactionId: db.startTransaction() }),
  'database.commitTransaction': (db, p) => {
    db.commitTransaction(requiredTransactionId(p));
    return {};
  },
  'database.abortTransaction': (db, p) => {
    db.abortTransaction(requiredTransactionId(p));
    return {};
  },
};

export function installDatabaseWire(core: LocalcloudCore): void {
  for (const [name, action] of Object.entries(actions)) {
    core.server.wire.set(name, (request) => runAction(core, action, request));
  }
}

async function runAction(core: LocalcloudCore, action: DatabaseAction, request: WireRequest): Promise<WireReply> {
  const fault = core.faults.take(
    typeof request.params.collectionName === 'string' ? request.params.collectionName : undefined,
    request.action.replace(/^database\./, ''),
  );
  if (fault?.mode === 'fail') throw new WireError('DATABASE_REQUEST_FAILED', 'injected fault: database unavailable');
  if (fault?.mode === 'slow') await sleep(fault.delayMs ?? 0);
  let body: Record<string, unknown>;
  try {
    body = await action(core.db, request.params);
  } catch (error) {
    if (error instanceof DbError) throw new WireError(error.code, error.message);
    if (error instanceof WireError) throw error;
    // mingo refusing a query or pipeline (unknown operator, bad stage): the caller's mistake, said plainly
    throw new WireError('DATABASE_REQUEST_FAILED', error instanceof Error ? error.message : String(error));
  }
  if (fault?.mode === 'failAfterWrite')
    throw new WireError('DATABASE_REQUEST_FAILED', 'injected fault: reply lost after the write');
  return { kind: 'json', body };
}

function collectionName(p: Params): string {
  if (typeof p.collectionName !== 'string' || p.collectionName === '') throw invalid('collectionName is required');
  return p.collectionName;
}

function query(db: Database, p: Params): Record<string, unknown> {
  return optionalObject(p, 'query', db) ?? {};
}

function updateData(db: Database, p: Params): Record<string, unknown> {
  if (typeof p.data !== 'string') throw invalid('data must be an EJSON string');
  const data = decode(db, p.data, 'data');
  if (!isPlainObject(data)) throw invalid('data must be an object');
  return data;
}

function modifyOptions(p: Params) {
  return { multi: p.multi === true, merge: p.merge !== false, upsert: p.upsert === true };
}

function transactionId(p: Params): string | undefined {
  if (p.transactionId === undefined || p.transactionId === null || p.transactionId === '') return undefined;
  if (typeof p.transactionId !== 'string') throw invalid('transactionId must be a string');
  return p.transactionId;
}

function requiredTransactionId(p: Params): string {
  const id = transactionId(p);
  if (!id) throw invalid('transactionId is required');
  return id;
}

function optionalObject(p: Params, field: string, db?: Database): Record<string, unknown> | undefined {
  const value = p[field];
  if (value === undefined || value === null || value === '') return undefined;
  const decoded = typeof value === 'string' ? decode(db, value, field) : value;
  if (!isPlainObject(decoded)) throw invalid(`${field} must be an object`);
  return decoded;
}

function optionalCount(p: Params, field: string): number | undefined {
  const value = p[field];
  if (value === undefined || value === null) return undefined;
  const n = typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) throw invalid(`${field} must be a whole number ≥ 0`);
  return n;
}

function decode(db: Database | undefined, text: string, field: string): unknown {
  try {
    return decodeEjson(text, db?.now() ?? Date.now());
  } catch {
    throw invalid(`${field} is not valid EJSON`);
  }
}

function invalid(message: string): WireError {
  return new WireError('INVALID_PARAM', message);
}
