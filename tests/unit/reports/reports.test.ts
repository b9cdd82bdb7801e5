// The weekly and final reports: PDF text, XLSX cells and CSV rows agree with the database for the
// same period (one query layer under all three), opinions appear only as staff confirmed them.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliRun } from '../../support/cli.js';
import { dataPaths } from '../../../src/main/paths.js';
import { confirmOpinion, opinions } from '../../../src/main/reports/opinions.js';
import { passphraseWrapper } from '../../../src/main/store/key-wrap.js';
import { redact } from '../../../src/shared/redact.js';
import { keeper, PASSPHRASE, TEST_SCRYPT } from '../../support/store.js';
import { tempDir } from '../../support/test-app.js';

const cli = (args: string[]) => cliRun(args);

interface SqlRow {
  day: string;
  venue: string;
  visits: number;
  applicants: number;
  paper: number;
  online: number;
  both: number;
  incentives: number;
  yen: number;
  surveys: number;
  complaints: number;
}

/** The figures per venue and day straight from the tables, written independently of the report code. */
function sqlRows(dataDir: string, from: string, to: string): Promise<SqlRow[]> {
  const store = keeper(dataPaths(dataDir));
  return store.unlock(passphraseWrapper(PASSPHRASE, TEST_SCRYPT)).then(({ db }) => {
    const rows = db
      .prepare(
        `WITH ev AS (SELECT e.id, v.name AS venue FROM events e JOIN venues v ON v.id = e.venue_id),
              vd AS (SELECT DISTINCT day, event_id FROM visits WHERE day BETWEEN @from AND @to)
         SELECT vd.day, ev.venue,
           (SELECT count(*) FROM visits x WHERE x.day = vd.day AND x.event_id = vd.event_id) AS visits,
           (SELECT coalesce(sum(applicants), 0) FROM visits x WHERE x.day = vd.day AND x.event_id = vd.event_id) AS applicants,
           (SELECT coalesce(sum(applicants), 0) FROM visits x WHERE x.day = vd.day AND x.event_id = vd.event_id AND outcome = 'paper') AS paper,
           (SELECT coalesce(sum(applicants), 0) FROM visits x WHERE x.day = vd.day AND x.event_id = vd.event_id AND outcome = 'online') AS online,
           (SELECT coalesce(sum(applicants), 0) FROM visits x WHERE x.day = vd.day AND x.event_id = vd.event_id AND outcome = 'both') AS both,
           (SELECT count(*) FROM incentives x WHERE x.day = vd.day AND x.event_id = vd.event_id) AS incentives,
           (SELECT coalesce(sum(amount_yen), 0) FROM incentives x WHERE x.day = vd.day AND x.event_id = vd.event_id) AS yen,
           (SELECT count(*) FROM survey_answers x WHERE x.day = vd.day AND x.event_id = vd.event_id) AS surveys,
           (SELECT count(*) FROM inquiries x WHERE x.day = vd.day AND x.event_id = vd.event_id AND category = 'complaint') AS complaints
         FROM vd JOIN ev ON ev.id = vd.event_id ORDER BY vd.day, ev.venue`,
      )
      .all({ from, to }) as SqlRow[];
    store.close();
    return rows;
  });
}

let dataDir: string;

beforeAll(async () => {
  dataDir = tempDir('madoguchi-report-');
  expect((await cli(['seed-demo', '--visits', '160', '--data-dir', dataDir, '--json'])).code).toBe(0);
}, 90_000);

