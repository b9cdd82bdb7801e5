// madoguchi's command line: everything that must run without a window. Every command has
// --help, answers bad input with one line and a non-zero exit, and prints JSON with --json.
import { parseArgs } from 'node:util';
import { CliError, type CliIo, type Command, type GlobalFlags } from './cli-io.js';
import { doctorCommand } from './commands/doctor.js';
import { serveCommand } from './commands/serve.js';
import { startCommand } from './commands/start.js';
import { wipeCommand } from './commands/wipe.js';
import { benchCommand } from './commands/bench.js';
import { seedDemoCommand } from './commands/seed-demo.js';
import { photoCommand } from './commands/photo.js';
import { reportCommand } from './commands/report.js';
import { bundleCommand } from './commands/bundle.js';
import { planCommand } from './commands/plan.js';
import { soakCommand } from './commands/soak.js';
import { pathProblem } from '../paths.js';
import { pick } from '../../shared/text.js';

export const commands: Command[] = [serveCommand, startCommand, doctorCommand, wipeCommand, seedDemoCommand, reportCommand, bundleCommand, planCommand, photoCommand, benchCommand, soakCommand];

const GLOBAL_OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  json: { type: 'boolean' },
  lang: { type: 'string' },
  'data-dir': { type: 'string' },
} as const;

function topHelp(lang: 'ja' | 'en'): string {
  const rows = commands.map((c) => `  ${c.name.padEnd(8)} ${lang === 'en' ? c.summary.en : c.summary.ja}`);
  return [
    'madoguchi <command> [options]',
    '',
    ...rows,
    '',
    lang === 'en' ? 'Common options:' : '共通オプション:',
    '  --data-dir D    data folder (or MADOGUCHI_DATA_DIR)',
    '  --json          machine-readable output',
    '  --lang ja|en    language of messages (default ja)',
    '  --help          help for a command',
  ].join('\n');
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  const langGuess = argv.includes('en') && argv.includes('--lang') ? 'en' : 'ja';
  try {
    if (!name || name === 'help' || name === '--help' || name === '-h') {
      io.out(topHelp(langGuess));
      return name ? 0 : 2;
    }
    const command = commands.find((c) => c.name === name);
    if (!command) {
      throw new CliError(langGuess === 'en' ? `unknown command "${name}" (see madoguchi --help)` : `不明なコマンドです: "${name}"（madoguchi --help を参照）`);
    }
    let parsed;
    try {
      parsed = parseArgs({ args: rest, options: { ...GLOBAL_OPTIONS, ...command.options }, strict: true, allowPositionals: command.positionals === true });
    } catch (err) {
      throw new CliError((err as Error).message.split('\n')[0] ?? 'bad arguments');
    }
    const v = { ...parsed.values, _positionals: parsed.positionals } as Record<string, string | boolean | string[] | undefined>;
    const lang = v.lang ?? 'ja';
    if (lang !== 'ja' && lang !== 'en') throw new CliError(`--lang must be ja or en, got "${String(lang)}"`);
    if (v.help) {
      io.out(`${command.usage}\n\n${lang === 'en' ? command.summary.en : command.summary.ja}`);
      return 0;
    }
    const flags: GlobalFlags = { json: v.json === true, lang, dataDir: typeof v['data-dir'] === 'string' ? v['data-dir'] : undefined };
    return await command.run(v, flags, io);
  } catch (err) {
    if (err instanceof CliError) {
      io.err(`madoguchi: ${err.message}`);
      return err.exitCode;
    }
    // A folder or file it could not use (a mistyped --out, a USB stick not plugged in): named,
    // with what to check, instead of "internal error". To the terminal only, never to a log.
    const problem = pathProblem(err);
    if (problem) {
      io.err(`madoguchi: ${pick(problem.message, langGuess)}`);
      return problem.known && problem.code !== 'ENOSPC' ? 2 : 1;
    }
    io.err(`madoguchi: internal error (${(err as Error)?.name ?? 'unknown'}); see the log in the data folder`);
    return 1;
  }
}
