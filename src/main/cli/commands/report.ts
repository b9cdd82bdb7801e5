import path from 'node:path';
import { defaultWeek } from '../../reports/report-model.js';
import { dataSpan } from '../../reports/figures-query.js';
import { makeReport } from '../../reports/make-report.js';
import { CliError, type Command } from '../cli-io.js';
import { dayOption, openStoreForCli } from './shared.js';

export const reportCommand: Command = {
  name: 'report',
  summary: { ja: '週次報告書・最終報告書（PDF・XLSX・CSV）を作ります', en: 'Write the weekly or final report (PDF, XLSX, CSV)' },
  usage:
    'madoguchi report weekly [--from YYYY-MM-DD --to YYYY-MM-DD] --out DIR [--json]\n' +
    'madoguchi report final --out DIR [--json]\n' +
    '  weekly without dates: the seven days ending on the last day that holds data.\n' +
    '  final: every day that holds data (this device and imported bundles).\n' +
    '  The store passphrase comes from MADOGUCHI_PASSPHRASE or a prompt.',
  options: { from: { type: 'string' }, to: { type: 'string' }, out: { type: 'string' } },
  positionals: true,
  async run(values, flags, io) {
    const en = flags.lang === 'en';
    const [kind, ...extra] = (values._positionals as string[] | undefined) ?? [];
    if ((kind !== 'weekly' && kind !== 'final') || extra.length > 0) throw new CliError(en ? 'say which report: weekly or final' : '報告書の種類を指定してください: weekly（週次）か final（最終）');
    const out = values.out;
    if (typeof out !== 'string' || !out) throw new CliError(en ? '--out DIR is required (where the three files go)' : '--out で保存先のフォルダーを指定してください');
    let from = dayOption('from', values.from, flags.lang);
    let to = dayOption('to', values.to, flags.lang);
    if (kind === 'final' && (from || to)) throw new CliError(en ? 'the final report covers the whole season: no --from/--to' : '最終報告書は全期間が対象です（--from/--to は使えません）');
    if ((from && !to) || (!from && to)) throw new CliError(en ? 'give both --from and --to, or neither' : '--from と --to は両方指定するか、両方省略してください');
    if (from && to && from > to) throw new CliError(en ? '--from is after --to' : '--from が --to より後の日付です');
    const store = await openStoreForCli(flags, io);
    try {
      if (!from || !to) {
        const span = kind === 'weekly' ? defaultWeek(store) : dataSpan(store);
        if (!span) throw new CliError(en ? 'nothing recorded yet: no report to write' : 'まだ記録がないため、報告書は作れません', 1);
        ({ from, to } = span);
      }
      const r = await makeReport({ kind, store, period: { from, to }, outDir: path.resolve(out), now: new Date(), actor: 'cli' });
      if (flags.json) io.out(JSON.stringify({ ...r, model: undefined }));
      else {
        io.out(en ? `${kind} report ${from} – ${to}: ${r.visits} visits, ${r.applicants} applicants, ${r.rows} venue-days` : `${kind === 'weekly' ? '週次' : '最終'}報告書 ${from}〜${to}: 来訪 ${r.visits} 件・申請 ${r.applicants} 人・${r.rows} 会場日`);
        for (const f of Object.values(r.files)) io.out(`  ${f}`);
        if (r.unreviewedOpinions > 0) io.out(en ? `  ${r.unreviewedOpinions} opinions are not yet reviewed and were left out` : `  未確認のご意見 ${r.unreviewedOpinions} 件は含めていません（操作画面で確認してください）`);
      }
      return 0;
    } finally {
      store.close();
    }
  },
};
