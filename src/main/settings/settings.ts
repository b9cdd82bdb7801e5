// Device and booth settings. Never anything personal: this file is plain JSON beside the store.
// A broken file is reported, not overwritten, so nothing a lead configured is lost.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { Paper, QuarterTurns, type PhotoSettings, type PhotoSettingsView } from '../../shared/contract.js';
import { PhotoRules, UNCONFIRMED_PHOTO_RULES } from '../../shared/photo-rules.js';
import { AppError } from '../../shared/errors.js';
import { text } from '../../shared/text.js';

/**
 * Who gets the city's incentive. The national deadline for マイナポイント moved twice (2022-12-31,
 * then 2023-02-28), so the window, the amount and the cap are settings, never constants.
 * Defaults: the request for proposal (from 2022-10-01, 2,000 yen at most per person) with the
 * later deadline (*unconfirmed* for any given city: check with the city office).
 */
export const IncentiveSettings = z.strictObject({
  applicationFrom: z.iso.date().default('2022-10-01'),
  applicationTo: z.iso.date().default('2023-02-28'),
  amountYen: z.number().int().min(1).max(100_000).default(2000),
  capPerPersonYen: z.number().int().min(1).max(100_000).default(2000),
});

// The ID photo rules (spec/photo.md), shared with the console's settings area.
export { PhotoRules };

/** How far a printer's correction may go: anything beyond is a misreading of the sheet. */
export const CALIBRATION_LIMITS = { scale: 0.1, offsetMm: 10 } as const;

const scale = z.number().min(1 - CALIBRATION_LIMITS.scale).max(1 + CALIBRATION_LIMITS.scale);
const offsetMm = z.number().min(-CALIBRATION_LIMITS.offsetMm).max(CALIBRATION_LIMITS.offsetMm);
/** Resolutions a photo printer may have: a figure outside is a misreading (of a driver, or a file). */
export const PRINTER_DPI = { min: 150, max: 1200 } as const;
const dpi = z.number().int().min(PRINTER_DPI.min).max(PRINTER_DPI.max);

/**
 * The correction a sheet is rendered with: the printer's native resolution, and what staff
 * measured on the calibration sheet (scale and offset per axis).
 */
export const PrinterCalibration = z.strictObject({
  dpi: dpi.default(300),
  scaleX: scale.default(1),
  scaleY: scale.default(1),
  offsetXMm: offsetMm.default(0),
  offsetYMm: offsetMm.default(0),
  /** When staff last measured it (ISO date-time); null: never calibrated. */
  measuredAt: z.string().nullable().default(null),
  /** The paper it was measured on: a printer may feed one size a little off from another. */
  measuredOn: Paper.nullable().default(null),
});
export type PrinterCalibration = z.infer<typeof PrinterCalibration>;

/** One measurement of the calibration sheet on one paper. */
export const PaperCorrection = z.strictObject({
  scaleX: scale,
  scaleY: scale,
  offsetXMm: offsetMm,
  offsetYMm: offsetMm,
  /** ISO date-time; null only for a correction written into the file by hand. */
  measuredAt: z.string().nullable(),
});
export type PaperCorrection = z.infer<typeof PaperCorrection>;

/**
 * What the settings keep per photo printer: its native resolution and a correction per paper.
 * A dye-sublimation printer feeds L and 2L through different paths, so a correction measured on
 * one paper is kept when the booth changes to another and used again when it changes back.
 */
export const PrinterCorrections = z.strictObject({
  /** The resolution sheets are drawn at; null: the driver's default (300 where it names none). */
  dpi: dpi.nullable().default(null),
  papers: z.partialRecord(Paper, PaperCorrection).default({}),
});
export type PrinterCorrections = z.infer<typeof PrinterCorrections>;

/**
 * The online application (⑤). Which hosts the isolated window may visit, and the address to open
 * for a 申請書ID typed by hand (a QR code carries its own address). Both are *unconfirmed* for
 * J-LIS's site, so they are empty until the city office sets them: the console says so.
 */
