// A citizen standing far back from a tethered camera (their head 5 % of the frame's height, too
// small for the first look's 640 px copy): the live view asks them to come in front of the
// camera, and the still, found by the far look, tells them to come closer rather than "no face".
// Screenshots: 17-station-far-framing, 17b-station-far-review.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoScroll, launchChromium, morningWithVisit, repoRoot, serveWithFakeCamera, shot, stationAtFraming, type Served, tearDown } from './support.js';

let served: Served;
let browser: Browser;
const problems: string[] = [];
const work = mkdtempSync(path.join(os.tmpdir(), 'madoguchi-e2e-far-'));
const still = path.join(work, 'far.jpg');

beforeAll(async () => {
  const portrait = await sharp(path.join(repoRoot, 'tests', 'fixtures', 'photos', 'grace-hopper.jpg')).resize(330).toBuffer();
  await sharp({ create: { width: 6000, height: 4000, channels: 3, background: '#e0e0e0' } })
    .composite([{ input: portrait, left: 2900, top: 1700 }])
    .jpeg({ quality: 90 })
    .toFile(still);
  served = await serveWithFakeCamera(still, work, {});
  browser = await launchChromium();
});

afterAll(() => tearDown(browser, served, work));

describe('a citizen far from the camera', () => {
  it('is asked to come in front of the camera, and the still says to come closer', async () => {
    const desk = await morningWithVisit(served.urls.console);
    const station = await stationAtFraming(browser, served.urls.station, problems);
    await expect.poll(() => station.getByTestId('live-hint').textContent(), { timeout: 15_000 }).toContain('カメラの前で');
    await shot(station, '17-station-far-framing');
    await station.getByRole('button', { name: '撮影', exact: true }).click();
    await station.getByTestId('photo-review').waitFor({ timeout: 30_000 });
    const review = await desk.call<{ faces: number; checks: { id: string; ok: boolean | null }[] } | null>('photo.get', {});
    expect(review?.faces).toBe(1);
    expect(review?.checks.find((c) => c.id === 'resolution')?.ok).toBe(false);
    expect(await station.getByTestId('photo-review').textContent()).toContain('もう少しカメラに近づいてください');
    await expectNoScroll(station, '17b-station-far-review');
    await shot(station, '17b-station-far-review');
    await desk.call('visit.end', {});
    desk.ws.close();
    expect(problems).toEqual([]);
  }, 120_000);
});
