// `madoguchi photo`: one JSON object, exit 0 processed / 3 no face / 2 unreadable, and the
// outputs it was asked for written where it was told.
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src/main/cli/main.js';
import type { PhotoCliOutput } from '../../../src/main/cli/commands/photo.js';
import { repoRoot, tempDir } from '../../support/test-app.js';
import { camera24 } from '../../support/photos.js';

function io(dataDir = tempDir()) {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s), env: { MADOGUCHI_DATA_DIR: dataDir }, interrupted: () => Promise.resolve() } };
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

  it('carries the booth printer’s correction for the paper, as the app keeps it', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'portrait.jpg');
    writeFileSync(file, (await camera24()).bytes);
    // The app keeps corrections under the print system's name for its queue; the settings name
    // none (the default queue). KG was measured 24 px (at 300 dpi) off to the left.
    const dataDir = tempDir();
    const kg = { scaleX: 1, scaleY: 1, offsetXMm: (24 * 25.4) / 300, offsetYMm: 0, measuredAt: '2026-11-24T01:00:00.000Z' };
    const trial = { ...kg, offsetXMm: -3, measuredAt: '2026-11-20T01:00:00.000Z' };
    writeFileSync(path.join(dataDir, 'settings.json'), JSON.stringify({ printerCalibration: { 'DS-RX1': { dpi: 300, papers: { KG: kg } }, simulated: { dpi: 300, papers: { KG: trial } } } }));
    const sheetOf = async (args: string[]) => {
      const t = io(dataDir);
      expect(await runCli(['photo', file, '--out', path.join(dir, args.join('') || 'none'), '--paper', 'KG', '--json', ...args], t.io)).toBe(0);
      const r = JSON.parse(t.out.join('')) as PhotoCliOutput;
      return { r, raw: await sharp(r.outputs.sheet!).raw().toBuffer({ resolveWithObject: true }) };
    };
    const booth = await sheetOf([]);
    expect(booth.r.calibration).toEqual({ printer: 'DS-RX1', measuredOn: 'KG', dpi: 300, scaleX: 1, scaleY: 1, offsetXMm: kg.offsetXMm, offsetYMm: 0 });
    const plain = await sheetOf(['--printer', 'CP-1500']);
    expect(plain.r.calibration).toMatchObject({ printer: 'CP-1500', measuredOn: null });
    // The same sheet, 24 px to the right.
    const { data: a, info } = plain.raw;
    const b = booth.raw.data;
    let same = 0;
    let inked = 0;
    for (let y = 0; y < info.height; y += 7) {
      for (let x = 0; x + 24 < info.width; x += 3) {
        const i = (y * info.width + x) * info.channels;
        const j = (y * info.width + x + 24) * info.channels;
        if (a[i]! < 200) inked += 1;
        if (a[i] === b[j] && a[i + 1] === b[j + 1] && a[i + 2] === b[j + 2]) same += 1;
      }
    }
    expect(inked).toBeGreaterThan(1000);
    expect(same / (Math.ceil(info.height / 7) * Math.ceil((info.width - 24) / 3))).toBeGreaterThan(0.99);
    expect(Buffer.compare(a, b)).not.toBe(0);
    // Drawn at the resolution the queue's driver names by default, as the app draws it.
    const saved = { PATH: process.env.PATH, FAKE_CUPS_RESOLUTION: process.env.FAKE_CUPS_RESOLUTION };
    process.env.PATH = `${path.join(repoRoot, 'tests', 'support', 'fake-cups')}:${saved.PATH ?? ''}`;
    process.env.FAKE_CUPS_RESOLUTION = '600';
    try {
      const fine = await sheetOf(['--printer', 'EPSON']);
      expect(fine.r.calibration).toMatchObject({ printer: 'EPSON', dpi: 600, measuredOn: null });
      // KG is 102 mm across.
      expect(fine.raw.info.width).toBe(Math.round((102 * 600) / 25.4));
    } finally {
      process.env.PATH = saved.PATH;
      if (saved.FAKE_CUPS_RESOLUTION === undefined) delete process.env.FAKE_CUPS_RESOLUTION;
      else process.env.FAKE_CUPS_RESOLUTION = saved.FAKE_CUPS_RESOLUTION;
    }
    // Said in the text output too.
    const t = io(dataDir);
    expect(await runCli(['photo', file, '--out', path.join(dir, 'text'), '--paper', 'KG'], t.io)).toBe(0);
    expect(t.out.join('\n')).toContain('シート: DS-RX1 の補正（KG判で測定）');
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