export const OnlineApplicationSettings = z.strictObject({
  /** Host names the window may load (https only), e.g. the J-LIS application site. */
  allowHosts: z.array(z.string().regex(/^[a-z0-9.-]+(:\d+)?$/i)).max(20).default([]),
  /** An https address with {id} where the 23 digits go; null: only QR codes with their own address. */
  urlTemplate: z.string().startsWith('https://').includes('{id}').nullable().default(null),
});

/**
 * Files written before corrections were kept per paper hold one flat correction per printer
 * (dpi, scaleX … measuredAt, measuredOn): it becomes the correction of the paper it was measured
 * on (the booth's paper where the file does not say), so nothing a lead measured is lost.
 */
function withCorrectionsPerPaper(json: unknown): unknown {
  if (!isRecord(json) || !isRecord(json.printerCalibration)) return json;
  const booth = json.photoPaper ?? 'L';
  const printers = Object.entries(json.printerCalibration).map(([name, c]) => [name, perPaper(c, booth)] as const);
  return { ...json, printerCalibration: Object.fromEntries(printers) };
}

function perPaper(c: unknown, booth: unknown): unknown {
  if (!isRecord(c) || 'papers' in c) return c;
  const { dpi, scaleX = 1, scaleY = 1, offsetXMm = 0, offsetYMm = 0, measuredAt = null, measuredOn = null, ...other } = c;
  // Not the old shape either: left as it is for the schema to name what is wrong.
  if (Object.keys(other).length > 0) return c;
  const corrected = measuredAt !== null || scaleX !== 1 || scaleY !== 1 || offsetXMm !== 0 || offsetYMm !== 0;
  const paper = measuredOn ?? booth;
  // 300 was the old default, written with every correction: not a choice, so the driver's is used.
  return { ...(dpi === undefined || dpi === 300 ? {} : { dpi }), papers: corrected && typeof paper === 'string' ? { [paper]: { scaleX, scaleY, offsetXMm, offsetYMm, measuredAt } } : {} };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export const Settings = z.preprocess(withCorrectionsPerPaper, z.strictObject({
  onlineApplication: OnlineApplicationSettings.default(OnlineApplicationSettings.parse({})),
  photo: PhotoRules.default(PhotoRules.parse({})),
  /** Paper the booth prints photo sheets on. */
  photoPaper: Paper.default('L'),
  /** Calibration per photo printer (CUPS queue name, or "simulated"). */
  printerCalibration: z.record(z.string().min(1).max(200), PrinterCorrections).default({}),
  incentive: IncentiveSettings.default(IncentiveSettings.parse({})),
  /** CUPS queue (or Windows printer) for ID photo sheets; null: the system default queue. */
  photoPrinterQueue: z.string().min(1).nullable().default(null),
  /** Character device of the ESC/POS ticket printer; null: look for one. */
  ticketPrinterDevice: z.string().min(1).nullable().default(null),
  /**
   * How the tethered camera is mounted, as the clockwise turn (degrees) that makes its picture
   * upright: 90 or 270 for a camera on its side. Live view is turned by it, and so is a still
   * that does not carry its own orientation (a camera with auto-rotate off).
   */
  cameraTurnDegrees: QuarterTurns.default(0),
  /** Let the station use a UVC webcam (getUserMedia) when no tethered camera is found. */
  webcamFallback: z.boolean().default(false),
  /** The console locks (sign in again with the PIN) after this many idle minutes. */
  consoleIdleMinutes: z.number().int().min(1).max(60).default(5),
  /** Minutes per visit for the queue's wait estimate until visits are measured (Sapporo: ~10). */
  defaultServiceMinutes: z.number().min(1).max(120).default(10),
  /** The station's steps return to the start (and zero the shot) after this long untouched. */
  stationIdleSeconds: z.number().int().min(5).max(600).default(90),
  /** An open visit with no end after this many minutes is wiped anyway. */
  visitTimeoutMinutes: z.number().int().min(5).max(240).default(30),
  /** The city's page about the card (https), printed as a QR code on flyers; null: no QR code. */
  cityPageUrl: z.string().url().startsWith('https://').max(500).nullable().default(null),
  /** Documents for an event (run sheet, flyer, survey form) are due this many days before it. */
  documentsDueDays: z.number().int().min(0).max(60).default(5),
  /** Folder of photographs the simulated camera serves; null: the ones shipped with the app. */
  demoPhotosDir: z.string().min(1).nullable().default(null),
}));
export type Settings = z.infer<typeof Settings>;

export const defaultSettings: Settings = Settings.parse({});

export function loadSettings(file: string): Settings {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return defaultSettings;
    throw new AppError('unavailable', text(`設定ファイルを読めません: ${file}`, `Cannot read the settings file: ${file}`));
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new AppError(
      'bad_request',
      text(`設定ファイルが壊れています（JSONではありません）: ${file}`, `The settings file is not valid JSON: ${file}`),
    );
  }
  const parsed = Settings.safeParse(json);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => i.path.join('.') || '(root)').join(', ');
    throw new AppError(
      'bad_request',
      text(`設定ファイルの項目が正しくありません（${where}）: ${file}`, `Settings file has invalid entries (${where}): ${file}`),
    );
  }
  return parsed.data;
}

