// The judgements the still's checks and the live view's hints share, at their edges: what a mask
// over the mouth and what a lens over an eye look like in numbers (measured on real photographs in
// pipeline.test.ts and live-guide.test.ts).
import { describe, expect, it } from 'vitest';
import { eyesHidden, masked, THRESHOLDS } from '../../../src/main/photo/checks.js';
import type { EyeLook, MouthLook } from '../../../src/main/photo/measure.js';

const bareLips: MouthLook = { n: 900, spread: 30, chromaSpread: 8, chromaGap: 10, skinChroma: 25 };
const openEye: EyeLook = { n: 150, mean: 90, spread: 110, glare: 0.002 };

describe('a mask over the mouth', () => {
  it('is lips of one colour, the chin’s, in a colour photo', () => {
    expect(masked(bareLips)).toBe(false);
    expect(masked({ ...bareLips, chromaSpread: 0.5, chromaGap: 0.8 })).toBe(true);
    // Pleats and shading move luminance, not colour: a mask whatever its spread.
    expect(masked({ ...bareLips, spread: 14, chromaSpread: 1, chromaGap: 1 })).toBe(true);
    // Lips as flat in colour as a mask but of another colour than the chin: bare.
    expect(masked({ ...bareLips, chromaSpread: 1, chromaGap: THRESHOLDS.mouthChromaGap + 0.5 })).toBe(false);
    expect(masked({ ...bareLips, chromaSpread: THRESHOLDS.mouthChromaSpread + 0.5, chromaGap: 0.5 })).toBe(false);
  });

  it('is lips with no line or edge in a black-and-white photo', () => {
    const grey = { ...bareLips, chromaSpread: 0, chromaGap: 0, skinChroma: 0 };
    expect(masked(grey)).toBe(false);
    expect(masked({ ...grey, spread: 3 })).toBe(true);
  });

  it('is never said of a mouth too small to judge', () => {
    expect(masked({ ...bareLips, n: 11, chromaSpread: 0, chromaGap: 0 })).toBe(false);
  });
});

describe('glasses hiding the eyes', () => {
  it('tells a dark, flat lens from light reflected on one, and an open eye from both', () => {
    expect(eyesHidden([openEye, openEye], 160)).toBeNull();
    expect(eyesHidden([openEye, { ...openEye, mean: 20, spread: 5 }], 160)).toBe('lens');
    expect(eyesHidden([{ ...openEye, glare: 0.45 }, openEye], 160)).toBe('glare');
    // A catchlight is not glare.
    expect(eyesHidden([{ ...openEye, glare: 0.04 }, openEye], 160)).toBeNull();
  });

  it('leaves an eye too small to judge alone (the live view asks for more pixels than the still)', () => {
    const sliver = { ...openEye, n: 16, mean: 250, spread: 5, glare: 0.56 };
    expect(eyesHidden([sliver, openEye], 160)).toBe('glare');
    expect(eyesHidden([sliver, openEye], 160, 30)).toBeNull();
  });
});
