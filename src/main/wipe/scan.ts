// The verification scan after a wipe: every file left in the app's folders is read and searched
// for the canary strings the run planted and for signs of a database or a photo.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export interface ScanFinding {
  file: string;
  what: 'canary' | 'sqlite' | 'jpeg' | 'unreadable';
}

export interface ScanResult {
  filesScanned: number;
  bytesScanned: number;
  findings: ScanFinding[];
}

const SQLITE = Buffer.from('SQLite format 3\0');
const JPEG_SOI = Buffer.from([0xff, 0xd8, 0xff]);
const JPEG_MARKERS = [Buffer.from('JFIF\0'), Buffer.from('Exif\0\0')];

function walk(dir: string, out: string[]): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.isFile()) out.push(p);
  }
}

export function scanForRemnants(roots: string[], canaries: string[]): ScanResult {
  const needles = canaries.filter(Boolean).flatMap((c) => [Buffer.from(c, 'utf8'), Buffer.from(c, 'utf16le')]);
  const files: string[] = [];
  for (const r of roots) walk(r, files);
  const result: ScanResult = { filesScanned: 0, bytesScanned: 0, findings: [] };
  for (const file of files) {
    let bytes: Buffer;
    try {
      if (statSync(file).size > 512 * 1024 * 1024) throw new Error('too large to read whole');
      bytes = readFileSync(file);
    } catch {
      result.findings.push({ file, what: 'unreadable' });
      continue;
    }
    result.filesScanned += 1;
    result.bytesScanned += bytes.length;
    if (needles.some((n) => bytes.includes(n))) result.findings.push({ file, what: 'canary' });
    if (bytes.subarray(0, SQLITE.length).equals(SQLITE) || bytes.includes(SQLITE)) result.findings.push({ file, what: 'sqlite' });
    if (bytes.subarray(0, 3).equals(JPEG_SOI) || (bytes.includes(JPEG_SOI) && JPEG_MARKERS.some((m) => bytes.includes(m)))) {
      result.findings.push({ file, what: 'jpeg' });
    }
  }
  return result;
}
