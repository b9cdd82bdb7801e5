// The ID photo rules the pipeline judges by (spec/photo.md): kept in the device's settings, shown
// and changed by the lead in the console's settings area. Pure: the contract carries them.
import { z } from 'zod';

/** The printed photo, 35 mm wide and 45 mm tall (J-LIS). */
export const PHOTO_MM = { width: 35, height: 45 } as const;

/**
 * What each figure may be, its unit, and the step the settings area offers (1: whole numbers
 * only). The schema below and the console's form both read these.
 */
export const PHOTO_RULE_BOUNDS = {
  // Wide of every ID-photo standard seen (J-LIS's diagram, 32–36 mm and 2–4 mm; ICAO's 70–80 % of
  // the height), narrow enough that a slip of the keyboard (3.4 for 34) is refused, not used.
  headMm: { min: 25, max: 42, step: 0.5, unit: 'mm' },
  topMarginMm: { min: 0, max: 10, step: 0.5, unit: 'mm' },
  centreToleranceMm: { min: 0.5, max: 5, step: 0.5, unit: 'mm' },
  maxRollDeg: { min: 0.5, max: 15, step: 0.5, unit: '°' },
  minDpi: { min: 150, max: 1200, step: 1, unit: 'dpi' },
  onlineHeightPx: { min: 480, max: 6000, step: 1, unit: 'px' },
} as const;

const B = PHOTO_RULE_BOUNDS;
const within = (b: { min: number; max: number; step: number }) => (b.step === 1 ? z.number().int() : z.number()).min(b.min).max(b.max);

const Range = (b: { min: number; max: number; step: number }, min: number, target: number, max: number) =>
  z
    .strictObject({ min: within(b), target: within(b), max: within(b) })
    .refine((r) => r.min <= r.target && r.target <= r.max, { message: 'min ≤ target ≤ max' })
    .default({ min, target, max });

/**
 * J-LIS shows head size and top margin only in a diagram, so both ranges are *unconfirmed* and
 * are settings, shown in the admin area: the defaults sit inside J-LIS's drawing and the
 * passport-style 34 ± 2 mm / 4 ± 2 mm, aiming at 34 mm and 3.5 mm.
 */
export const PhotoRules = z
  .strictObject({
    /** Crown to chin on the 45 mm photo. */
    headMm: Range(B.headMm, 32, 34, 36),
    /** Above the crown. */
    topMarginMm: Range(B.topMarginMm, 2, 3.5, 4),
    /** How far the head's centre may sit from the photo's centre line. */
    centreToleranceMm: within(B.centreToleranceMm).default(2),
    /** Head tilt (roll) allowed, in degrees. */
    maxRollDeg: within(B.maxRollDeg).default(3),
    /** The crop must reach this resolution at 45×35 mm without upscaling. */
    minDpi: within(B.minDpi).default(300),
    /** Height of the online-application file, never more than the crop has (J-LIS: 480–6000 px). */
    onlineHeightPx: within(B.onlineHeightPx).default(1200),
  })
  // The largest head and the largest margin above it must fit in the photo together.
  .refine((r) => r.headMm.max + r.topMarginMm.max <= PHOTO_MM.height, { message: `headMm.max + topMarginMm.max ≤ ${PHOTO_MM.height}`, path: ['topMarginMm'] });
export type PhotoRules = z.infer<typeof PhotoRules>;

/** The figures spec/photo.md marks *unconfirmed*: the settings area says so beside each. */
export const UNCONFIRMED_PHOTO_RULES = ['headMm', 'topMarginMm'] as const satisfies readonly (keyof PhotoRules)[];
