// Append-only, hash-chained logs (access log, deletion log). Each row's hash covers the previous
// row's hash and its own fields, so an edited or removed row breaks the chain. The head (last seq
// and hash) is also sealed in a sidecar file with an HMAC keyed from the database key, so that
// rows cut from the end are noticed too.
import { createHash, createHmac, hkdfSync } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import type { Db, Statement } from './database.js';

export type ChainTable = 'access_log' | 'deletion_log';

/** Only plain facts go in a log line's detail: names of things, counts, durations, codes. */
export const LogDetail = z.record(z.string().max(40), z.union([z.string().max(200), z.number(), z.boolean(), z.null()]));
export type LogDetail = z.infer<typeof LogDetail>;

export interface ChainRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  detail: string;
  prev_hash: string;
  hash: string;
}

export const GENESIS = '0'.repeat(64);

export function rowHash(prev: string, r: Omit<ChainRow, 'prev_hash' | 'hash'>): string {
  return createHash('sha256').update(JSON.stringify([prev, r.seq, r.at, r.actor, r.action, r.detail])).digest('hex');
}

interface Head {
  seq: number;
  hash: string;
}

export class HashChain {
  constructor(
    private readonly db: Db,
    /** The open store's statement cache. */
    private readonly prepare: (sql: string) => Statement,
    private readonly table: ChainTable,
    private readonly headFile: string,
    private readonly sealKey: Buffer,
  ) {}

  static sealKeyFrom(dbKey: Buffer): Buffer {
    return Buffer.from(hkdfSync('sha256', dbKey, Buffer.alloc(0), 'madoguchi-log-head-v1', 32));
  }

  private last(): Head {
    const r = this.prepare(`SELECT seq, hash FROM ${this.table} ORDER BY seq DESC LIMIT 1`).get() as Head | undefined;
    return r ?? { seq: 0, hash: GENESIS };
  }

  append(at: Date, actor: string, action: string, detail: LogDetail): ChainRow {
    const d = JSON.stringify(LogDetail.parse(detail));
    const row = this.db.transaction(() => {
      const prev = this.last();
      const base = { seq: prev.seq + 1, at: at.toISOString(), actor, action, detail: d };
      const r: ChainRow = { ...base, prev_hash: prev.hash, hash: rowHash(prev.hash, base) };
      this.prepare(`INSERT INTO ${this.table} (seq, at, actor, action, detail, prev_hash, hash) VALUES (@seq, @at, @actor, @action, @detail, @prev_hash, @hash)`).run(r);
      return r;
    })();
    this.writeHead({ seq: row.seq, hash: row.hash });
    return row;
  }

  rows(): ChainRow[] {
    return this.db.prepare(`SELECT seq, at, actor, action, detail, prev_hash, hash FROM ${this.table} ORDER BY seq`).all() as ChainRow[];
  }

  /** null when intact; otherwise where and how it broke. */
  verify(): { seq: number; problem: 'edited' | 'removed' | 'head' } | null {
    let prev = GENESIS;
    let expectSeq = 1;
    for (const r of this.rows()) {
      if (r.seq !== expectSeq) return { seq: expectSeq, problem: 'removed' };
      if (r.prev_hash !== prev) return { seq: r.seq, problem: 'removed' };
      if (rowHash(prev, r) !== r.hash) return { seq: r.seq, problem: 'edited' };
      prev = r.hash;
      expectSeq += 1;
    }
    const head = this.readHead();
    const last = this.last();
    if (head && (head.seq !== last.seq || head.hash !== last.hash)) return { seq: Math.min(head.seq, last.seq + 1), problem: 'head' };
    return null;
  }

  /**
   * After a crash between a row's commit and the head's update, the database is exactly one row
   * ahead of the sealed head and that row links to the sealed hash: seal it. Anything else is
   * left for verify() to report. Answers whether it resealed.
   */
  reconcileHead(): boolean {
    const stored = this.readHeadFile()[this.table];
    const sealed = stored ? this.readHead() : { seq: 0, hash: GENESIS };
    const last = this.last();
    if (!sealed || sealed.seq < 0 || last.seq !== sealed.seq + 1) return false;
    const row = this.db.prepare(`SELECT seq, at, actor, action, detail, prev_hash, hash FROM ${this.table} WHERE seq = ?`).get(last.seq) as ChainRow;
    if (row.prev_hash !== sealed.hash || rowHash(row.prev_hash, row) !== row.hash) return false;
    this.writeHead({ seq: row.seq, hash: row.hash });
    return true;
  }

  private mac(h: Head): string {
    return createHmac('sha256', this.sealKey).update(`${this.table}:${h.seq}:${h.hash}`).digest('hex');
  }

  private writeHead(h: Head): void {
    const all = this.readHeadFile();
    all[this.table] = { ...h, mac: this.mac(h) };
    const tmp = `${this.headFile}.tmp`;
    writeFileSync(tmp, JSON.stringify(all) + '\n', { mode: 0o600 });
    renameSync(tmp, this.headFile);
  }

  private readHeadFile(): Record<string, Head & { mac: string }> {
    if (!existsSync(this.headFile)) return {};
    try {
      return JSON.parse(readFileSync(this.headFile, 'utf8')) as Record<string, Head & { mac: string }>;
    } catch {
      return {};
    }
  }

  /** The sealed head, or a head that cannot match anything when the seal is wrong. */
  private readHead(): Head | null {
    const h = this.readHeadFile()[this.table];
    if (!h) return this.last().seq > 0 ? { seq: -1, hash: 'missing' } : null;
    return this.mac(h) === h.mac ? { seq: h.seq, hash: h.hash } : { seq: -1, hash: 'bad-seal' };
  }
}
