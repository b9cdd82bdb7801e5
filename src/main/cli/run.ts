// Process entry for the CLI: real stdout/stderr, signals, exit code.
import { runCli } from './main.js';

const interrupted = new Promise<void>((resolve) => {
  process.once('SIGINT', () => resolve());
  process.once('SIGTERM', () => resolve());
});

const code = await runCli(process.argv.slice(2), {
  out: (s) => process.stdout.write(s + '\n'),
  err: (s) => process.stderr.write(s + '\n'),
  env: process.env,
  interrupted: () => interrupted,
});
process.exitCode = code;
// serve keeps handles open until closed; other commands end here.
if (code !== 0 || process.argv[2] !== 'serve') setImmediate(() => process.exit(code));
