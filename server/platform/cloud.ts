import cloud from 'wx-server-sdk';
import { databaseOf, type Database } from './db-types';

let initialised = false;

/**
 * The SDK, initialised once per instance for the environment the function runs in
 * (DYNAMIC_CURRENT_ENV: production, or localcloud's env when localcloud runs the function).
 */
export function sdk(): typeof cloud {
  if (!initialised) {
    // the SDK's typings say env is a string, but DYNAMIC_CURRENT_ENV is the documented symbol
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
    initialised = true;
  }
  return cloud;
}

export function database(): Database {
  return databaseOf(sdk());
}

/** Deletes a file of the environment's storage; true when storage no longer holds it (already gone counts). */
export async function deleteStoredFile(fileId: string): Promise<boolean> {
  const result = await sdk().deleteFile({ fileList: [fileId] });
  const item = result ? result.fileList[0] : undefined;
  return item !== undefined && (item.status === 0 || /not ?exist|not found/i.test(item.errMsg ?? ''));
}
