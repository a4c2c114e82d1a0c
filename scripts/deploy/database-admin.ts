/**
 * Applies a database plan to a cloud environment through the Tencent Cloud API (the calls the CloudBase console
 * and `@cloudbase/manager-node` make): the environment's database instance from tcb `DescribeEnvs`, then per
 * collection flexdb `ListTables` / `DescribeTable` / `CreateTable` / `UpdateTable` (CreateIndexes) and tcb `ModifySafeRule`.
 * Idempotent: an existing collection is not created again and an existing index (by name) is left alone, so a
 * second deploy changes nothing but re-setting each rule to the manifest's.
 */
import { CommonClient } from 'tencentcloud-sdk-nodejs-common';
import { describeIndex, indexesToCreate, type CollectionPlan } from './database-plan';

export interface CloudCredentials {
  secretId: string;
  secretKey: string;
  /** for temporary keys */
  token?: string;
  /** the environment's region; the API needs one, and the platform's own tools default to ap-shanghai */
  region: string;
}

interface TableDescription {
  Indexes?: { Name: string }[] | null;
}

interface TableList {
  Tables?: { TableName: string }[] | null;
  Pager?: { Total: number };
}

interface EnvDescription {
  EnvList?: { EnvId: string; Databases?: { InstanceId: string }[] }[];
}

function client(service: 'tcb' | 'flexdb', credentials: CloudCredentials): CommonClient {
  const version = service === 'tcb' ? '2018-06-08' : '2018-11-27';
  return new CommonClient(`${service}.tencentcloudapi.com`, version, {
    credential: { secretId: credentials.secretId, secretKey: credentials.secretKey, token: credentials.token },
    region: credentials.region,
  });
}

/** The flexdb instance (`Tag`) that holds the environment's collections. */
async function databaseInstance(tcb: CommonClient, envId: string): Promise<string> {
  const answer = (await tcb.request('DescribeEnvs', { EnvId: envId })) as EnvDescription;
  const env = answer.EnvList?.find((candidate) => candidate.EnvId === envId);
  const instance = env?.Databases?.[0]?.InstanceId;
  if (!instance) throw new Error(`environment ${envId}: not found for these credentials, or it has no database`);
  return instance;
}

/** The collections the environment has: ListTables, a page at a time. */
async function existingCollections(flexdb: CommonClient, tag: string): Promise<Set<string>> {
  const names = new Set<string>();
  const limit = 100;
  for (let offset = 0; ; offset += limit) {
    const page = (await flexdb.request('ListTables', { Tag: tag, MgoLimit: limit, MgoOffset: offset })) as TableList;
    const tables = page.Tables ?? [];
    for (const table of tables) names.add(table.TableName);
    if (tables.length < limit || names.size >= (page.Pager?.Total ?? 0)) return names;
  }
}

/** The index names an existing collection has. */
async function existingIndexes(flexdb: CommonClient, tag: string, collection: string): Promise<string[]> {
  const table = (await flexdb.request('DescribeTable', { Tag: tag, TableName: collection })) as TableDescription;
  return (table.Indexes ?? []).map((index) => index.Name);
}

export async function applyDatabasePlan(
  plan: CollectionPlan[],
  envId: string,
  credentials: CloudCredentials,
  log: (line: string) => void,
): Promise<void> {
  const tcb = client('tcb', credentials);
  const flexdb = client('flexdb', credentials);
  const tag = await databaseInstance(tcb, envId);
  const collections = await existingCollections(flexdb, tag);
  for (const { collection, indexes, rule } of plan) {
    let existing: string[] = [];
    if (collections.has(collection)) {
      existing = await existingIndexes(flexdb, tag, collection);
    } else {
      await flexdb.request('CreateTable', { Tag: tag, TableName: collection });
      log(`${collection}: created`);
    }
    const missing = indexesToCreate(indexes, existing);
    if (missing.length > 0) {
      await flexdb.request('UpdateTable', {
        Tag: tag,
        TableName: collection,
        CreateIndexes: missing.map((index) => ({
          IndexName: index.name,
          MgoKeySchema: {
            MgoIsUnique: index.unique,
            MgoIndexKeys: index.fields.map((field) => ({ Name: field.name, Direction: field.direction })),
          },
        })),
      });
    }
    for (const index of missing) log(`${collection}: index ${describeIndex(index)} created`);
    for (const kept of existing.filter((name) => indexes.some((index) => index.name === name))) {
      log(`${collection}: index ${kept} exists, left alone`);
    }
    await tcb.request('ModifySafeRule', { EnvId: envId, CollectionName: collection, AclTag: 'CUSTOM', Rule: rule });
    log(`${collection}: rule ${rule}`);
  }
}
