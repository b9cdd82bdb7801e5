// The ID-photo checks, named once: the pipeline decides them, the console and the station explain
// them, the CLI prints them. Ids are stable (integrators key on them).
import { z } from 'zod';
import { Text } from './text.js';

export const PHOTO_CHECK_IDS = [
  'single_face',
  'head_size',
  'top_margin',
  'centred',
  'tilt',
  'facing',
  'eyes_visible',
  'face_uncovered',
  'sharpness',
  'exposure',
  'background',
  'resolution',
] as const;
export const PhotoCheckId = z.enum(PHOTO_CHECK_IDS);
export type PhotoCheckId = z.infer<typeof PhotoCheckId>;

export const PhotoCheck = z.strictObject({
  id: PhotoCheckId,
  /** true: passes; false: fails; null: could not be decided (never a silent pass). */
  ok: z.boolean().nullable(),
  message: Text,
  /** What was measured (mm, degrees, dpi …), where a number says it; null otherwise. */
  value: z.number().nullable(),
});
export type PhotoCheck = z.infer<typeof PhotoCheck>;

/** A photo is good to print or upload only when every check passes. */
export function allPass(checks: readonly PhotoCheck[]): boolean {
  return checks.length > 0 && checks.every((c) => c.ok === true);
}
