import path from 'node:path';
import { AppError } from '../../../shared/errors.js';
import { pick } from '../../../shared/text.js';
import { exportBundle, importBundle, writeBundle, type ImportResult } from '../../bundles/bundle.js';
import { exportSeasonKey, importSeasonKey } from '../../incentive/season-key.js';
import { dataSpan } from '../../reports/figures-query.js';
import { CliError, type Command } from '../cli-io.js';
import { readPassphrase } from '../passphrase.js';
import { dayOption, openStoreForCli } from './shared.js';

export const bundleCommand: Command = {
  name: 'bundle',
  summary: { ja: '複数端末の集計ファイル（署名付き）の書き出し・取り込み', en: 'Export or import signed bundles of figures (several booths)' },
  usage:
    'madoguchi bundle export --out DIR [--from YYYY-MM-DD --to YYYY-MM-DD] [--json]\n' +
    'madoguchi bundle import FILE... [--trust FINGERPRINT]... [--json]\n' +
    'madoguchi bundle season-key (--export FILE | --import FILE) [--json]\n' +
    '  export: this device\'s booth days in figures (no personal data), signed with its key.\n' +
    '  import (the office): a device seen for the first time needs --trust with its key\'s fingerprint;\n' +
    '  the same bundle twice counts once; altered or foreign-signed bundles are refused.\n' +
    '  season-key: the incentive\'s shared secret, sealed with MADOGUCHI_SEASON_PASSPHRASE (or a prompt).',
  options: { out: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, trust: { type: 'string', multiple: true }, export: { type: 'string' }, import: { type: 'string' } },
  positionals: true,
  async run(values, flags, io) {
    const en = flags.lang === 'en';
    const [action, ...files] = (values._positionals as string[] | undefined) ?? [];
    if (action !== 'export' && action !== 'import' && action !== 'season-key') throw new CliError(en ? 'say export, import or season-key' : 'export・import・season-key のどれかを指定してください');
    if (action === 'export') {
      if (files.length) throw new CliError(en ? 'export takes no file names (use --out)' : 'export にファイル名は不要です（--out を使ってください）');
      if (typeof values.out !== 'string' || !values.out) throw new CliError(en ? '--out DIR is required' : '--out で保存先のフォルダーを指定してください');
    }
    if (action === 'import' && files.length === 0) throw new CliError(en ? 'name the bundle files to import' : '取り込む集計ファイルを指定してください');
    if (action === 'season-key' && (typeof values.export === 'string') === (typeof values.import === 'string')) throw new CliError(en ? 'say --export FILE or --import FILE' : '--export FILE か --import FILE のどちらかを指定してください');
    const from = dayOption('from', values.from, flags.lang);
    const to = dayOption('to', values.to, flags.lang);
    if (Boolean(from) !== Boolean(to)) throw new CliError(en ? 'give both --from and --to, or neither' : '--from と --to は両方指定するか、両方省略してください');

    const store = await openStoreForCli(flags, io);
    const now = new Date();
    try {
      if (action === 'export') {
        const period = from && to ? { from, to } : dataSpan(store);
        if (!period) throw new CliError(en ? 'nothing recorded yet: no bundle to export' : 'まだ記録がないため、書き出すものがありません', 1);
        const b = exportBundle(store, period, now);
        const file = writeBundle(b, path.resolve(values.out as string));
        io.out(flags.json ? JSON.stringify({ file, bundleId: b.bundleId, deviceId: b.deviceId, days: b.days.length, opinions: b.opinions.length, incentives: b.incentives.length }) : `${file}\n  ${b.days.length} ${en ? 'booth days' : '会場日'}, ${b.opinions.length} ${en ? 'opinions' : '件のご意見'}, ${b.incentives.length} ${en ? 'incentive hashes' : '件の特典記録（ハッシュ）'}`);
        return 0;
      }
      if (action === 'season-key') {
        const passphrase = await readPassphrase({ ...io.env, MADOGUCHI_PASSPHRASE: io.env.MADOGUCHI_SEASON_PASSPHRASE }, en ? 'Season key passphrase: ' : 'シーズン鍵のパスフレーズ: ', flags.lang);
        if (typeof values.export === 'string') {
          await exportSeasonKey(store, path.resolve(values.export), passphrase, now);
          io.out(flags.json ? JSON.stringify({ exported: path.resolve(values.export) }) : en ? `season key sealed in ${values.export}` : `シーズン鍵を ${values.export} に書き出しました`);
        } else {
          const r = await importSeasonKey(store, path.resolve(values.import as string), passphrase, now);
          io.out(flags.json ? JSON.stringify({ imported: r }) : r === 'same' ? (en ? 'this device already has that season key' : 'この端末はすでに同じシーズン鍵です') : en ? 'season key set' : 'シーズン鍵を設定しました');
        }
        return 0;
      }
      // import: each file on its own; one refused file does not stop the others, and says why.
      const trust = Array.isArray(values.trust) ? values.trust : [];
      const results: (ImportResult | { file: string; error: string })[] = [];
      for (const f of files) {
        try {
          results.push(importBundle(store, path.resolve(f), { trust, now, actor: 'cli' }));
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          results.push({ file: path.resolve(f), error: pick(err.body.message, flags.lang) });
        }
      }
      const failed = results.filter((r) => 'error' in r).length;
      if (flags.json) io.out(JSON.stringify({ results, imported: results.length - failed, refused: failed }));
      else
        for (const r of results)
          io.out(
            'error' in r
              ? `✖ ${r.error}`
              : `${r.status === 'new' ? '✔' : '='} ${path.basename(r.file)}: ${r.days} ${en ? 'booth days' : '会場日'}${r.status === 'again' ? (en ? ' (imported before; counted once)' : '（取り込み済み。二重には数えません）') : ''}${r.paidTwice > 0 ? (en ? ` — ${r.paidTwice} people paid at two booths` : ` — 2か所で特典を受け取った方 ${r.paidTwice} 人`) : ''}`,
          );
      return failed > 0 ? 1 : 0;
    } catch (err) {
      if (err instanceof AppError) throw new CliError(pick(err.body.message, flags.lang), 1);
      throw err;
    } finally {
      store.close();
    }
  },
};
