// Writes a weekly or final report in its three formats, from one model, and logs that it did
// (the access log: which report and period, never its content).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { StoreKeeper } from '../store/store.js';
import { deviceIdentity } from '../store/device-identity.js';
import type { Period } from './figures-query.js';
import { renderPdf } from './render-pdf.js';
import { renderCsv, renderXlsx } from './render-tables.js';
import { buildReport, type ReportModel } from './report-model.js';
import { makeDirs } from '../paths.js';

export interface MadeReport {
  kind: 'weekly' | 'final';
  period: Period;
  files: { pdf: string; xlsx: string; csv: string };
  rows: number;
  visits: number;
  applicants: number;
  unreviewedOpinions: number;
  ms: { model: number; pdf: number; xlsx: number; csv: number; total: number };
}

export async function makeReport(o: { kind: 'weekly' | 'final'; store: StoreKeeper; period: Period; outDir: string; now: Date; actor: string }): Promise<MadeReport & { model: ReportModel }> {
  const t0 = performance.now();
  const { db, accessLog } = o.store.get();
  const identity = deviceIdentity(db);
  const model = buildReport(o.kind, o.store, identity.deviceId, o.period, o.now);
  const t1 = performance.now();
  const [pdf, t2] = [await renderPdf(model), performance.now()];
  const [xlsx, t3] = [await renderXlsx(model), performance.now()];
  const csv = renderCsv(model);
  const t4 = performance.now();
  makeDirs(o.outDir);
  const base = path.join(o.outDir, `${o.kind === 'weekly' ? 'weekly' : 'final'}-report_${o.period.from}_${o.period.to}`);
  const files = { pdf: `${base}.pdf`, xlsx: `${base}.xlsx`, csv: `${base}.csv` };
  writeFileSync(files.pdf, pdf);
  writeFileSync(files.xlsx, xlsx);
  writeFileSync(files.csv, csv);
  accessLog.append(o.now, o.actor, 'report.exported', { kind: o.kind, from: o.period.from, to: o.period.to });
  const ms = (a: number, b: number) => Math.round((b - a) * 10) / 10;
  return {
    kind: o.kind,
    period: o.period,
    files,
    rows: model.rows.length,
    visits: model.total.visits,
    applicants: model.total.applicants,
    unreviewedOpinions: model.unreviewedOpinions,
    ms: { model: ms(t0, t1), pdf: ms(t1, t2), xlsx: ms(t2, t3), csv: ms(t3, t4), total: ms(t0, performance.now()) },
    model,
  };
}
