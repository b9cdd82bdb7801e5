// doctor's photo line on the real pipeline: the shipped sample portrait is found as one face and
// cropped, with the detector the app uses; a sample with nobody on it is not passed.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { HumanFaceDetector } from '../../../src/main/photo/face-detector.js';
import { photoSelfTest, samplePortrait } from '../../../src/main/photo/self-test.js';
import { defaultSettings } from '../../../src/main/settings/settings.js';
import { repoRoot, tempDir } from '../../support/test-app.js';

describe('the photo self-test doctor runs', () => {
  it('finds the one face on the shipped sample, made the size a camera writes, and times a second photo', async () => {
    const r = await photoSelfTest(new HumanFaceDetector(), samplePortrait(repoRoot), defaultSettings);
    expect(r).toMatchObject({ faces: 1, located: true });
    expect(r.ms).toBeGreaterThan(0);
  }, 60_000);

  it('does not pass a sample with nobody on it', async () => {
    const empty = path.join(tempDir(), 'wall.jpg');
    writeFileSync(empty, await sharp({ create: { width: 512, height: 512, channels: 3, background: '#c4bab2' } }).jpeg().toBuffer());
    expect(await photoSelfTest(new HumanFaceDetector(), empty, defaultSettings)).toMatchObject({ faces: 0, located: false });
  }, 60_000);
});