describe('reports', () => {
  it('writes the final report whose PDF, XLSX and CSV agree with the database', async () => {
    // Staff confirm two opinions (one corrected), leave one out; the rest stay unreviewed.
    const store = keeper(dataPaths(dataDir));
    await store.unlock(passphraseWrapper(PASSPHRASE, TEST_SCRYPT));
    const all = opinions(store, { from: '2000-01-01', to: '2100-01-01' });
    expect(all.length).toBeGreaterThan(3);
    confirmOpinion(store, { source: all[0]!.source, id: all[0]!.id, text: all[0]!.suggestion, exclude: false }, 'staff:1', new Date());
    confirmOpinion(store, { source: all[1]!.source, id: all[1]!.id, text: '説明が丁寧でした（確認済み）', exclude: false }, 'staff:1', new Date());
    confirmOpinion(store, { source: all[2]!.source, id: all[2]!.id, text: '', exclude: true }, 'staff:1', new Date());
    expect(() => confirmOpinion(store, { source: all[3]!.source, id: all[3]!.id, text: '電話 0859-22-1234 まで', exclude: false }, 'staff:1', new Date())).toThrow(/personal data/);
    store.close();

    const outDir = tempDir('madoguchi-report-out-');
    const r = await cli(['report', 'final', '--data-dir', dataDir, '--out', outDir, '--json']);
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    const made = JSON.parse(r.out[0]!) as { period: { from: string; to: string }; files: { pdf: string; xlsx: string; csv: string }; visits: number; unreviewedOpinions: number };
    expect(made.visits).toBe(160);
    expect(made.unreviewedOpinions).toBe(all.length - 3);
    const expected = await sqlRows(dataDir, made.period.from, made.period.to);
    expect(expected.length).toBeGreaterThan(3);

    // CSV: BOM, CRLF, a head, one row per venue-day, then the total.
    const csv = readFileSync(made.files.csv, 'utf8');
    expect(csv.startsWith('\ufeff')).toBe(true);
    const lines = csv.slice(1).trimEnd().split('\r\n').map((l) => l.split(','));
    const head = lines[0]!;
    const col = (name: string) => head.indexOf(name);
    const fromCsv = lines.slice(1, -1).map((c) => ({
      day: c[0]!,
      venue: c[1]!,
      visits: Number(c[col('来訪者数')]),
      applicants: Number(c[col('申請者数')]),
      paper: Number(c[col('紙申請')]),
      online: Number(c[col('オンライン申請')]),
      both: Number(c[col('紙・オンライン併用')]),
      incentives: Number(c[col('特典件数')]),
      yen: Number(c[col('特典金額（円）')]),
      surveys: Number(c[col('アンケート件数')]),
      complaints: Number(c[col('うち苦情')]),
    }));
    expect(fromCsv).toEqual(expected);
    expect(lines.at(-1)![0]).toBe('合計');
    expect(Number(lines.at(-1)![col('来訪者数')])).toBe(160);

    // XLSX: the same cells in the first sheet; the opinions sheet holds exactly the confirmed ones.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(made.files.xlsx);
    const sheet = wb.getWorksheet('会場・日別')!;
    const xlsxRows: (string | number)[][] = [];
    sheet.eachRow((row) => xlsxRows.push((row.values as (string | number)[]).slice(1)));
    expect(xlsxRows.map((row) => row.map(String))).toEqual(lines.map((row) => row.map(String)));
    const ops: string[] = [];
    wb.getWorksheet('ご意見・苦情')!.eachRow((row, i) => i > 1 && ops.push(String(row.getCell(4).value)));
    expect(ops[0]).toBe(all[0]!.suggestion);
    expect(ops).toContain('説明が丁寧でした（確認済み）');
    expect(ops.at(-1)).toContain(`未確認の意見 ${all.length - 3} 件`);
    expect(ops.join('\n')).not.toContain(all[2]!.original);

    // PDF: each venue-day line carries the same numbers, in the table's order.
    const text = execFileSync('pdftotext', ['-layout', made.files.pdf, '-'], { encoding: 'utf8' });
    for (const e of expected) {
      const line = text.split('\n').find((l) => l.trimStart().startsWith(e.day) && l.includes(e.venue));
      expect(line, `${e.day} ${e.venue}`).toBeDefined();
      const numbers = line!.replace(e.day, '').replace(e.venue, '').trim().split(/\s+/).map((x) => Number(x.replace(/,/g, '')));
      expect(numbers).toEqual([e.visits, e.applicants, e.paper, e.online, e.both, e.incentives, e.surveys, e.complaints]);
    }
    expect(text).toContain('説明が丁寧でした（確認済み）');
    expect(text).toContain('開催区分別の効率');
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{4}/);
  }, 90_000);

  it('writes a weekly report for the given days, and without dates for the last week holding data', async () => {
    const outDir = tempDir('madoguchi-report-out-');
    const all = await sqlRows(dataDir, '2000-01-01', '2100-01-01');
    const from = all[2]!.day;
    const to = all[4]!.day;
    const r = await cli(['report', 'weekly', '--from', from, '--to', to, '--data-dir', dataDir, '--out', outDir, '--json']);
    expect(r.code).toBe(0);
    const made = JSON.parse(r.out[0]!) as { visits: number; rows: number; period: { from: string; to: string } };
    const within = await sqlRows(dataDir, from, to);
    expect(made).toMatchObject({ period: { from, to }, rows: within.length, visits: within.reduce((n, x) => n + x.visits, 0) });
    const last = await cli(['report', 'weekly', '--data-dir', dataDir, '--out', outDir, '--json']);
    expect(JSON.parse(last.out[0]!)).toMatchObject({ period: { to: all.at(-1)!.day } });
  }, 60_000);

  it('refuses bad arguments clearly, before touching the store', async () => {
    expect((await cli(['report', '--data-dir', dataDir, '--out', '/tmp/x'])).code).toBe(2);
    expect((await cli(['report', 'weekly', '--data-dir', dataDir])).code).toBe(2);
    expect((await cli(['report', 'weekly', '--from', '2022-10-01', '--data-dir', dataDir, '--out', '/tmp/x'])).code).toBe(2);
    expect((await cli(['report', 'weekly', '--from', '2022-02-30', '--to', '2022-03-01', '--data-dir', dataDir, '--out', '/tmp/x'])).code).toBe(2);
    expect((await cli(['report', 'final', '--from', '2022-10-01', '--to', '2022-10-02', '--data-dir', dataDir, '--out', '/tmp/x'])).code).toBe(2);
    const empty = await cli(['report', 'final', '--data-dir', tempDir('madoguchi-none-'), '--out', '/tmp/x']);
    expect(empty.code).toBe(1);
    expect(empty.err.join('')).toContain('データベースがありません');
  });
});

describe('redaction', () => {
  it('masks numbers, e-mail addresses and names with honorifics, and leaves ordinary words', () => {
    expect(redact('山田さんに 090-1234-5678 へ電話をもらいました').text).toBe('〇〇さんに ＊＊＊＊ へ電話をもらいました');
    expect(redact('taro@example.jp に連絡').text).toBe('（メールアドレス） に連絡');
    expect(redact('係員さんが親切でした。皆さんありがとう').text).toBe('係員さんが親切でした。皆さんありがとう');
    expect(redact('１２３４５６７８９０１２').masked.number).toBe(1);
    expect(redact('待ち時間は10分でした').text).toBe('待ち時間は10分でした');
  });
});
