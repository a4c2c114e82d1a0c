import { randomBytes } from 'node:crypto';
import { createReadStream, mkdirSync, readdirSync, rmSync, statSync, type ReadStream } from 'node:fs';
import { mkdir, open, rename, rmdir, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { diskPathOf } from './paths';

/** Why a write was refused; the upload route turns these into COS-style XML errors. */
export class FileStoreError extends Error {
  constructor(
    readonly reason: 'too-large' | 'conflict',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Stored objects, one file per key under `root`. Writes go to a temp folder beside it and are
 * renamed into place, so a reader never sees half a file and a crash leaves no partial object.
 */
export class FileStore {
  constructor(
    readonly root: string,
    private readonly tmpDir: string,
  ) {
    mkdirSync(root, { recursive: true });
    mkdirSync(tmpDir, { recursive: true });
    removeStaleParts(tmpDir);
  }

  async size(cloudPath: string): Promise<number | undefined> {
    try {
      const info = await stat(diskPathOf(this.root, cloudPath));
      return info.isFile() ? info.size : undefined;
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  read(cloudPath: string): ReadStream {
    return createReadStream(diskPathOf(this.root, cloudPath));
  }

  /**
   * Stores the bytes of `source` under `cloudPath`. Past `limit` bytes it stops writing but keeps
   * reading, so the client finishes sending and can read the error reply instead of a reset;
   * past twice the limit it gives up on that courtesy (leaving the loop destroys the source).
   */
  async write(cloudPath: string, source: AsyncIterable<Buffer>, limit: number): Promise<number> {
    const target = diskPathOf(this.root, cloudPath);
    const tmp = path.join(this.tmpDir, `${randomBytes(12).toString('hex')}.part`);
    const handle = await open(tmp, 'wx');
    let size = 0;
    try {
      for await (const chunk of source) {
        size += chunk.length;
        if (size <= limit) await handle.write(chunk);
        else if (size > 2 * limit) break;
      }
      if (size > limit) throw new FileStoreError('too-large', `upload over ${limit} bytes`);
      await handle.sync();
    } catch (error) {
      await handle.close();
      await unlink(tmp).catch(() => undefined);
      throw error;
    }
    await handle.close();
    try {
      await this.moveIntoPlace(tmp, target);
    } catch (error) {
      await unlink(tmp).catch(() => undefined);
      throw error;
    }
    return size;
  }

  /** false when there was no such file */
  async remove(cloudPath: string): Promise<boolean> {
    const target = diskPathOf(this.root, cloudPath);
    try {
      await unlink(target);
    } catch (error) {
      // a directory is what is left of other keys' prefixes, not an object
      if (isMissing(error) || isDirectory(error)) return false;
      throw error;
    }
    await this.pruneEmptyParents(path.dirname(target));
    return true;
  }

  private async moveIntoPlace(tmp: string, target: string): Promise<void> {
    // Two tries: a delete of the last file in a folder may prune it between mkdir and rename.
    for (let attempt = 0; ; attempt++) {
      try {
        await mkdir(path.dirname(target), { recursive: true });
        await rename(tmp, target);
        return;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' && attempt === 0) continue;
        // COS keys are flat, so `a` and `a/b` can both exist there; as files on disk they cannot
        if (code === 'ENOTDIR' || code === 'EEXIST' || code === 'EISDIR' || code === 'ENOTEMPTY' || code === 'EPERM') {
          throw new FileStoreError('conflict', 'a stored file and a folder of stored files would share this name');
        }
        throw error;
      }
    }
  }

  /** Removes folders emptied by a delete, so the tree mirrors the keys that exist. */
  private async pruneEmptyParents(dir: string): Promise<void> {
    const root = path.resolve(this.root);
    while (dir.startsWith(root + path.sep)) {
      try {
        await rmdir(dir);
      } catch {
        return; // not empty (or already gone): stop climbing
      }
      dir = path.dirname(dir);
    }
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

function isDirectory(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'EISDIR' || code === 'EPERM';
}

/** An upload older than this in the temp folder was cut off by a crash; nothing will finish it. */
const STALE_PART_MS = 60 * 60 * 1000;

function removeStaleParts(tmpDir: string): void {
  for (const name of readdirSync(tmpDir)) {
    const file = path.join(tmpDir, name);
    // by age, not all at once: another localcloud on the same folder may be mid-upload
    if (Date.now() - statSync(file).mtimeMs > STALE_PART_MS) rmSync(file, { force: true });
  }
}
