// The detector in its worker thread (the built dist/main/photo/detector-worker.js; `npm test`
// builds before the unit tests): the same faces as in-process, a fresh worker after one ends, and
// none once closed.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { WorkerFaceDetector } from '../../../src/main/photo/face-detector.js';
import { lookAt } from '../../../src/main/photo/tracked-face.js';
import { ASTRONAUT } from '../../support/photos.js';
import { repoRoot } from '../../support/test-app.js';

const script = path.join(repoRoot, 'dist', 'main', 'photo', 'detector-worker.js');

describe('detector in a worker thread', () => {
  it('finds the face off the main thread, and starts a new worker after one ended', async () => {
    expect(existsSync(script), 'run `npm run build` first (npm test does)').toBe(true);
    const { data, info } = await sharp(ASTRONAUT.file).raw().toBuffer({ resolveWithObject: true });
    const img = { data: new Uint8Array(data), width: info.width, height: info.height };
    const detector = new WorkerFaceDetector(pathToFileURL(script));
    const faces = await detector.detect(img);
    expect(faces).toHaveLength(1);
    expect(faces[0]!.mesh).toHaveLength(478);
    // The live view's guide goes without the iris model; the next still has it again.
    expect((await detector.detect(img, { irises: false }))[0]!.mesh).toHaveLength(468);
    expect((await detector.detect(img))[0]!.mesh).toHaveLength(478);
    // The still's face where the live view saw it (tracked-face.ts): the place and its look cross to the worker.
    const [face] = await detector.detect(img);
    const at = { box: face!.box, rollDeg: 0, look: lookAt(img, face!.box) };
    expect((await detector.detect(img, { at }))[0]!.mesh).toHaveLength(478);
    expect(await detector.detect(img, { at: { ...at, look: lookAt(img, { ...face!.box, y: face!.box.y + 0.3 * face!.box.height }) } })).toEqual([]);
    // The caller's pixels are its own: the worker zeroes its copy, not these.
    expect(img.data.some((v) => v !== 0)).toBe(true);
    // The worker ends (a crash, say): the next picture starts another.
    const worker = (detector as unknown as { worker: { terminate(): Promise<number> } }).worker;
    await worker.terminate();
    expect(await detector.detect(img)).toHaveLength(1);
    await detector.close();
    // Closed with the app, it starts none: a late picture (the live view's last guide) had
    // started a worker whose port held `serve` open after Ctrl+C.
    await expect(detector.detect(img)).rejects.toMatchObject({ body: { code: 'unavailable' } });
    expect((detector as unknown as { worker: unknown }).worker).toBeNull();
  }, 30_000);

  it('detects on the main thread when the worker cannot start at all, and says so once', async () => {
    const { data, info } = await sharp(ASTRONAUT.file).raw().toBuffer({ resolveWithObject: true });
    const img = { data: new Uint8Array(data), width: info.width, height: info.height };
    const told: string[] = [];
    // As in a packaged build whose archive the worker cannot read from.
    const detector = new WorkerFaceDetector(pathToFileURL(path.join(repoRoot, 'dist', 'no-such-worker.js')), (why) => told.push(why));
    const [a, b] = await Promise.all([detector.detect(img), detector.detect(img)]);
    expect(a).toHaveLength(1);
    expect(b).toHaveLength(1);
    expect(await detector.detect(img)).toHaveLength(1);
    expect(told).toHaveLength(1);
    await detector.close();
  }, 60_000);
});
