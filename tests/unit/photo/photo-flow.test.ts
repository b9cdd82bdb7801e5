// The photo step through the contract: capture into the visit, review, retake zeroes the shot,
// print from the station only when every check passes (staff may override), the job followed to
// done, and the visit's wipe counting the shot's buffers.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it, vi } from 'vitest';
import type { AppStatus, CameraFrame, CameraState, DeviceStatus, LiveGuide, PhotoReview, PrinterCalibrationState, PrintStatus } from '../../../src/shared/contract.js';
import { SimulatedCamera } from '../../../src/main/devices/camera/simulated-camera.js';
import { HumanFaceDetector, type FaceDetector } from '../../../src/main/photo/face-detector.js';
import { defaultSettings } from '../../../src/main/settings/settings.js';
import { demoPhotos, readyApp, repoRoot, tempDir } from '../../support/test-app.js';

const console_ = { window: 'console' as const };
const station = { window: 'station' as const };

async function call<T>(app: Awaited<ReturnType<typeof readyApp>>['app'], method: string, payload: unknown, ctx: { window: 'console' | 'station' } = console_): Promise<T> {
  const r = await app.dispatch(method, payload, ctx);
  if (!r.ok) throw Object.assign(new Error(`${method}: ${r.error.code} ${r.error.message.en}`), { body: r.error });
  return r.result as T;
}

/** The log's last photo.captured line ('' when none). */
const lastCaptured = (lines: readonly string[]) => lines.filter((l) => l.includes('photo.captured')).at(-1) ?? '';

/** Turns the live view on and waits for its first frame with a guide that frames the face (a crop). */
async function liveUntilFramed(app: Awaited<ReturnType<typeof readyApp>>['app']): Promise<CameraFrame> {
  const framed = new Promise<CameraFrame>((resolve) => {
    const off = app.bus.subscribe((name, payload) => {
      if (name === 'camera.frame' && (payload as CameraFrame).guide?.crop) {
        off();
        resolve(payload as CameraFrame);
      }
    });
  });
  await call(app, 'camera.live', { on: true }, station);
  return framed;
}

/**
 * The live guide saw the demo portrait upright (a face lying sideways gets no crop from it: here
 * her head is at the top, a little left of the middle), and the still taken now is level.
 */
async function uprightGuideAndStill(app: Awaited<ReturnType<typeof readyApp>>['app'], frame: CameraFrame): Promise<PhotoReview> {
  const crop = frame.guide?.crop as { x: number; y: number; width: number };
  expect(crop.y).toBeLessThan(0.1);
  expect(crop.x + crop.width / 2).toBeGreaterThan(0.35);
  expect(crop.x + crop.width / 2).toBeLessThan(0.55);
  const review = await call<PhotoReview>(app, 'photo.capture', {}, station);
  await call(app, 'camera.live', { on: false }, station);
  expect(review.faces).toBe(1);
  expect(Math.abs(review.checks.find((c) => c.id === 'tilt')?.value ?? 90)).toBeLessThan(10);
  return review;
}

