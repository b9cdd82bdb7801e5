// Files from outside, fuzzed: issuance CSVs (any bytes, Shift_JIS, missing columns), bundles
// (cut short, bytes flipped, numbers changed), photo files (cut short, random bytes, a PNG that
// claims 30 000 px). Each ends in a clear error or a correct result — never another exception.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { exportBundle, parseBundle } from '../../../src/main/bundles/bundle.js';
import { HumanFaceDetector } from '../../../src/main/photo/face-detector.js';
import { processPhoto } from '../../../src/main/photo/pipeline.js';
import { parseIssuanceCsv } from '../../../src/main/planning/issuance-csv.js';
import { calibrationFor, defaultSettings } from '../../../src/main/settings/settings.js';
import { AppError } from '../../../src/shared/errors.js';
import { openDay, readyApp, tempDir } from '../../support/test-app.js';
import { ASTRONAUT, read } from '../../support/photos.js';

/** Runs a step: it may succeed or throw an AppError with words for people; anything else fails. */
function clearly<T>(step: () => T): T | AppError {
  try {
    return step();
  } catch (err) {
    if (err instanceof AppError) {
      expect(err.body.message.ja.length).toBeGreaterThan(0);
      return err;
    }
    throw err;
  }
}

describe('issuance CSV fuzz', () => {
  const line = fc.tuple(fc.oneof(fc.constantFrom('0～4歳', '5-9', '85歳以上', '80+', '合計', '不明', ''), fc.string({ maxLength: 8 })), fc.oneof(fc.nat(100_000).map(String), fc.string({ maxLength: 6 })), fc.oneof(fc.nat(100_000).map(String), fc.string({ maxLength: 6 })));
  const csv = fc.tuple(fc.constantFrom('年齢,人口,交付枚数', '年齢,人口（男）,人口（計）,交付枚数（計）', 'age,population,issued', 'a,b,c', ''), fc.array(line, { maxLength: 30 }), fc.constantFrom('\r\n', '\n', '\t'));

  it('reads what it can and says what it could not, in UTF-8 and Shift_JIS alike', () => {
    fc.assert(
      fc.property(csv, fc.boolean(), ([head, rows, eol], sjis) => {
        const text = [head, ...rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(','))].join(eol === '\t' ? '\n' : eol);
        const r = clearly(() => parseIssuanceCsv(sjis ? iconv.encode(text, 'Shift_JIS') : Buffer.from(text)));
        if (r instanceof AppError) return;
        for (const row of r.rows) {
          expect(row.band).toMatch(/^\d+(-\d+|\+)$/);
          expect(row.issued).toBeLessThanOrEqual(row.population);
        }
        expect(new Set(r.rows.map((x) => x.band)).size).toBe(r.rows.length);
      }),
      { numRuns: 400, seed: 7 },
    );
  });

  it('survives any bytes at all', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => void clearly(() => parseIssuanceCsv(Buffer.from(bytes)))), { numRuns: 400, seed: 8 });
  });
});

describe('bundle fuzz', () => {
  it('refuses every cut-short, flipped or edited bundle clearly, and accepts only the signed bytes', async () => {
    const { app, store } = await readyApp();
    await openDay(app);
    await app.dispatch('visit.start', {}, { window: 'console' });
    await app.dispatch('visit.record', { services: ['photo'], applicants: 1, ageBands: ['70-74'], outcome: 'paper' }, { window: 'console' });
    await app.dispatch('visit.end', {}, { window: 'console' });
    const good = Buffer.from(JSON.stringify(exportBundle(store, { from: '2000-01-01', to: '2100-01-01' }, new Date())));
    expect(parseBundle(good, 'good').bundle.days).toHaveLength(1);
    fc.assert(
      fc.property(fc.nat(good.length - 1), fc.integer({ min: 1, max: 255 }), fc.constantFrom('cut', 'flip', 'digit'), (at, x, how) => {
        const bad = Buffer.from(good);
        let mutated: Buffer;
        if (how === 'cut') mutated = bad.subarray(0, at);
        else if (how === 'flip') {
          bad[at] = bad[at]! ^ x;
          mutated = bad;
        } else {
          // Change one digit somewhere (a count, a date, a hash): still JSON, no longer what was signed.
          const s = good.toString('utf8');
          const digits = [...s.matchAll(/\d/g)].map((m) => m.index);
          const i = digits[at % digits.length]!;
          mutated = Buffer.from(s.slice(0, i) + String((Number(s[i]) + 1 + (x % 8)) % 10) + s.slice(i + 1));
        }
        const r = clearly(() => parseBundle(mutated, 'fuzzed.json'));
        // A flip inside insignificant whitespace cannot happen (there is none); anything else must be refused.
        expect(r).toBeInstanceOf(AppError);
      }),
      { numRuns: 300, seed: 9 },
    );
  }, 60_000);
});

describe('photo file fuzz', () => {
  const detector = new HumanFaceDetector();
  const options = { rules: defaultSettings.photo, paper: 'L' as const, calibration: calibrationFor(defaultSettings, 'fuzz', 'L'), detector };
  const tryPhoto = async (bytes: Buffer) => {
    try {
      return await processPhoto(bytes, options);
    } catch (err) {
      if (err instanceof AppError) return err;
      throw err;
    }
  };

  it('answers a JPEG cut short anywhere, or random bytes, with a clear error or a result', async () => {
    const jpeg = read(ASTRONAUT.file);
    await fc.assert(
      fc.asyncProperty(fc.nat(jpeg.length - 1), async (at) => {
        const r = await tryPhoto(jpeg.subarray(0, at));
        if (!(r instanceof AppError)) expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 25, seed: 10 },
    );
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 0, maxLength: 4096 }), async (bytes) => {
        const r = await tryPhoto(Buffer.from(bytes));
        expect(r).toBeInstanceOf(AppError);
      }),
      { numRuns: 40, seed: 11 },
    );
  }, 120_000);

  it('refuses a small PNG that claims 30 000 × 30 000 pixels before decoding it', async () => {
    const dir = tempDir('madoguchi-bomb-');
    const file = path.join(dir, 'bomb.png');
    // A real 1×1 PNG with its header edited to claim 30 000 × 30 000 (and its CRC fixed).
    const png = await sharp({ create: { width: 1, height: 1, channels: 3, background: '#fff' } }).png().toBuffer();
    png.writeUInt32BE(30_000, 16);
    png.writeUInt32BE(30_000, 20);
    const { crc32 } = await import('node:zlib');
    png.writeUInt32BE(crc32(png.subarray(12, 29)) >>> 0, 29);
    writeFileSync(file, png);
    const t0 = performance.now();
    const r = await tryPhoto(readFileSync(file));
    expect(r).toBeInstanceOf(AppError);
    expect((r as AppError).body.message.en).toMatch(/too large|pixels|cannot be read/i);
    expect(performance.now() - t0).toBeLessThan(5000); // refused from the header, not after a decode
  }, 30_000);
});
