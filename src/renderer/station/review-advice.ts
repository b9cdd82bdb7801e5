// What the station tells the citizen after a shot: only checks that failed (one that could not be
// decided is for staff to judge on the console), in the order to act on them, and no more than
// two at once. A mask comes first (with it off, the face and every other measure change), then
// where the citizen sits, then how they hold their head; what staff fix (the light, the backdrop)
// last. Three or four notes at once are too much to take in for many at the booth, and pushed
// the buttons below a 1280×800 screen (a citizen far back failed tilt, backdrop and resolution,
// with an undecided head size); staff tell the rest.
import type { PhotoCheckId } from '../../shared/photo-checks.js';

const ORDER: readonly PhotoCheckId[] = [
  'face_uncovered',
  'single_face',
  'resolution',
  'head_size',
  'top_margin',
  'centred',
  'facing',
  'tilt',
  'eyes_visible',
  'sharpness',
  'exposure',
  'background',
];

/** Notes shown at once, at most. */
export const NOTES_AT_ONCE = 2;

export interface ReviewAdvice {
  /** The failed checks to tell the citizen, first to act on first. */
  notes: PhotoCheckId[];
  /** Add "staff will check the photo": something could not be decided, or more failed than is shown. */
  staffToo: boolean;
}

export function reviewAdvice(checks: readonly { id: PhotoCheckId; ok: boolean | null }[]): ReviewAdvice {
  const failed = checks.filter((c) => c.ok === false).map((c) => c.id);
  const rank = (id: PhotoCheckId) => {
    const i = ORDER.indexOf(id);
    return i < 0 ? ORDER.length : i;
  };
  failed.sort((a, b) => rank(a) - rank(b));
  return { notes: failed.slice(0, NOTES_AT_ONCE), staffToo: checks.some((c) => c.ok === null) || failed.length > NOTES_AT_ONCE };
}