describe('photo step of a visit', () => {
  it('captures, reviews, retakes and prints, and the visit’s wipe takes every buffer', async () => {
    const { app, dataDir } = await readyApp();
    await expect(call(app, 'photo.capture', {}, station)).rejects.toThrow(/conflict/);
    await call(app, 'visit.start', {});
    const first = await call<PhotoReview>(app, 'photo.capture', {}, station);
    expect(first.shot).toBe(1);
    expect(first.faces).toBe(1);
    expect(first.checks.length).toBeGreaterThanOrEqual(10);
    expect(first.photo).toMatch(/^\/9j\//); // a JPEG, base64
    expect(first.sheet).toMatchObject({ paper: 'L', photos: 4, leftOff: 0 });
    expect(await call(app, 'photo.get', {}, station)).toEqual(first);

    expect(await call(app, 'photo.retake', {}, station)).toBeNull();
    expect(await call(app, 'photo.get', {}, station)).toBeNull();
    const second = await call<PhotoReview>(app, 'photo.capture', {}, station);
    expect(second.shot).toBe(2);

    // The demo portrait holds her head at about 4°: the station may not print it, staff may.
    expect(second.ok).toBe(false);
    await expect(call(app, 'photo.print', {}, station)).rejects.toThrow(/conflict/);
    await expect(call(app, 'photo.print', { override: true }, station)).rejects.toThrow(/conflict/);
    const job = await call<PrintStatus>(app, 'photo.print', { override: true });
    expect(job).toMatchObject({ what: 'sheet', paper: 'L', simulated: true });
    for (let i = 0; i < 50 && (await call<PrintStatus>(app, 'photo.printStatus', {})).state !== 'done'; i += 1) await new Promise((r) => setTimeout(r, 20));
    expect((await call<PrintStatus>(app, 'photo.printStatus', {})).state).toBe('done');
    expect((await call<PhotoReview>(app, 'photo.get', {})).accepted).toBe(true);
    // A finished job is purged from the spool at once (the simulator's "spool" is its folder).
    const sheets = path.join(dataDir, 'demo-output', 'photo-sheets');
    for (let i = 0; i < 50 && existsSync(sheets) && readdirSync(sheets).length > 0; i += 1) await new Promise((r) => setTimeout(r, 20));
    expect(existsSync(sheets) ? readdirSync(sheets) : []).toHaveLength(0);

    const wipe = await call<{ photos: number; printJobs: number }>(app, 'visit.end', {});
    // The still, the photo, the sheet, the online file, two previews and the PDF.
    expect(wipe.photos).toBeGreaterThanOrEqual(6);
    await expect(call(app, 'photo.get', {}, station)).resolves.toBeNull();
    await app.close();
  });

  it('tells staff to take it again when a still arrives cut short, and the visit goes on', async () => {
    // A camera unplugged mid-transfer: gphoto2 hands over the first half of the JPEG.
    class CutShortOnce extends SimulatedCamera {
      cut = true;
      override async capture(): Promise<Buffer> {
        const still = await super.capture();
        if (!this.cut) return still;
        this.cut = false;
        return still.subarray(0, Math.floor(still.length / 2));
      }
    }
    const { app } = await readyApp({ camera: new CutShortOnce(demoPhotos) });
    await call(app, 'visit.start', {});
    const failed = await app.dispatch('photo.capture', {}, station);
    expect(failed.ok).toBe(false);
    if (failed.ok) return;
    expect(failed.error.code).toBe('bad_request');
    expect(failed.error.message.ja).toMatch(/途中で切れている.*もう一度撮影/);
    expect(await call(app, 'photo.get', {}, station)).toBeNull();
    const again = await call<PhotoReview>(app, 'photo.capture', {}, station);
    expect(again.faces).toBe(1);
    await app.close();
  });

  it('keeps a calibration per printer and refuses measurements far from the design', async () => {
    const { app } = await readyApp();
    const before = await call<{ scaleX: number; measuredAt: string | null }>(app, 'printer.calibration', {});
    // The console shows what each measurement should be on the settings' paper.
    expect(before).toMatchObject({ printer: 'simulated', paper: 'L', design: { rulerXMm: 70, rulerYMm: 100, boxLeftMm: 10, boxTopMm: 10 }, scaleX: 1, measuredAt: null });
    const sheet = await call<PrintStatus>(app, 'printer.printCalibrationSheet', {});
    expect(sheet.what).toBe('calibration');
    // The L sheet's rulers: 70 mm across, 100 mm down. Printed 1 % large, 0.5 mm right.
    const after = await call<{ scaleX: number; scaleY: number; offsetXMm: number; measuredAt: string | null }>(app, 'printer.calibrate', { rulerXMm: 70.7, rulerYMm: 100, boxLeftMm: 10.6, boxTopMm: 10 });
    expect(after.scaleX).toBeCloseTo(1 / 1.01, 4);
    expect((after as PrinterCalibrationState).measuredOffMm).toBe(0.7);
    expect(after.scaleY).toBe(1);
    expect(after.measuredAt).not.toBeNull();
    // The check print measures as designed: nothing to do again (the correction barely moves).
    const check = await call<PrinterCalibrationState>(app, 'printer.calibrate', { rulerXMm: 70, rulerYMm: 100.1, boxLeftMm: 10, boxTopMm: 10 });
    expect(check.measuredOffMm).toBe(0.1);
    expect(check.scaleX).toBeCloseTo(after.scaleX, 5);
    expect((await call<PrinterCalibrationState>(app, 'printer.calibration', {})).measuredOffMm).toBeNull();
    await expect(call(app, 'printer.calibrate', { rulerXMm: 80, rulerYMm: 100, boxLeftMm: 10, boxTopMm: 10 })).rejects.toThrow(/bad_request.*① horizontal ruler 80 mm \(designed 70 mm\)/);
    // A box 9.5 mm further left than designed is within what a correction may be, but a sheet
    // then holds only its left column: the console is told so at once, before a citizen's sheet
    // comes out short.
    const far = await call<PrinterCalibrationState>(app, 'printer.calibrate', { rulerXMm: 70, rulerYMm: 100, boxLeftMm: 0.5, boxTopMm: 10 });
    expect(far.offsetXMm).toBeGreaterThan(8.5);
    expect(far.sheet).toEqual({ photos: 2, leftOff: 2 });
    await app.close();
  });
});

describe('the live view hints the still', () => {
  it('cuts the still’s crop from the region decoded during detection, and measures its face where the guide saw it, after a fresh live-view guide', async () => {
    const lines: string[] = [];
    const { createLogger } = await import('../../../src/main/log.js');
    const { app } = await readyApp({ log: createLogger((l) => lines.push(l)) });
    await call(app, 'visit.start', {});
    // Without live view there is no hint.
    await call<PhotoReview>(app, 'photo.capture', {}, station);
    expect(lastCaptured(lines)).toContain('"speculation":"none"');
    expect(lastCaptured(lines)).toContain('"followed":false');
    await liveUntilFramed(app);
    await call<PhotoReview>(app, 'photo.capture', {}, station);
    await call(app, 'camera.live', { on: false }, station);
    expect(lastCaptured(lines)).toContain('"speculation":"used"');
    // The live view saw her face alone: the still's face was measured there, the finder skipped.
    expect(lastCaptured(lines)).toContain('"followed":true');
    // What the live view saw goes with the visit: a guide just before its end gives the next
    // citizen's first still nothing, however soon it comes.
    await liveUntilFramed(app);
    await call(app, 'camera.live', { on: false }, station);
    await call(app, 'visit.end', {});
    await call(app, 'visit.start', {});
    await call<PhotoReview>(app, 'photo.capture', {}, station);
    expect(lastCaptured(lines)).toContain('"speculation":"none"');
    expect(lastCaptured(lines)).toContain('"followed":false');
    await call(app, 'visit.end', {});
  }, 30_000);

  it('follows the face between the face finder’s looks in the live view, with the same guide', async () => {
    // The app's detector, counted: each live frame is either followed (the mesh where the last
    // guide saw the face) or looked at by the finder.
    const real = new HumanFaceDetector();
    const calls = { followed: 0, finder: 0 };
    const detector: FaceDetector = {
      name: 'counted',
      detect: (img, o) => {
        if (o?.irises === false) calls[o.at ? 'followed' : 'finder'] += 1;
        return real.detect(img, o);
      },
    };
    const { app } = await readyApp({ detector });
    await call(app, 'visit.start', {});
    const guides: CameraFrame['guide'][] = [];
    const enough = new Promise<void>((resolve) => {
      const off = app.bus.subscribe((name, payload) => {
        const guide = (payload as CameraFrame).guide;
        if (name === 'camera.frame' && guide && !guides.includes(guide)) guides.push(guide);
        if (guides.length >= 12) {
          off();
          resolve();
        }
      });
    });
    await call(app, 'camera.live', { on: true }, station);
    await enough;
    await call(app, 'camera.live', { on: false }, station);
    // The finder looks at every fourth frame or so; the rest are followed.
    expect(calls.followed).toBeGreaterThanOrEqual(2 * calls.finder);
    expect(calls.finder).toBeGreaterThanOrEqual(Math.floor((calls.followed + calls.finder) / 4));
    // Followed or found, the guide is the same: her face alone, framed, the lines where they were.
    for (const g of guides) {
      expect(g!.faces).toBe(1);
      expect(g!.crop).not.toBeNull();
      expect(Math.abs(g!.eyeLineY! - guides[0]!.eyeLineY!)).toBeLessThan(0.01);
      expect(Math.abs(g!.chinY! - guides[0]!.chinY!)).toBeLessThan(0.01);
    }
    await call(app, 'visit.end', {});
  }, 30_000);

  it('decodes the still’s work copy whole once a still’s face was not where the live view saw it, until one is again', async () => {
    const lines: string[] = [];
    const { createLogger } = await import('../../../src/main/log.js');
    const { app } = await readyApp({ log: createLogger((l) => lines.push(l)) });
    await call(app, 'visit.start', {});
    // A live view that frames otherwise than the stills (here: her portrait lower in the frame).
    const portrait = path.join(demoPhotos, 'astronaut-eileen-collins.jpg');
    const { width, height } = await sharp(portrait).metadata();
    const lower = await sharp({ create: { width, height, channels: 3, background: '#bbb5b5' } })
      .composite([{ input: await sharp(portrait).extract({ left: 0, top: 0, width, height: Math.round(0.9 * height) }).toBuffer(), left: 0, top: Math.round(0.1 * height) }])
      .jpeg({ quality: 85 })
      .toBuffer();
    const guided = await call<LiveGuide>(app, 'photo.guide', { jpeg: lower.toString('base64') }, station);
    expect(guided.crop).not.toBeNull();
    // The copy cut below where the live view saw her does not hold her as seen: decoded whole
    // after all, and the finder looks.
    await call<PhotoReview>(app, 'photo.capture', {}, station);
    expect(lastCaptured(lines)).toMatch(/"followed":false,"workCopy":"belowFaceThenWhole"/);
    // So the next still starts from the whole copy, while its face is followed again ...
    await liveUntilFramed(app);
    await call<PhotoReview>(app, 'photo.capture', {}, station);
    await call(app, 'camera.live', { on: false }, station);
    expect(lastCaptured(lines)).toMatch(/"followed":true,"workCopy":"whole"/);
    // ... after which the copy stops below the face again.
    await liveUntilFramed(app);
    await call<PhotoReview>(app, 'photo.capture', {}, station);
    await call(app, 'camera.live', { on: false }, station);
    expect(lastCaptured(lines)).toMatch(/"followed":true,"workCopy":"belowFace"/);
    await call(app, 'visit.end', {});
  }, 30_000);

  it('names a second face walking in within a few live frames, her face followed meanwhile', async () => {
    const { app } = await readyApp();
    await call(app, 'visit.start', {});
    // A wide frame: her portrait on the left; on the right the backdrop, then Hopper's face.
    const hers = await sharp(path.join(demoPhotos, 'astronaut-eileen-collins.jpg')).resize(640, 640).toBuffer();
    const hopper = await sharp(path.join(repoRoot, 'tests/fixtures/photos/grace-hopper.jpg')).resize(545, 640).toBuffer();
    const frame = (second: boolean) =>
      sharp({ create: { width: 1280, height: 640, channels: 3, background: '#bbb5b5' } })
        .composite([{ input: hers, left: 0, top: 0 }, ...(second ? [{ input: hopper, left: 700, top: 0 }] : [])])
        .jpeg({ quality: 85 })
        .toBuffer();
    const guide = async (jpeg: Buffer) => call<LiveGuide>(app, 'photo.guide', { jpeg: jpeg.toString('base64') }, station);
    const alone = await frame(false);
    for (let i = 0; i < 5; i++) expect((await guide(alone)).faces).toBe(1);
    // Hopper sits down beside her: her face is still where it was and looks the same, so it is
    // followed, until the finder's next look names them both (within four frames).
    const both = await frame(true);
    const seen: number[] = [];
    for (let i = 0; i < 4; i++) seen.push((await guide(both)).faces);
    expect(seen).toContain(2);
    expect(seen.indexOf(2)).toBeLessThanOrEqual(3);
    // Once named, every frame is the finder's (no face is followed among two), and the hint the
    // citizen reads turns to one face only once it has held for a few frames.
    const after: LiveGuide[] = [];
    for (let i = 0; i < 4; i++) after.push(await guide(both));
    expect(after.map((g) => g.faces)).toEqual([2, 2, 2, 2]);
    expect(after.at(-1)!.hint).toBe('oneOnly');
    await call(app, 'visit.end', {});
  }, 30_000);

  it('turns the live view and untagged stills of a camera mounted on its side, as the settings say', async () => {
    // The camera lies on its side with auto-rotate off: its pictures come a quarter turn
    // anticlockwise, with no orientation tag.
    const portrait = path.join(demoPhotos, 'astronaut-eileen-collins.jpg');
    const sideways = tempDir();
    writeFileSync(path.join(sideways, 'sideways.jpg'), await sharp(portrait).rotate(270).jpeg({ quality: 92 }).toBuffer());
    const lines: string[] = [];
    const { createLogger } = await import('../../../src/main/log.js');
    const { app } = await readyApp({ settings: { ...defaultSettings, cameraTurnDegrees: 90 }, camera: new SimulatedCamera(sideways), log: createLogger((l) => lines.push(l)) });
    await call(app, 'visit.start', {});
    const frame = await liveUntilFramed(app);
    // The frame goes out as the camera sent it, with the turn the station gives it on the screen:
    // so turned it is the portrait upright again (compared with the original, scaled alike).
    expect(frame.turn).toBe(90);
    const shown = await sharp(Buffer.from(frame.jpeg, 'base64')).rotate(frame.turn).raw().toBuffer({ resolveWithObject: true });
    const upright = await sharp(portrait).resize(shown.info.width, shown.info.height).raw().toBuffer();
    let diff = 0;
    for (let i = 0; i < upright.length; i++) diff += Math.abs((shown.data[i] ?? 0) - (upright[i] ?? 0));
    expect(diff / upright.length).toBeLessThan(12);
    // The guide is of the frame so turned, and the still is turned too (cut from the region the
    // live view hinted, its face measured where the guide saw it: both in the picture upright).
    const review = await uprightGuideAndStill(app, frame);
    expect(review.checks.find((c) => c.id === 'head_size')?.ok).toBe(true);
    expect(lastCaptured(lines)).toMatch(/"speculation":"used".*"followed":true/);
    await call(app, 'visit.end', {});
  }, 30_000);

  it('takes the camera’s mounting from the lead: kept in the file first, told to both windows, used by the next live frame and still', async () => {
    const portrait = path.join(demoPhotos, 'astronaut-eileen-collins.jpg');
    const sideways = tempDir();
    writeFileSync(path.join(sideways, 'sideways.jpg'), await sharp(portrait).rotate(270).jpeg({ quality: 92 }).toBuffer());
    const written: number[] = [];
    let failWrites = false;
    const { app } = await readyApp({
      camera: new SimulatedCamera(sideways),
      saveSettings: (s) => {
        if (failWrites) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
        written.push(s.cameraTurnDegrees);
      },
    });
    expect((await call<CameraState>(app, 'camera.state', {})).turn).toBe(0);
    await call(app, 'visit.start', {});
    const told: number[] = [];
    const turnedFrame = new Promise<CameraFrame>((resolve) => {
      const off = app.bus.subscribe((name, payload) => {
        if (name === 'camera.changed') told.push((payload as CameraState).turn);
        if (name === 'camera.frame' && (payload as CameraFrame).turn === 90 && (payload as CameraFrame).guide?.crop) {
          off();
          resolve(payload as CameraFrame);
        }
      });
    });
    await call(app, 'camera.live', { on: true }, station);
    // Mounted on its side, set while the live view runs: the frames that follow say so, and their guide is of the upright picture.
    expect((await call<CameraState>(app, 'camera.setTurn', { turn: 90 })).turn).toBe(90);
    expect(written).toEqual([90]);
    expect(told).toContain(90);
    await uprightGuideAndStill(app, await turnedFrame);
    // The same again writes nothing; a file that cannot be written changes nothing.
    await call(app, 'camera.setTurn', { turn: 90 });
    expect(written).toEqual([90]);
    failWrites = true;
    expect((await app.dispatch('camera.setTurn', { turn: 270 }, console_)).ok).toBe(false);
    expect((await call<CameraState>(app, 'camera.state', {})).turn).toBe(90);
    failWrites = false;
    // Only quarter turns; not a clerk; never the station.
    expect((await app.dispatch('camera.setTurn', { turn: 45 }, console_)).ok).toBe(false);
    await call(app, 'visit.end', {});
    const clerk = await call<{ id: number }>(app, 'staff.add', { displayName: '佐藤 一郎', role: 'staff', pin: '2580' });
    await call(app, 'session.signIn', { staffId: clerk.id, pin: '2580' });
    const asClerk = await app.dispatch('camera.setTurn', { turn: 0 }, console_);
    expect(asClerk.ok ? 'accepted' : asClerk.error.code).toBe('forbidden');
    expect((await app.dispatch('camera.setTurn', { turn: 0 }, station)).ok).toBe(false);
    expect((await call<CameraState>(app, 'camera.state', {})).turn).toBe(90);
    await app.close();
  }, 30_000);

  it('takes the webcam fallback from the lead: kept in the file first, told to both windows, refused to a clerk and the station', async () => {
    const written: boolean[] = [];
    let failWrites = false;
    const { app } = await readyApp({
      saveSettings: (s) => {
        if (failWrites) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
        written.push(s.webcamFallback);
      },
    });
    expect(await call<CameraState>(app, 'camera.state', {})).toMatchObject({ webcam: false, webcamAllowed: false });
    const told: CameraState[] = [];
    const devices: DeviceStatus[][] = [];
    app.bus.subscribe((name, payload) => {
      if (name === 'camera.changed') told.push(payload as CameraState);
      if (name === 'devices.changed') devices.push(payload as DeviceStatus[]);
    });
    expect(await call<AppStatus>(app, 'app.status', {})).toMatchObject({ mode: 'demo' });
    // No tethered camera here (the demo's): the station shoots with its webcam from now on.
    expect(await call<CameraState>(app, 'camera.setWebcam', { on: true })).toMatchObject({ webcam: true, webcamAllowed: true });
    expect(written).toEqual([true]);
    expect(told.at(-1)).toMatchObject({ webcam: true });
    // The webcam is real hardware: the device list and the banner say so (the printers are still simulated).
    const status = await call<AppStatus>(app, 'app.status', {});
    expect(status.mode).toBe('mixed');
    expect(status.devices.find((d) => d.kind === 'camera')).toMatchObject({ simulated: false, name: expect.stringContaining('Webカメラ') });
    expect(devices.at(-1)).toEqual(status.devices);
    // The demo camera's picture is never taken as the citizen's while the webcam is the camera
    // (the station asks main only when its webcam gave no picture).
    await call(app, 'visit.start', {});
    const noPicture = await app.dispatch('photo.capture', {}, station);
    expect(noPicture.ok ? 'a photo' : noPicture.error.message.ja).toContain('Webカメラの映像が届いていません');
    expect((await call<PhotoReview | null>(app, 'photo.get', {}, station))).toBeNull();
    const fromConsole = await app.dispatch('photo.capture', {}, console_);
    expect(fromConsole.ok ? 'a photo' : fromConsole.error.message.ja).toContain('ステーションの「撮影」ボタン');
    await call(app, 'visit.end', {});
    // The station says its webcam gives no picture: staff see it on the console until it comes back.
    await call(app, 'camera.webcamSeen', { seen: false }, station);
    expect((await call<CameraState>(app, 'camera.state', {})).problem?.ja).toContain('ステーションのWebカメラが映っていません');
    expect(told.at(-1)?.problem?.ja).toContain('Webカメラが映っていません');
    await call(app, 'camera.webcamSeen', { seen: true }, station);
    expect((await call<CameraState>(app, 'camera.state', {})).problem).toBeNull();
    expect((await app.dispatch('camera.webcamSeen', { seen: false }, console_)).ok).toBe(false);
    // Trying the camera on the console would show the demo camera's picture: it says where to look instead.
    const tried = await app.dispatch('camera.snapshot', {}, console_);
    expect(tried.ok ? 'a picture' : tried.error.message.ja).toContain('ステーションの撮影画面で');
    await call(app, 'camera.setWebcam', { on: true });
    expect(written).toEqual([true]);
    failWrites = true;
    expect((await app.dispatch('camera.setWebcam', { on: false }, console_)).ok).toBe(false);
    expect((await call<CameraState>(app, 'camera.state', {})).webcam).toBe(true);
    failWrites = false;
    expect((await app.dispatch('camera.setWebcam', { on: false }, station)).ok).toBe(false);
    const clerk = await call<{ id: number }>(app, 'staff.add', { displayName: '佐藤 一郎', role: 'staff', pin: '2580' });
    await call(app, 'session.signIn', { staffId: clerk.id, pin: '2580' });
    const asClerk = await app.dispatch('camera.setWebcam', { on: false }, console_);
    expect(asClerk.ok ? 'accepted' : asClerk.error.code).toBe('forbidden');
    expect((await call<CameraState>(app, 'camera.state', {})).webcam).toBe(true);
    await app.close();
  });

  it('refuses a second press while a still is being judged, so no shot is replaced unseen', async () => {
    const { app } = await readyApp();
    await call(app, 'visit.start', {});
    // The station's button and the console's at once.
    const [a, b] = await Promise.all([app.dispatch('photo.capture', {}, station), app.dispatch('photo.capture', {}, console_)]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    const refused = a.ok ? b : a;
    expect(refused.ok ? '' : refused.error.message.ja).toContain('撮影中です');
    const taken = (a.ok ? a.result : b.ok ? b.result : null) as PhotoReview;
    expect(taken.shot).toBe(1);
    expect(await call(app, 'photo.get', {}, station)).toEqual(taken);
    // Once judged, the next press is taken.
    expect((await call<PhotoReview>(app, 'photo.capture', {}, station)).shot).toBe(2);

    // The webcam's still tapped twice: the second one's picture is zeroed as it is refused.
    await call(app, 'camera.setWebcam', { on: true });
    const still = await sharp(path.join(demoPhotos, 'astronaut-eileen-collins.jpg')).jpeg({ quality: 90 }).toBuffer();
    const [c, d] = await Promise.all([app.dispatch('photo.captureFrame', { jpeg: still.toString('base64') }, station), app.dispatch('photo.captureFrame', { jpeg: still.toString('base64') }, station)]);
    expect([c.ok, d.ok].sort()).toEqual([false, true]);
    expect((await call<PhotoReview>(app, 'photo.get', {}, station)).shot).toBe(3);
    await call(app, 'visit.end', {});
    await app.close();
  }, 30_000);

  it('turns an upside-down shot over by itself; staff turn it as they see it, judged again from the same still, and what the first judgement made is zeroed', async () => {
    // An infant photographed from the top of its head: upside down.
    const portrait = path.join(demoPhotos, 'astronaut-eileen-collins.jpg');
    const folder = tempDir();
    writeFileSync(path.join(folder, 'upside-down.jpg'), await sharp(portrait).rotate(180).jpeg({ quality: 92 }).toBuffer());
    const { app } = await readyApp({ camera: new SimulatedCamera(folder) });
    await expect(call(app, 'photo.turn', { degrees: 180 })).rejects.toThrow(/conflict/);
    await call(app, 'visit.start', {});
    await expect(call(app, 'photo.turn', { degrees: 180 })).rejects.toThrow(/conflict/);
    // Every buffer the visit's vault is given, in order (the still first).
    const vault = app.visits.open();
    const held: Buffer[] = [];
    const hold = vault.holdPhoto.bind(vault);
    vi.spyOn(vault, 'holdPhoto').mockImplementation((b: Buffer) => {
      held.push(b);
      return hold(b);
    });
    const first = await call<PhotoReview>(app, 'photo.capture', {}, station);
    const [still, ...firstOutputs] = held.splice(0);
    expect(firstOutputs.length).toBeGreaterThanOrEqual(4);
    expect([first.turned, first.turnedByStaff]).toEqual([180, false]);
    expect(first.checks.find((c) => c.id === 'head_size')?.ok).toBe(true);
    // Staff only; a turn the contract does not know is refused.
    await expect(call(app, 'photo.turn', { degrees: 180 }, station)).rejects.toThrow();
    await expect(call(app, 'photo.turn', { degrees: 45 })).rejects.toThrow(/bad_request/);
    const events: (PhotoReview | null)[] = [];
    const off = app.bus.subscribe((name, payload) => name === 'photo.changed' && events.push(payload as PhotoReview | null));
    const turned = await call<PhotoReview>(app, 'photo.turn', { degrees: 180 });
    off();
    // Turned over from what staff saw: upside down as it came, and the pipeline leaves it so.
    expect(turned.shot).toBe(first.shot);
    expect([turned.turned, turned.turnedByStaff]).toEqual([0, true]);
    expect(turned.faces).toBe(1);
    expect(turned.checks.find((c) => c.id === 'head_size')?.ok).not.toBe(true);
    expect(events.at(-1)).toEqual(turned);
    expect(await call(app, 'photo.get', {})).toEqual(turned);
    // Judged again from the same still, kept; what the first judgement made is zeroed.
    expect(still!.some((x) => x !== 0)).toBe(true);
    for (const b of firstOutputs) expect(b.every((x) => x === 0)).toBe(true);
    expect(held.length).toBe(firstOutputs.length);
    // Turned again, upright, by staff's hand.
    const back = await call<PhotoReview>(app, 'photo.turn', { degrees: 180 });
    expect([back.turned, back.turnedByStaff]).toEqual([180, true]);
    expect(back.checks.find((c) => c.id === 'head_size')?.ok).toBe(true);
    expect(Math.abs(back.checks.find((c) => c.id === 'tilt')?.value ?? 90)).toBeLessThan(10);
    // The visit's wipe takes the still and all it held.
    const wipe = await call<{ photos: number }>(app, 'visit.end', {});
    expect(wipe.photos).toBeGreaterThanOrEqual(5);
    expect(still!.every((x) => x === 0)).toBe(true);
    await app.close();
  }, 60_000);

  it('zeroes everything made from a still whose visit ended while it was judged', async () => {
    const { app } = await readyApp();
    await call(app, 'visit.start', {});
    const vault = app.visits.open();
    const held: Buffer[] = [];
    const ending: Promise<unknown>[] = [];
    const hold = vault.holdPhoto.bind(vault);
    vi.spyOn(vault, 'holdPhoto').mockImplementation((b: Buffer) => {
      held.push(b);
      // The still is held: staff end the visit while the pipeline works on it.
      if (ending.length === 0) ending.push(call(app, 'visit.end', {}));
      return hold(b);
    });
    await expect(call(app, 'photo.capture', {}, station)).rejects.toThrow(/conflict/);
    await Promise.all(ending);
    expect(ending).toHaveLength(1);
    expect(held.length).toBeGreaterThan(0);
    for (const b of held) expect(b.every((x) => x === 0)).toBe(true);
    expect(await call(app, 'photo.get', {}, station)).toBeNull();

    // Staff turn the photo and the visit ends before it is judged again, or it is retaken: said
    // as what happened (the still was zeroed under the pipeline, which alone would say "unreadable").
    vi.restoreAllMocks();
    await call(app, 'visit.start', {});
    await call(app, 'photo.capture', {}, station);
    const turning = app.dispatch('photo.turn', { degrees: 90 }, console_);
    await call(app, 'visit.end', {});
    const afterEnd = await turning;
    expect(afterEnd.ok ? 'turned' : afterEnd.error.message.ja).toBe('写真の処理中に受付が終了しました。');
    await call(app, 'visit.start', {});
    await call(app, 'photo.capture', {}, station);
    const turningAgain = app.dispatch('photo.turn', { degrees: 90 }, console_);
    await call(app, 'photo.retake', {}, station);
    const afterRetake = await turningAgain;
    expect(afterRetake.ok ? 'turned' : afterRetake.error.message.ja).toBe('写真が撮り直されました。');
    expect(await call(app, 'photo.get', {}, station)).toBeNull();
    await call(app, 'visit.end', {});
    await app.close();
  }, 30_000);
});
