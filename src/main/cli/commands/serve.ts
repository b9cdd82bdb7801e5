import path from 'node:path';
import { existsSync } from 'node:fs';
import { AppError } from '../../../shared/errors.js';
import { pick } from '../../../shared/text.js';
import { boot } from '../../boot.js';
import { noKeyStore } from '../../doctor/key-store.js';
import { startBrowserHost } from '../../host/browser-host.js';
import { CliError, type Command } from '../cli-io.js';

export const serveCommand: Command = {
  name: 'serve',
  summary: { ja: 'ブラウザーホストで起動します（開発・テスト用）', en: 'Run the browser host (development and tests)' },
  usage: 'madoguchi serve [--port P] [--data-dir D] [--demo] [--json]',
  options: { port: { type: 'string' }, demo: { type: 'boolean' } },
  async run(values, flags, io) {
    const portText = typeof values.port === 'string' ? values.port : '0';
    if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535) {
      throw new CliError(flags.lang === 'en' ? `--port must be 0–65535, got "${portText}"` : `--port は 0〜65535 の数字です（指定: "${portText}"）`);
    }
    let booted;
    try {
      booted = await boot({
        dataDir: flags.dataDir,
        demo: values.demo === true,
        host: 'browser',
        keyStore: () => noKeyStore,
        passphrase: io.env.MADOGUCHI_PASSPHRASE,
        // MADOGUCHI_RAM_DIR names the RAM-backed folder explicitly (tests; unusual set-ups).
        extraWipeRoots: io.env.MADOGUCHI_RAM_DIR ? [io.env.MADOGUCHI_RAM_DIR] : undefined,
      });
    } catch (err) {
      if (err instanceof AppError) throw new CliError(pick(err.body.message, flags.lang), 1);
      throw err;
    }
    const rendererDir = path.join(booted.root, 'dist', 'renderer');
    if (!existsSync(path.join(rendererDir, 'index.html'))) {
      throw new CliError(flags.lang === 'en' ? 'The renderer is not built: run `npm run build` first' : '画面がビルドされていません。先に npm run build を実行してください', 1);
    }
    let host;
    try {
      host = await startBrowserHost({ app: booted.app, rendererDir, port: Number(portText), log: booted.log });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? 'error';
      throw new CliError(flags.lang === 'en' ? `Cannot listen on port ${portText} (${code})` : `ポート ${portText} で待ち受けできません（${code}）`, 1);
    }
    if (flags.json) {
      io.out(JSON.stringify({ console: host.urls.console, station: host.urls.station }));
    } else {
      const demo = booted.devices.camera.simulated || booted.devices.photoPrinter.simulated || booted.devices.ticketPrinter.simulated;
      io.out(
        [
          flags.lang === 'en' ? 'madoguchi browser host (Ctrl+C to stop)' : 'madoguchi ブラウザーホスト（Ctrl+C で終了）',
          `  console / 操作画面:     ${host.urls.console}`,
          `  station / 撮影ステーション: ${host.urls.station}`,
          `  data / データ:          ${booted.paths.root}`,
          demo ? (flags.lang === 'en' ? '  Some hardware is simulated (demo mode).' : '  一部または全部の機器がシミュレーションです（デモモード）。') : '',
        ].filter(Boolean).join('\n'),
      );
    }
    await io.interrupted();
    await host.close();
    await booted.app.close();
    return 0;
  },
};
