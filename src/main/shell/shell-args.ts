// Arguments of the app binary's headless modes. Plain code (no electron), shared with tests.
const WIPE_VALUE_FLAGS = new Set(['--data-dir', '--certificate-dir', '--ordered-by', '--place', '--canary', '--lang']);
const WIPE_BOOLEAN_FLAGS = new Set(['--without-export', '--json']);

/** The wipe command's own flags from Electron's argv, which also carries Chromium's switches. */
export function wipeArgs(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const [name] = a.split('=', 1) as [string];
    if (WIPE_BOOLEAN_FLAGS.has(a)) out.push(a);
    else if (WIPE_VALUE_FLAGS.has(name) && a.includes('=')) out.push(a);
    else if (WIPE_VALUE_FLAGS.has(a) && i + 1 < argv.length) out.push(a, argv[++i] as string);
  }
  return out;
}
