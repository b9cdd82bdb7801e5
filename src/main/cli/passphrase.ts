// The store's passphrase for commands that run without a window: from MADOGUCHI_PASSPHRASE, or
// typed at a prompt that does not echo. Never from a command-line argument (it would show in the
// process list and the shell history).
import { CliError } from './cli-io.js';

export async function readPassphrase(env: NodeJS.ProcessEnv, prompt: string, lang: 'ja' | 'en'): Promise<string> {
  const fromEnv = env.MADOGUCHI_PASSPHRASE;
  if (fromEnv) return fromEnv;
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    throw new CliError(lang === 'en' ? 'No passphrase: set MADOGUCHI_PASSPHRASE or run in a terminal' : 'パスフレーズがありません。MADOGUCHI_PASSPHRASE を設定するか、端末から実行してください', 2);
  }
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.resume();
  return await new Promise<string>((resolve, reject) => {
    let typed = '';
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') {
          finish();
          resolve(typed);
          return;
        }
        if (ch === '\u0003') {
          finish();
          reject(new CliError(lang === 'en' ? 'cancelled' : '中止しました', 130));
          return;
        }
        if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
        else typed += ch;
      }
    };
    const finish = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
    };
    stdin.on('data', onData);
  });
}
