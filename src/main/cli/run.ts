// Process entry for the CLI: real stdout/stderr, signals, exit code.
import { runCli } from './main.js';

/** After serve has closed on Ctrl+C, how long the process may take to end on its own. */
const SHUTDOWN_GRACE_MS = 5000;

// The first Ctrl+C or SIGTERM asks for a clean close; with both listeners gone, a second one of
// either kind ends the process at once (a leftover SIGTERM listener had swallowed the next SIGTERM).
const interrupted = new Promise<void>((resolve) => {
  const once = () => {
    process.off('SIGINT', once);
    process.off('SIGTERM', once);
    resolve();
  };
  process.on('SIGINT', once);
  process.on('SIGTERM', once);
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
else {
  // serve has closed everything, so the process ends once its last callbacks have run. Should
  // something still be held open (a leak), Ctrl+C must still end it: say what, and exit.
  setTimeout(() => {
    process.stderr.write(`madoguchi: 終了処理のあとも開いたままのものがあるため、強制終了します / still open after closing, exiting: ${process.getActiveResourcesInfo().join(', ')}\n`);
    process.exit(1);
  }, SHUTDOWN_GRACE_MS).unref();
}
