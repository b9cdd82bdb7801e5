// The ID photo rules the pipeline judges by (spec/photo.md): kept in the device's settings, shown
// and changed by the lead in the console's settings area. Pure: the contract carries them.
import { z } from 'zod';

const Range = (min: number, target: number, max: number) =>
  z
    .strictObject({ min: z.number().min(0).max(45), target: z.number().min(0).max(45), max: z.number().min(0).max(45) })
    .refine((r) => r.min <= r.target && r.target <= r.max, { message: 'min ≤ target ≤ max' })
    .default({ min, target, max });

/**
 * J-LIS shows head size and top margin only in a diagram, so both ranges are *unconfirmed* and
 * are settings, shown in the admin area: the defaults sit inside J-LIS's drawing and the
 * passport-style 34 ± 2 mm / 4 ± 2 mm, aiming at 34 mm and 3.5 mm.
 */
export const PhotoRules = z.strictObject({
  /** Crown to chin on the 45 mm photo. */
  headMm: Range(32, 34, 36),
  /** Above the crown. */
  topMarginMm: Range(2, 3.5, 4),
  /** How far the head's centre may sit from the photo's centre line. */
  centreToleranceMm: z.number().min(0.5).max(5).default(2),
  /** Head tilt (roll) allowed, in degrees. */
  maxRollDeg: z.number().min(0.5).max(15).default(3),
  /** The crop must reach this resolution at 45×35 mm without upscaling. */
  minDpi: z.number().int().min(150).max(1200).default(300),
  /** Height of the online-application file, never more than the crop has (J-LIS: 480–6000 px). */
  onlineHeightPx: z.number().int().min(480).max(6000).default(1200),
});
export type PhotoRules = z.infer<typeof PhotoRules>;

/** The figures spec/photo.md marks *unconfirmed*: the settings area says so beside each. */
export const UNCONFIRMED_PHOTO_RULES = ['headMm', 'topMarginMm'] as const satisfies readonly (keyof PhotoRules)[];
