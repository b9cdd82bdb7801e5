// Issuance by age band (総務省's monthly statistics, or the city's own): a CSV whose encoding and
// column names vary. The importer decodes UTF-8 or Shift_JIS, finds the band, population and
// cards-issued columns (or takes the names it is given), and reports every line it could not read.
import iconv from 'iconv-lite';
import { AppError } from '../../shared/errors.js';
import { text } from '../../shared/text.js';
import type { IssuancePreview } from '../../shared/contract.js';

export interface IssuanceRow {
  /** "0-4" … "80-84", or an open top band "85+" (or "80+" where the source ends there). */
  band: string;
  population: number;
  issued: number;
}

export interface ColumnMapping {
  band?: string;
  population?: string;
  issued?: string;
}

export interface IssuanceImport {
  encoding: 'utf-8' | 'shift_jis';
  /** The header line it read the columns from. */
  header: string[];
  columns: { band: string; population: string; issued: string };
  rows: IssuanceRow[];
  /** Lines that were not read, with why (the totals line is skipped silently): the first UNREAD_LISTED. */
  unread: { line: number; reason: string }[];
  /** How many lines were not read in all. */
  unreadTotal: number;
}

/** A wrong export can have every one of its 400 000 lines unreadable: the first ones say enough. */
export const UNREAD_LISTED = 50;

export const MAX_CSV_BYTES = 5 * 1024 * 1024;

const CANDIDATES = {
  band: ['年齢階級', '年齢区分', '年齢', '年代', '階級', 'age', 'band'],
  population: ['住民基本台帳人口', '人口', 'population'],
  issued: ['交付枚数', '累計交付枚数', '保有枚数', '交付件数', '交付数', 'issued', 'cards'],
};

export function decodeCsv(bytes: Buffer): { text: string; encoding: IssuanceImport['encoding'] } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: bytes.subarray(3).toString('utf8'), encoding: 'utf-8' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(bytes, 'Shift_JIS'), encoding: 'shift_jis' };
  }
}

