#!/usr/bin/env node
// The madoguchi command. Runs the built CLI; tells the user what to do when it is not built yet.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = join(root, 'dist', 'main', 'cli', 'run.js');
if (!existsSync(entry)) {
  process.stderr.write('madoguchi: not built yet — run `npm run build` first / 未ビルドです。先に npm run build を実行してください\n');
  process.exit(1);
}
await import(pathToFileURL(entry).href);
