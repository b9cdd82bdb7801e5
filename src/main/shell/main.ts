// Electron's entry point (package.json "main", built to dist/main/shell/main.js).
import { runShell } from './shell.js';

await runShell(process.argv.slice(1));