/** RFC 4180-ish: quoted fields with doubled quotes, commas or tabs, CRLF or LF. */
export function parseCsv(s: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const sep = (s.split('\n', 1)[0] ?? '').includes('\t') && !(s.split('\n', 1)[0] ?? '').includes(',') ? '\t' : ',';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === sep) {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

const clean = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

/** The column for a role: the one named, or the best candidate (a "計"/total column over 男/女). */
function findColumn(head: string[], role: keyof typeof CANDIDATES, named: string | undefined): number {
  if (named) return head.findIndex((h) => clean(h) === clean(named));
  const hits = head.map((h, i) => ({ h: clean(h), i })).filter(({ h }) => CANDIDATES[role].some((c) => h.includes(clean(c))));
  if (role !== 'band') {
    const total = hits.find(({ h }) => /計|total|合計/.test(h));
    if (total) return total.i;
    const neutral = hits.find(({ h }) => !/男|女|male|female|率|%/.test(h));
    if (neutral) return neutral.i;
  }
  return hits[0]?.i ?? -1;
}

/** "0～4歳", "0-4", "85歳以上", "85～", "100+" → our band key; "total" for the totals line; null when unreadable. */
export function bandOf(raw: string): string | null {
  const s = raw.normalize('NFKC').trim();
  if (/^(合計|総数|計|total|all)$/i.test(s)) return 'total';
  const m = /^(\d{1,3})\s*(?:歳)?\s*(?:[-~～〜ー－]\s*(\d{1,3})?\s*歳?|(以上|\+|超))?\s*$/u.exec(s);
  if (!m) return null;
  const lo = Number(m[1]);
  const hi = m[2] !== undefined ? Number(m[2]) : undefined;
  if (lo % 5 !== 0 || lo > 120) return null;
  if (hi === undefined) return m[3] !== undefined || /[-~～〜ー－]\s*$/.test(s) ? `${lo}+` : null;
  return hi === lo + 4 ? `${lo}-${hi}` : null;
}

const number = (s: string) => {
  const t = s.normalize('NFKC').replace(/[,\s人枚件]/g, '');
  return /^\d+$/.test(t) ? Number(t) : NaN;
};

export function parseIssuanceCsv(bytes: Buffer, mapping: ColumnMapping = {}): IssuanceImport {
  if (bytes.length > MAX_CSV_BYTES) {
    throw new AppError('bad_request', text(`CSVが大きすぎます（${Math.round(bytes.length / 1e6)} MB、上限 5 MB）。年齢別の表だけを書き出してください。`, `The CSV is too large (${Math.round(bytes.length / 1e6)} MB, at most 5 MB). Export only the table by age.`));
  }
  const { text: body, encoding } = decodeCsv(bytes);
  const table = parseCsv(body).filter((r) => r.some((c) => c.trim() !== ''));
  // The header is the first line naming a band column and at least one number column.
  const headAt = table.findIndex((r) => findColumn(r, 'band', mapping.band) >= 0 && (findColumn(r, 'population', mapping.population) >= 0 || findColumn(r, 'issued', mapping.issued) >= 0));
  if (headAt < 0) {
    throw new AppError('bad_request', text('見出しの行が見つかりません（年齢・人口・交付枚数の列）。列名を指定してください。', 'No header line found (age band, population, cards issued). Name the columns.'));
  }
  const head = table[headAt]!;
  const idx = { band: findColumn(head, 'band', mapping.band), population: findColumn(head, 'population', mapping.population), issued: findColumn(head, 'issued', mapping.issued) };
  const missing = (Object.entries(idx) as [keyof typeof idx, number][]).filter(([, i]) => i < 0).map(([k]) => ({ band: '年齢', population: '人口', issued: '交付枚数' })[k]);
  if (missing.length > 0) {
    throw new AppError('bad_request', text(`列が見つかりません: ${missing.join('・')}（見出し: ${head.join(' | ')}）。列名を指定してください。`, `Columns not found: ${missing.join(', ')} (header: ${head.join(' | ')}). Name the columns.`));
  }
  const rows: IssuanceRow[] = [];
  const listed: IssuanceImport['unread'] = [];
  let unreadTotal = 0;
  const skip = (line: number, reason: string) => {
    unreadTotal += 1;
    if (listed.length < UNREAD_LISTED) listed.push({ line, reason });
  };
  const seen = new Set<string>();
  table.slice(headAt + 1).forEach((r, k) => {
    const line = headAt + 2 + k;
    const band = bandOf(r[idx.band] ?? '');
    if (band === 'total') return;
    if (band === null) return skip(line, `年齢区分を読めません: 「${(r[idx.band] ?? '').slice(0, 20)}」`);
    const population = number(r[idx.population] ?? '');
    const issued = number(r[idx.issued] ?? '');
    if (Number.isNaN(population) || Number.isNaN(issued)) return skip(line, `数値を読めません（${band}）`);
    if (issued > population) return skip(line, `交付枚数が人口を超えています（${band}）`);
    if (seen.has(band)) return skip(line, `同じ年齢区分が2回あります（${band}）`);
    seen.add(band);
    rows.push({ band, population, issued });
  });
  if (rows.length === 0) throw new AppError('bad_request', text('年齢別の行を1行も読めませんでした。', 'Not one age-band line could be read.'));
  return { encoding, header: head.map((c) => c.trim()).filter(Boolean), columns: { band: head[idx.band]!, population: head[idx.population]!, issued: head[idx.issued]! }, rows, unread: listed, unreadTotal };
}

/** Reads an issuance CSV for the console's mapping step: what it found, or why not and the header to choose from. */
export function previewIssuanceCsv(bytes: Buffer, mapping: ColumnMapping = {}): IssuancePreview {
  try {
    // Read: the columns to choose from are those of the header line it read.
    const r = parseIssuanceCsv(bytes, mapping);
    return { header: r.header, encoding: r.encoding, columns: r.columns, rows: r.rows, unread: r.unread, unreadTotal: r.unreadTotal, problem: null };
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    // Not read: the header is most likely the fullest of the first lines (a title line often comes first).
    const first = parseCsv(decodeCsv(bytes).text).filter((r) => r.some((c) => c.trim() !== '')).slice(0, 10);
    const fullest = first.reduce<string[]>((best, r) => (r.filter((c) => c.trim()).length > best.filter((c) => c.trim()).length ? r : best), []);
    return { header: fullest.map((c) => c.trim()).filter(Boolean), encoding: null, columns: null, rows: [], unread: [], unreadTotal: 0, problem: err.body.message };
  }
}
