// What the station tells the citizen after a shot: first things first, two at most, staff the rest.
import { describe, expect, it } from 'vitest';
import { PHOTO_CHECK_IDS, type PhotoCheckId } from '../../../src/shared/photo-checks.js';
import { NOTES_AT_ONCE, reviewAdvice } from '../../../src/renderer/station/review-advice.js';

const checks = (failed: PhotoCheckId[], undecided: PhotoCheckId[] = []) => PHOTO_CHECK_IDS.map((id) => ({ id, ok: failed.includes(id) ? false : undecided.includes(id) ? null : true }));

describe('the station’s advice after a shot', () => {
  it('says nothing to change on a good photo, and leaves an undecided check to staff', () => {
    expect(reviewAdvice(checks([]))).toEqual({ notes: [], staffToo: false });
    expect(reviewAdvice(checks([], ['head_size']))).toEqual({ notes: [], staffToo: true });
  });

  it('puts the mask first, coming closer before holding the head straight, and what staff fix last', () => {
    expect(reviewAdvice(checks(['tilt', 'face_uncovered'])).notes).toEqual(['face_uncovered', 'tilt']);
    // The citizen far back: tilt, backdrop and resolution failed, head size undecided.
    expect(reviewAdvice(checks(['tilt', 'background', 'resolution'], ['head_size']))).toEqual({ notes: ['resolution', 'tilt'], staffToo: true });
    expect(reviewAdvice(checks(['exposure', 'centred'])).notes).toEqual(['centred', 'exposure']);
  });

  it('shows two at most, with staff for the rest, whatever fails', () => {
    const all = reviewAdvice(checks([...PHOTO_CHECK_IDS]));
    expect(all.notes).toHaveLength(NOTES_AT_ONCE);
    expect(all.staffToo).toBe(true);
    expect(reviewAdvice(checks(['tilt', 'sharpness']))).toEqual({ notes: ['tilt', 'sharpness'], staffToo: false });
  });
});
