// Runs the CLI in-process, capturing what it prints, with the test store's passphrase.
import { runCli } from '../../src/main/cli/main.js';
import { PASSPHRASE } from './store.js';

export async function cliRun(args: string[], env: NodeJS.ProcessEnv = { ...process.env, MADOGUCHI_PASSPHRASE: PASSPHRASE }): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (s) => out.push(s), err: (s) => err.push(s), env, interrupted: () => Promise.resolve() });
  return { code, out, err };
}
