// The judgements the still's checks and the live view's hints share, at their edges: what a mask
// over the mouth and what a lens over an eye look like in numbers (measured on real photographs in
// pipeline.test.ts and live-guide.test.ts).
import { describe, expect, it } from 'vitest';
import { eyesHidden, litElsewhere, mouthCovered, THRESHOLDS } from '../../../src/main/photo/checks.js';
import type { Crown } from '../../../src/main/photo/crown.js';
import type { EyeLook, MouthLook } from '../../../src/main/photo/measure.js';

const bareLips: MouthLook = { n: 900, spread: 30, chromaSpread: 8, cheekGap: 10, skinChroma: 25 };
const openEye: EyeLook = { n: 150, mean: 90, spread: 110, glare: 0.002, white: 160 };

describe('a mask over the mouth', () => {
  it('is lips of one colour with the cheeks, in chroma as it is and against the skin’s', () => {
    expect(mouthCovered(bareLips)).toBe(false);
    expect(mouthCovered({ ...bareLips, chromaSpread: 0.5, cheekGap: 0.3 })).toBe(true);
    // Pleats and shading move luminance, not colour: a mask whatever its spread.
    expect(mouthCovered({ ...bareLips, spread: 14, chromaSpread: 1, cheekGap: 0.5 })).toBe(true);
    // Lips as flat in colour as a mask but of another colour than the cheeks: bare.
    expect(mouthCovered({ ...bareLips, chromaSpread: 1, cheekGap: THRESHOLDS.mouthCheekGap + 4 })).toBe(false);
    expect(mouthCovered({ ...bareLips, chromaSpread: THRESHOLDS.mouthChromaSpread + 2, cheekGap: 0.3 })).toBe(false);
  });

  it('is not said of bare lips on dark skin, whose colours are all fainter, nor passed where the two ways disagree', () => {
    // Dark skin: the lips a little off the cheeks, which is a lot for skin of so little chroma.
    const darkBare = { ...bareLips, spread: 10, chromaSpread: 1.4, cheekGap: 1.9, skinChroma: 6.4 };
    expect(mouthCovered(darkBare)).toBe(false);
    // Fainter still: flat as a mask in chroma as it is, not against the skin's: staff look.
    expect(mouthCovered({ ...darkBare, cheekGap: 0.7 })).toBeNull();
    // A flat fabric on that skin is a mask both ways.
    expect(mouthCovered({ ...darkBare, chromaSpread: 0.2, cheekGap: 0.3 })).toBe(true);
    // A faint difference on vivid skin: flat against the skin's chroma, not as it is.
    expect(mouthCovered({ ...bareLips, chromaSpread: 1.5, cheekGap: 1.2, skinChroma: 40 })).toBeNull();
  });

  it('is lips with no line or edge in a black-and-white photo', () => {
    const grey = { ...bareLips, chromaSpread: 0, cheekGap: 0, skinChroma: 0.4 };
    expect(mouthCovered(grey)).toBe(false);
    expect(mouthCovered({ ...grey, spread: 3 })).toBe(true);
  });

  it('cannot be told of a mouth too small to judge', () => {
    expect(mouthCovered({ ...bareLips, n: 11, chromaSpread: 0, cheekGap: 0 })).toBeNull();
    expect(mouthCovered({ ...bareLips, cheekGap: Number.NaN })).toBeNull();
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

describe('a dark face in good light', () => {
  const face = { n: 9000, mean: 45, sd: 20, clippedHigh: 0, clippedLow: 0.01 };
  const crown: Crown = { y: 20, method: 'backdrop', cutOff: false, backdrop: { rgb: [205, 208, 210], spread: 3, plainShare: 0.97, samples: 400 } };
  const lit = { face, eyes: [openEye, openEye] as [EyeLook, EyeLook], crown };
  it('is dark skin where the whites of both eyes and the backdrop show the light', () => {
    expect(face.mean).toBeLessThan(THRESHOLDS.faceMean.min);
    expect(litElsewhere(lit, null)).toBe(true);
  });

  it('is too little light where anything says so, or where nothing can show it', () => {
    // The whites of the eyes dim (a face in shadow, or the whole picture dark).
    expect(litElsewhere({ ...lit, eyes: [openEye, { ...openEye, white: 60 }] }, null)).toBe(false);
    // The backdrop dim.
    expect(litElsewhere({ ...lit, crown: { ...crown, backdrop: { ...crown.backdrop!, rgb: [90, 92, 95] } } }, null)).toBe(false);
    // No plain backdrop found, an eye too small to judge, or hidden behind a lens or glare.
    expect(litElsewhere({ ...lit, crown: { ...crown, method: 'estimate', backdrop: null } }, null)).toBe(false);
    expect(litElsewhere({ ...lit, eyes: [openEye, { ...openEye, n: 5 }] }, null)).toBe(false);
    expect(litElsewhere(lit, 'glare')).toBe(false);
    // Too dark to show anything, or its shadows crushed.
    expect(litElsewhere({ ...lit, face: { ...face, mean: 25 } }, null)).toBe(false);
    expect(litElsewhere({ ...lit, face: { ...face, clippedLow: 0.2 } }, null)).toBe(false);
  });
});
