import { readFileSync } from 'node:fs';
import { AppError } from '../../../shared/errors.js';
import { pick } from '../../../shared/text.js';
import { parseIssuanceCsv } from '../../planning/issuance-csv.js';
import { makePlan, saveIssuance, storedIssuance } from '../../planning/plan.js';
import { allFigures, dataSpan } from '../../reports/figures-query.js';
import { deviceIdentity } from '../../store/device-identity.js';
import { CliError, type Command } from '../cli-io.js';
import { dayOption, openStoreForCli } from './shared.js';

export const planCommand: Command = {
  name: 'plan',
  summary: { ja: '交付状況の取り込みと、申請を増やす時間の配分', en: 'Import issuance by age; where the next staff-hours gain most' },
  usage:
    'madoguchi plan import FILE.csv [--as-of YYYY-MM-DD] [--band-col NAME] [--population-col NAME] [--issued-col NAME] [--json]\n' +
    'madoguchi plan recommend --hours N [--json]\n' +
    '  import: UTF-8 or Shift_JIS; the columns are found by name unless given; unread lines are listed.',
  options: { 'as-of': { type: 'string' }, 'band-col': { type: 'string' }, 'population-col': { type: 'string' }, 'issued-col': { type: 'string' }, hours: { type: 'string' } },
  positionals: true,
  async run(values, flags, io) {
    const en = flags.lang === 'en';
    const [action, file, ...extra] = (values._positionals as string[] | undefined) ?? [];
    if ((action !== 'import' && action !== 'recommend') || extra.length) throw new CliError(en ? 'say import FILE or recommend --hours N' : 'import FILE か recommend --hours N を指定してください');
    if (action === 'import' && !file) throw new CliError(en ? 'name the CSV file' : 'CSVファイルを指定してください');
    const hours = Number(values.hours ?? 'x');
    if (action === 'recommend' && (!Number.isInteger(hours) || hours < 1 || hours > 10_000)) throw new CliError(en ? '--hours must be a whole number 1–10000' : '--hours は 1〜10000 の整数で指定してください');
    const asOf = dayOption('as-of', values['as-of'], flags.lang) ?? new Date().toISOString().slice(0, 10);
    let bytes: Buffer | null = null;
    if (action === 'import') {
      try {
        bytes = readFileSync(file as string);
      } catch {
        throw new CliError(en ? `cannot read ${file}` : `${file} を読めません`, 2);
      }
    }
    const store = await openStoreForCli(flags, io);
    try {
      if (action === 'import') {
        const r = parseIssuanceCsv(bytes as Buffer, { band: values['band-col'] as string | undefined, population: values['population-col'] as string | undefined, issued: values['issued-col'] as string | undefined });
        saveIssuance(store, r.rows, asOf, new Date(), 'cli');
        if (flags.json) io.out(JSON.stringify({ ...r, asOf }));
        else {
          io.out(en ? `${r.rows.length} age bands read (${r.encoding}; columns: ${r.columns.band} / ${r.columns.population} / ${r.columns.issued})` : `${r.rows.length} 区分を読み込みました（${r.encoding}、列: ${r.columns.band}／${r.columns.population}／${r.columns.issued}）`);
          for (const u of r.unread) io.out(`  ${en ? 'line' : '行'} ${u.line}: ${u.reason}`);
          const more = r.unreadTotal - r.unread.length;
          if (more > 0) io.out(en ? `  … and ${more} more lines not read` : `  …ほかに ${more} 行を読めませんでした`);
        }
        return 0;
      }
      const span = dataSpan(store);
      const days = span ? allFigures(store, deviceIdentity(store.get().db).deviceId, span) : [];
      const plan = makePlan(days, storedIssuance(store), hours);
      if (flags.json) io.out(JSON.stringify(plan));
      else {
        for (const a of plan.allocation) io.out(`${a.channel.padEnd(16)} ${String(a.hours).padStart(5)} h → ${a.applications}`);
        io.out(en ? `gain: ${plan.gained} applications` : `見込み: 申請 ${plan.gained} 件`);
        if (plan.issuance) io.out(`${(plan.issuance.rateNow * 100).toFixed(1)}% → ${(plan.issuance.rateProjected * 100).toFixed(1)}%`);
      }
      return 0;
    } catch (err) {
      if (err instanceof AppError) throw new CliError(pick(err.body.message, flags.lang), 1);
      throw err;
    } finally {
      store.close();
    }
  },
};