/**
 * The correction a sheet on `paper` is rendered with on one printer (queue name): the one
 * measured on that paper; where there is none, the latest measured on another (nearer the
 * printer than none; the console asks for a measurement on this paper); else none. Drawn at the
 * resolution the settings give, else the driver's default (`driverDpi`), else 300 dpi.
 */
export function calibrationFor(settings: Settings, printer: string, paper: Paper, driverDpi: number | null = null): PrinterCalibration {
  const kept = settings.printerCalibration[printer];
  const { dpi } = printerDpi(kept, driverDpi);
  const measured = correctionsOf(kept);
  const own = measured.find((m) => m.paper === paper);
  const latest = own ?? measured[0];
  if (!latest) return PrinterCalibration.parse({ dpi });
  const { paper: measuredOn, ...c } = latest;
  return { dpi, ...c, measuredOn };
}

/** The resolution a printer's sheets are drawn at, and where it comes from: the settings, else the driver's default, else 300. */
export function printerDpi(kept: PrinterCorrections | undefined, driverDpi: number | null): { dpi: number; from: 'settings' | 'driver' | 'standard' } {
  if (kept?.dpi) return { dpi: kept.dpi, from: 'settings' };
  if (driverDpi) return { dpi: driverDpi, from: 'driver' };
  return { dpi: 300, from: 'standard' };
}

/** A printer's corrections, the latest measured first (one set by hand, with no date, last). */
export function correctionsOf(kept: PrinterCorrections | undefined): (PaperCorrection & { paper: Paper })[] {
  const all = Object.entries(kept?.papers ?? {}).map(([paper, c]) => ({ ...c, paper: paper as Paper }));
  const at = (c: { measuredAt: string | null }) => c.measuredAt ?? '';
  return all.sort((a, b) => (at(a) < at(b) ? 1 : at(a) > at(b) ? -1 : 0));
}

/** Writes the settings file whole (to a temporary file first, then renamed over it). */
export function saveSettings(file: string, s: Settings): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(Settings.parse(s), null, 2) + '\n', { mode: 0o600 });
  renameSync(tmp, file);
}

/** The photo's rules and paper as the settings area shows them, beside the defaults. */
export function photoSettingsView(s: Settings): PhotoSettingsView {
  return {
    current: { rules: s.photo, paper: s.photoPaper },
    defaults: { rules: defaultSettings.photo, paper: defaultSettings.photoPaper },
    unconfirmed: [...UNCONFIRMED_PHOTO_RULES],
  };
}

/** Which of the photo's settings `next` changes (names only: what the log keeps). */
export function photoSettingsChanged(s: Settings, next: PhotoSettings): string[] {
  const rules = (Object.keys(next.rules) as (keyof PhotoRules)[]).filter((k) => JSON.stringify(s.photo[k]) !== JSON.stringify(next.rules[k]));
  return next.paper === s.photoPaper ? rules : [...rules, 'photoPaper'];
}
