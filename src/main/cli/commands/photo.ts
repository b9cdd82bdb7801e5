// `madoguchi photo IMAGE --out DIR`: the ID-photo pipeline on one file, for integrators and for
// checking the pipeline. Exit 0 when processed (whatever the checks say), 3 when no face is found
// (same JSON, faces: 0), 2 for a file that cannot be read.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors.js';
import { PHOTO_CHECK_IDS } from '../../../shared/photo-checks.js';
import { pick } from '../../../shared/text.js';
import { dataPaths, makeDirs, resolveDataDir } from '../../paths.js';
import { HumanFaceDetector } from '../../photo/face-detector.js';
import { processPhoto, type PhotoResult } from '../../photo/pipeline.js';
import type { Paper } from '../../photo/sheet.js';
import { isTurnDegrees } from '../../photo/orientation.js';
import { sharpOf } from '../../photo/raw.js';
import { calibrationFor, loadSettings, PrinterCalibration, type Settings } from '../../settings/settings.js';
import { CliError, type Command } from '../cli-io.js';
import { queueOptions } from '../../devices/photo-printer/cups.js';
import { exec } from '../../system/exec.js';
import { settingsOrCliError } from './shared.js';

/** The check ids' column: as wide as the longest id. */
const ID_WIDTH = Math.max(...PHOTO_CHECK_IDS.map((id) => id.length));

const PAPERS = ['L', 'KG', '2L'] as const;

export interface PhotoCliOutput {
  ok: boolean;
  faces: number;
  image: { width: number; height: number };
  crop: PhotoResult['crop'];
  crownY: number | null;
  chinY: number | null;
  crownMethod: PhotoResult['crownMethod'];
  turned: PhotoResult['turned'];
  eyes: PhotoResult['eyes'];
  checks: { id: string; ok: boolean | null; message: string; value: number | null }[];
  outputs: { photo: string | null; sheet: string | null; online: string | null };
  onlineProblem: string | null;
  /** The printer whose correction the sheet carries (measuredOn null: never measured); null: no printer, uncorrected at 300 dpi. */
  calibration: { printer: string; measuredOn: Paper | null; dpi: number; scaleX: number; scaleY: number; offsetXMm: number; offsetYMm: number } | null;
  timingsMs: Record<string, number>;
}

/**
 * Whose correction the sheet carries, as the booth would print it: the printer asked for; else
 * the one the settings name; else the one real printer with corrections kept (the app keeps them
 * under the print system's own name for its default queue, which the settings need not name).
 */
export function sheetPrinter(settings: Settings, asked: string | undefined): string | null {
  if (asked) return asked;
  if (settings.photoPrinterQueue) return settings.photoPrinterQueue;
  const real = Object.keys(settings.printerCalibration).filter((k) => k !== 'simulated');
  return real.length === 1 ? (real[0] ?? null) : null;
}

