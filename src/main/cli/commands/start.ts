import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { CliError, type Command } from '../cli-io.js';

/** The Electron binary's path, or null when the package is there without its binary. */
export function electronBinary(resolve: (id: string) => unknown = createRequire(import.meta.url)): string | null {
  try {
    const p = resolve('electron');
    return typeof p === 'string' ? p : null;
  } catch {
    // The electron package throws "Electron failed to install correctly" when its binary
    // download was skipped, as it is on our build machines.
    return null;
  }
}

export const startCommand: Command = {
  name: 'start',
  summary: { ja: 'デスクトップアプリ（Electron）を起動します', en: 'Start the desktop app (Electron)' },
  usage: 'madoguchi start [--data-dir D] [--demo]',
  options: { demo: { type: 'boolean' } },
  async run(values, flags, io) {
    const bin = electronBinary();
    if (!bin) {
      const serve = ['npx madoguchi serve', values.demo === true ? '--demo' : '', flags.dataDir ? `--data-dir ${flags.dataDir}` : '']
        .filter(Boolean)
        .join(' ');
      throw new CliError(
        flags.lang === 'en'
          ? `The Electron binary is not installed on this machine. Run the browser host instead: ${serve}`
          : `この端末には Electron の実行ファイルがありません。代わりにブラウザーホストを使ってください: ${serve}`,
        3,
      );
    }
    const args = ['.'];
    if (flags.dataDir) args.push('--data-dir', flags.dataDir);
    if (values.demo === true) args.push('--demo');
    const child = spawn(bin, args, { stdio: 'inherit', env: io.env });
    return await new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? 1)));
  },
};
