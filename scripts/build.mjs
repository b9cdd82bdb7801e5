// Builds everything with esbuild (typechecking is `npm run typecheck`):
//   dist/main, dist/shared   Node ESM, one file per source file (the main process and the CLI)
//   dist/preload/index.cjs   the sandboxed preload: one CommonJS bundle, only `electron` external
//   dist/renderer            the React renderer: index.html + assets/app.js + assets/app.css
import { build } from 'esbuild';
import { copyFile, mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');

async function sources(dir) {
  const out = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await sources(p)));
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

const started = performance.now();
await rm(dist, { recursive: true, force: true });

await build({
  entryPoints: [...(await sources(path.join(root, 'src/main'))), ...(await sources(path.join(root, 'src/shared')))],
  outdir: dist,
  outbase: path.join(root, 'src'),
  format: 'esm',
  platform: 'node',
  target: 'node22',
  sourcemap: 'linked',
  logLevel: 'warning',
});

await build({
  entryPoints: [path.join(root, 'src/preload/index.ts')],
  outfile: path.join(dist, 'preload/index.cjs'),
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node22',
  external: ['electron'],
  logLevel: 'warning',
});

await mkdir(path.join(dist, 'renderer/assets'), { recursive: true });
await build({
  entryPoints: { app: path.join(root, 'src/renderer/main.tsx') },
  outdir: path.join(dist, 'renderer/assets'),
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: ['chrome130'],
  jsx: 'automatic',
  minify: process.env.NODE_ENV === 'production',
  sourcemap: 'linked',
  define: { 'process.env.NODE_ENV': JSON.stringify(process.env.NODE_ENV ?? 'development') },
  logLevel: 'warning',
});
await copyFile(path.join(root, 'src/renderer/index.html'), path.join(dist, 'renderer/index.html'));
await copyFile(path.join(root, 'src/renderer/icon.svg'), path.join(dist, 'renderer/assets/icon.svg'));

console.log(`build: dist/ in ${Math.round(performance.now() - started)} ms`);
