import {
  closeSync,
  existsSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  writeSync,
  ftruncateSync,
} from 'node:fs';
import path from 'node:path';

/**
 * One change to the database, as written to the log: a whole document put, a document removed,
 * a collection created. A write (even a multi-document update or a transaction's commit) is one
 * line holding all its changes, so replay applies it whole or not at all.
 */
export type Change =
  { t: 'put'; c: string; d: unknown } | { t: 'del'; c: string; id: string } | { t: 'coll'; c: string };

/**
 * Durability by an append-only log with replay (`data.log`, JSON lines).
 * - A write is acknowledged only after its line is handed to the OS (`writeSync`), so it survives
 *   the process being killed (`kill -9`). Power loss is not covered unless `LOCALCLOUD_FSYNC=1`.
 * - A crash mid-write can only leave a torn last line; replay drops it (that write was never
 *   acknowledged) and truncates the file, so the log always stays readable.
 * - At start the log is compacted when mostly obsolete: the live state is written to
 *   `data.log.tmp`, flushed, and renamed over `data.log` (rename is atomic).
 */
export class ChangeLog {
  private fd: number;
  private lines = 0;
  private readonly fsync = process.env.LOCALCLOUD_FSYNC === '1';

  private constructor(private readonly file: string) {
    this.fd = openSync(file, 'a');
  }

  /** Replays the log through `apply`, then opens it for appending. */
  static open(dir: string, apply: (change: Change) => void): ChangeLog {
    const file = path.join(dir, 'data.log');
    let lines = 0;
    if (existsSync(file)) {
      const text = readFileSync(file, 'utf8');
      let offset = 0;
      while (offset < text.length) {
        const end = text.indexOf('\n', offset);
        if (end === -1) {
          // torn final line: its write was never acknowledged
          truncate(file, Buffer.byteLength(text.slice(0, offset)));
          break;
        }
        const line = text.slice(offset, end);
        offset = end + 1;
        if (line.trim() === '') continue;
        let changes: Change[];
        try {
          changes = JSON.parse(line) as Change[];
        } catch {
          throw new Error(`localcloud: ${file} is damaged at byte ${Buffer.byteLength(text.slice(0, offset))}`);
        }
        for (const change of changes) apply(change);
        lines += 1;
      }
    }
    const log = new ChangeLog(file);
    log.lines = lines;
    return log;
  }

  append(changes: Change[]): void {
    if (changes.length === 0) return;
    const line = `${JSON.stringify(changes)}\n`;
    writeSync(this.fd, line);
    if (this.fsync) fsyncSync(this.fd);
    this.lines += 1;
  }

  /** Lines in the log; compared with the number of live documents to decide on compaction. */
  get lineCount(): number {
    return this.lines;
  }

  /** Rewrites the log as `snapshot` (the live state), atomically. */
  compact(snapshot: Iterable<Change[]>): void {
    const tmp = `${this.file}.tmp`;
    const fd = openSync(tmp, 'w');
    let lines = 0;
    try {
      for (const changes of snapshot) {
        writeSync(fd, `${JSON.stringify(changes)}\n`);
        lines += 1;
      }
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    closeSync(this.fd);
    renameSync(tmp, this.file);
    this.fd = openSync(this.file, 'a');
    this.lines = lines;
  }

  /** Closes the log; closing it again (a second stop) does nothing. */
  close(): void {
    if (this.fd < 0) return;
    closeSync(this.fd);
    this.fd = -1;
  }
}

function truncate(file: string, length: number): void {
  const fd = openSync(file, 'r+');
  try {
    ftruncateSync(fd, length);
  } finally {
    closeSync(fd);
  }
}
