// `madoguchi photo`: one JSON object, exit 0 processed / 3 no face / 2 unreadable, and the
// outputs it was asked for written where it was told.
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src/main/cli/main.js';
import type { PhotoCliOutput } from '../../../src/main/cli/commands/photo.js';
import { tempDir } from '../../support/test-app.js';
import { camera24 } from '../../support/photos.js';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s), env: { MADOGUCHI_DATA_DIR: tempDir() }, interrupted: () => Promise.resolve() } };
}

describe('madoguchi photo', () => {
  it('prints the whole result and writes photo, sheet and online file', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'portrait.jpg');
    writeFileSync(file, (await camera24()).bytes);
    const t = io();
    expect(await runCli(['photo', file, '--out', path.join(dir, 'out'), '--paper', 'KG', '--json'], t.io)).toBe(0);
    const r = JSON.parse(t.out.join('')) as PhotoCliOutput;
    expect(r.faces).toBe(1);
    expect(r.crop).toMatchObject({ x: expect.any(Number), y: expect.any(Number), width: expect.any(Number), height: expect.any(Number) });
    expect(r.crownY).toBeLessThan(r.chinY!);
    expect(r.eyes!.left.x).toBeLessThan(r.eyes!.right.x);
    expect(r.checks.map((c) => c.id)).toEqual(expect.arrayContaining(['single_face', 'head_size', 'top_margin', 'centred', 'tilt', 'eyes_visible', 'sharpness', 'exposure', 'background', 'resolution']));
    expect(r.ok).toBe(r.checks.every((c) => c.ok === true));
    for (const p of [r.outputs.photo, r.outputs.sheet, r.outputs.online]) expect(existsSync(p!)).toBe(true);
    expect(path.basename(r.outputs.sheet!)).toBe('sheet-KG.png');
    const photo = await sharp(r.outputs.photo!).metadata();
    expect([photo.width, photo.height]).toEqual([413, 531]);
    expect(photo.density).toBe(300);
    for (const step of ['decode', 'detect', 'extract', 'checks', 'online', 'sheet', 'total']) expect(r.timingsMs[step]).toBeGreaterThanOrEqual(0);
  });

  it('says where it cannot write, without hanging or an "internal error"', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'portrait.jpg');
    writeFileSync(file, (await camera24()).bytes);
    writeFileSync(path.join(dir, 'a-file'), 'x');
    for (const [out, code] of [
      [path.join(dir, 'a-file'), 'ENOTDIR'],
      // Under /proc, Node's own recursive mkdir loops for ever at full CPU.
      ...(process.platform === 'linux' ? [['/proc/madoguchi-test', 'ENOENT'] as const] : []),
    ] as const) {
      const t = io();
      expect(await runCli(['photo', file, '--out', out, '--json'], t.io), out).toBe(2);
      expect(t.err.join('')).toBe(`madoguchi: ${out} に書き出せません（${code}）`);
      expect(t.out).toEqual([]);
    }
  });

  it('exits 3 with the same JSON and faces 0 when there is no face', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'wall.png');
    await sharp({ create: { width: 640, height: 480, channels: 3, background: '#dddddd' } }).png().toFile(file);
    const t = io();
    expect(await runCli(['photo', file, '--json'], t.io)).toBe(3);
    const r = JSON.parse(t.out.join('')) as PhotoCliOutput;
    expect(r.faces).toBe(0);
    expect(r.outputs).toEqual({ photo: null, sheet: null, online: null });
  });

  it('exits 2 with one line for an unreadable file, a missing file, a bad paper and a bad turn', async () => {
    const dir = tempDir();
    const bad = path.join(dir, 'notes.jpg');
    writeFileSync(bad, 'this is not a photograph');
    for (const args of [['photo', bad], ['photo', path.join(dir, 'missing.jpg')], ['photo', bad, '--paper', 'A4'], ['photo', bad, '--turn', '45'], ['photo']]) {
      const t = io();
      expect(await runCli(args, t.io), args.join(' ')).toBe(2);
      expect(t.err).toHaveLength(1);
      expect(t.out).toHaveLength(0);
    }
  });
});