export const photoCommand: Command = {
  name: 'photo',
  summary: { ja: '証明写真の判定と切り抜き・印刷シート・オンライン申請用ファイルの作成', en: 'Check an ID photo; write the photo, print sheet and online file' },
  usage: 'madoguchi photo IMAGE [--out DIR] [--paper L|KG|2L] [--printer QUEUE] [--turn 0|90|180|270] [--json] [--lang ja|en] [--data-dir D]',
  // --turn: how to turn a picture with no orientation tag of its own (a camera on its side with auto-rotate off).
  // --printer: whose correction (console 「写真プリンターの校正」) the sheet carries.
  options: { out: { type: 'string' }, paper: { type: 'string' }, printer: { type: 'string' }, turn: { type: 'string' } },
  positionals: true,
  async run(values, flags, io) {
    const pos = values._positionals;
    const file = Array.isArray(pos) ? pos[0] : undefined;
    if (!file || (Array.isArray(pos) && pos.length > 1)) throw new CliError(flags.lang === 'en' ? 'photo needs exactly one image file' : 'photo には画像ファイルを1つ指定してください');
    const settings = settingsOrCliError(() => loadSettings(dataPaths(resolveDataDir(flags.dataDir, io.env)).settingsFile), flags.lang);
    const paper = (values.paper ?? settings.photoPaper) as Paper;
    if (!(PAPERS as readonly string[]).includes(paper)) throw new CliError(flags.lang === 'en' ? `--paper must be one of ${PAPERS.join(', ')}` : `--paper には ${PAPERS.join('・')} のいずれかを指定してください`);
    const turn = Number(values.turn ?? 0);
    if (!isTurnDegrees(turn)) throw new CliError(flags.lang === 'en' ? '--turn must be 0, 90, 180 or 270' : '--turn には 0・90・180・270 のいずれかを指定してください');
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? 'error';
      throw new CliError(flags.lang === 'en' ? `cannot read ${file} (${code})` : `${file} を読めません（${code}）`);
    }
    const printer = sheetPrinter(settings, typeof values.printer === 'string' ? values.printer : undefined);
    const calibration = printer === null ? PrinterCalibration.parse({}) : calibrationFor(settings, printer, paper, await driverDpi(printer));
    let r: PhotoResult;
    try {
      r = await processPhoto(bytes, { rules: settings.photo, paper, calibration, detector: new HumanFaceDetector(), turnUntagged: turn });
    } catch (err) {
      if (err instanceof AppError) throw new CliError(pick(err.body.message, flags.lang), err.body.code === 'unavailable' ? 1 : 2);
      throw err;
    } finally {
      bytes.fill(0);
    }
    const outputs: PhotoCliOutput['outputs'] = { photo: null, sheet: null, online: null };
    const out = values.out;
    if (typeof out === 'string' && r.outputs) {
      try {
        await writeOutputs(out, r.outputs, paper, calibration.dpi, outputs);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code ?? 'error';
        throw new CliError(flags.lang === 'en' ? `cannot write to ${out} (${code})` : `${out} に書き出せません（${code}）`);
      }
    }
    const result: PhotoCliOutput = {
      ok: r.ok,
      faces: r.faces,
      image: r.image,
      crop: r.crop,
      crownY: r.crownY,
      chinY: r.chinY,
      crownMethod: r.crownMethod,
      turned: r.turned,
      eyes: r.eyes,
      checks: r.checks.map((c) => ({ id: c.id, ok: c.ok, message: pick(c.message, flags.lang), value: c.value })),
      outputs,
      onlineProblem: r.outputs?.onlineProblem ? pick(r.outputs.onlineProblem, flags.lang) : null,
      calibration: printer === null ? null : { printer, measuredOn: calibration.measuredOn, dpi: calibration.dpi, scaleX: calibration.scaleX, scaleY: calibration.scaleY, offsetXMm: calibration.offsetXMm, offsetYMm: calibration.offsetYMm },
      timingsMs: r.timingsMs,
    };
    if (flags.json) io.out(JSON.stringify(result));
    else {
      const mark = (ok: boolean | null) => (ok === true ? '✔' : ok === false ? '✖' : '？');
      io.out(
        [
          `${file}: ${r.image.width}×${r.image.height}, ${flags.lang === 'en' ? 'faces' : '顔'} ${r.faces}` +
            (r.turned ? (flags.lang === 'en' ? ` (the face lay sideways: turned ${r.turned}°)` : `（顔が横向き: ${r.turned}° 回転）`) : ''),
          ...result.checks.map((c) => `  ${mark(c.ok)} ${c.id.padEnd(ID_WIDTH)} ${c.message}`),
          ...Object.entries(outputs)
            .filter(([, p]) => p)
            .map(([k, p]) => `  → ${k}: ${p}`),
          result.onlineProblem ? `  ✖ online: ${result.onlineProblem}` : '',
          outputs.sheet ? `  ${sheetCorrection(result.calibration, flags.lang)}` : '',
          `  ${r.ok ? (flags.lang === 'en' ? 'OK: ready to print' : '合格: 印刷できます') : flags.lang === 'en' ? 'Not ready: see ✖ and ？ above' : '要確認: ✖ と ？ を確認してください'} (${Math.round(r.timingsMs.total ?? 0)} ms)`,
        ]
          .filter(Boolean)
          .join('\n'),
      );
    }
    return r.faces === 0 ? 3 : 0;
  },
};

/** The CUPS queue's default resolution, read as the app reads it (none on Windows, or without CUPS or the queue). */
async function driverDpi(queue: string): Promise<number | null> {
  return process.platform === 'win32' ? null : (await queueOptions(exec, queue)).dpi;
}

/** Which correction the written sheet carries, in the text output. */
function sheetCorrection(c: PhotoCliOutput['calibration'], lang: 'ja' | 'en'): string {
  if (!c) return lang === 'en' ? 'sheet: no printer correction (--printer names one)' : 'シート: プリンターの補正なし（--printer で指定できます）';
  if (!c.measuredOn) return lang === 'en' ? `sheet: ${c.printer} at ${c.dpi} dpi, never calibrated` : `シート: ${c.printer}、${c.dpi} dpi、未校正`;
  return lang === 'en' ? `sheet: corrected for ${c.printer} as measured on ${c.measuredOn} paper` : `シート: ${c.printer} の補正（${c.measuredOn}判で測定）`;
}

/** The photo, the sheet and the online file into `out`, their paths noted in `written` as each is done. */
async function writeOutputs(out: string, o: NonNullable<PhotoResult['outputs']>, paper: Paper, dpi: number, written: PhotoCliOutput['outputs']): Promise<void> {
  makeDirs(out);
  const photo = path.resolve(out, 'photo.jpg');
  await sharpOf(o.photo).withMetadata({ density: dpi }).jpeg({ quality: 95, chromaSubsampling: '4:4:4' }).toFile(photo);
  written.photo = photo;
  if (o.sheet) {
    const sheet = path.resolve(out, `sheet-${paper}.png`);
    writeFileSync(sheet, o.sheet.png);
    written.sheet = sheet;
  }
  if (o.online) {
    const online = path.resolve(out, 'online.jpg');
    writeFileSync(online, o.online.jpeg);
    written.online = online;
  }
}
