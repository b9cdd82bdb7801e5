// Overwrite, flush, then unlink. On SSDs and copy-on-write file systems an overwrite may land on
// fresh blocks, so this cannot prove the old bytes are gone; that is why the database is
// crypto-erased first (its key destroyed) and why the README asks for full-disk encryption.
import { randomFillSync } from 'node:crypto';
import { closeSync, fsyncSync, lstatSync, openSync, readdirSync, rmdirSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';

export interface ShredCount {
  files: number;
  bytes: number;
}

const CHUNK = 1024 * 1024;

/** Overwrites a regular file with random bytes, flushes, and unlinks it. Links are only unlinked. */
export function shredFile(file: string): number {
  const st = lstatSync(file);
  if (st.isFile() && st.size > 0) {
    const fd = openSync(file, 'r+');
    try {
      const buf = Buffer.allocUnsafe(Math.min(CHUNK, st.size));
      for (let pos = 0; pos < st.size; pos += buf.length) {
        const n = Math.min(buf.length, st.size - pos);
        randomFillSync(buf, 0, n);
        writeSync(fd, buf, 0, n, pos);
      }
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
  unlinkSync(file);
  return st.isFile() ? st.size : 0;
}

/** Shreds every file below `dir` (and `dir` itself, unless keepRoot). Missing is fine. */
export function shredTree(dir: string, keepRoot = false): ShredCount {
  const count: ShredCount = { files: 0, bytes: 0 };
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return count;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      const sub = shredTree(p);
      count.files += sub.files;
      count.bytes += sub.bytes;
    } else {
      count.bytes += shredFile(p);
      count.files += 1;
    }
  }
  if (!keepRoot) {
    try {
      rmdirSync(dir);
    } catch {
      // not empty (a file appeared meanwhile) or already gone: the scan will say so
    }
  }
  return count;
}

/** Shreds one file if it exists; answers what it destroyed. */
export function shredIfPresent(file: string): ShredCount {
  try {
    return { files: 1, bytes: shredFile(file) };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { files: 0, bytes: 0 };
    throw err;
  }
}
