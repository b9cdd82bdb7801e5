// Live view: motion JPEG split into frames, through a fake gphoto2 streaming real JPEGs; an
// unplugged camera ends the stream with words for staff; the camera service pauses live view
// for a capture and looks for a lost camera again with backoff.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CameraService, type CameraServiceStatus } from '../../../src/main/devices/camera/camera-service.js';
import { CameraRefusedShot, type Camera, type LiveView } from '../../../src/main/devices/camera/camera.js';
import { Gphoto2Camera, gphoto2Problem } from '../../../src/main/devices/camera/gphoto2.js';
import { MjpegSplitter } from '../../../src/main/devices/camera/mjpeg.js';
import { SimulatedCamera } from '../../../src/main/devices/camera/simulated-camera.js';
import { createLogger, silentLogger } from '../../../src/main/log.js';
import { exec } from '../../../src/main/system/exec.js';
import { AppError } from '../../../src/shared/errors.js';
import { text } from '../../../src/shared/text.js';
import { demoPhotos, repoRoot } from '../../support/test-app.js';

const fakeBin = path.join(repoRoot, 'tests', 'support', 'fake-bin');
const jpegFile = path.join(demoPhotos, 'astronaut-eileen-collins.jpg');
const saved = { ...process.env };
beforeEach(() => {
  process.env.PATH = `${fakeBin}:${saved.PATH}`;
  process.env.FAKE_GPHOTO2_JPEG = jpegFile;
});
afterEach(() => {
  process.env = { ...saved };
});

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A tethered camera that takes no picture, its live view as the test says. */
function cameraWith(name: string, startLiveView: Camera['startLiveView']): Camera {
  return {
    simulated: false,
    status: () => ({ kind: 'camera', simulated: false, name, state: 'ready', outputDir: null }),
    preview: () => Promise.reject(new Error('no')),
    capture: () => Promise.reject(new AppError('unavailable', text('切断', 'gone'))),
    clearCard: () => Promise.resolve({ found: 0, deleted: 0, remaining: 0 }),
    startLiveView,
    close: () => Promise.resolve(),
  };
}

/** A camera whose live view ends when the test says (unplugged); it takes no picture. */
function cameraThatGoesAway() {
  let ends: (e: AppError | null) => void = () => {};
  const camera = cameraWith('Canon', (): LiveView => ({ stop: () => Promise.resolve(), ended: new Promise((r) => (ends = r)) }));
  return { camera, lose: (e: AppError) => ends(e) };
}

/**
 * The gphoto2 adapter on the fake gphoto2, in the camera service. One process at a time holds the
 * camera, as libgphoto2 claims the USB device; `calls()`: what gphoto2 was asked, refusals marked.
 */
function claimedCamera(onStatus: (s: CameraServiceStatus) => void = () => {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'madoguchi-claim-'));
  process.env.FAKE_GPHOTO2 = 'one';
  process.env.FAKE_GPHOTO2_LOCK = path.join(dir, 'claim');
  process.env.FAKE_GPHOTO2_LOG = path.join(dir, 'calls.log');
  const cam = new Gphoto2Camera(exec, { model: 'Canon EOS Kiss X10', port: 'usb:001,006' });
  const svc = new CameraService({ camera: cam, reconnect: () => Promise.resolve(cam), onStatus, log: silentLogger });
  return { svc, calls: () => readFileSync(path.join(dir, 'calls.log'), 'utf8') };
}

/** Watches the live view, does `use` once frames flow, then stops watching once they flow again. */
async function duringLiveView(svc: CameraService, use: () => Promise<void>): Promise<void> {
  let frames = 0;
  const stop = svc.watch(() => (frames += 1));
  while (frames < 3) await wait(20);
  await use();
  const after = frames;
  while (frames < after + 3) await wait(20);
  stop();
}

describe('motion JPEG', () => {
  it('splits frames across any chunking and drops what lies between them', () => {
    const jpeg = readFileSync(jpegFile);
    const stream = Buffer.concat([Buffer.from('hello'), jpeg, Buffer.from('junk'), jpeg, jpeg, Buffer.from([0xff])]);
    for (const size of [1, 7, 4096, stream.length]) {
      const frames: Buffer[] = [];
      const s = new MjpegSplitter((f) => frames.push(f));
      for (let i = 0; i < stream.length; i += size) s.push(stream.subarray(i, i + size));
      expect(frames, `chunks of ${size}`).toHaveLength(3);
      for (const f of frames) expect(f.equals(jpeg)).toBe(true);
    }
  });

  it('drops a frame that never ends instead of growing without bound', () => {
    const frames: Buffer[] = [];
    const s = new MjpegSplitter((f) => frames.push(f), 1024);
    s.push(Buffer.from([0xff, 0xd8, 0xff, ...new Array<number>(5000).fill(1)]));
    s.push(readFileSync(jpegFile).subarray(0, 10));
    expect(frames).toHaveLength(0);
  });
});

describe('gphoto2 live view', () => {
  it('streams frames at the camera’s pace and stops when asked', async () => {
    const cam = new Gphoto2Camera(exec, { model: 'Canon EOS Kiss X10', port: 'usb:001,006' });
    const frames: Buffer[] = [];
    const live = cam.startLiveView((f) => frames.push(f));
    await wait(1200);
    await live.stop();
    expect(await live.ended).toBeNull();
    const got = frames.length;
    // 30 fps asked; a loaded machine delivers fewer, but a stream it is.
    expect(got).toBeGreaterThan(10);
    for (const f of frames) expect(f[0] === 0xff && f[1] === 0xd8 && f.at(-1) === 0xd9).toBe(true);
    await wait(200);
    expect(frames.length).toBe(got);
  });

  it('ends with a message for staff when the camera is unplugged', async () => {
    process.env.FAKE_GPHOTO2_UNPLUG_AFTER = '3';
    const cam = new Gphoto2Camera(exec, { model: 'Canon EOS Kiss X10', port: 'usb:001,006' });
    const live = cam.startLiveView(() => {});
    const err = await live.ended;
    expect(err).toBeInstanceOf(AppError);
    expect(err!.body.message.ja).toContain('USBケーブル');
    expect(cam.status().state).toBe('offline');
  });

  it('names a busy camera and a lost one plainly', () => {
    expect(gphoto2Problem("*** Error (-110: 'I/O in progress') ***").kind).toBe('busy');
    expect(gphoto2Problem("*** Error (-52: 'Could not find the requested device on the USB port') ***").kind).toBe('gone');
    // As libgphoto2 says them: a Canon with nothing to focus on, a Nikon likewise, a full card, PTP's device busy.
    expect(gphoto2Problem('\n*** Error ***\nCanon EOS Capture failed to release: Perhaps no focus?\nERROR: Could not capture image.\nERROR: Could not capture.\n').kind).toBe('focus');
    expect(gphoto2Problem("*** Error (-1: 'Out of Focus') ***").kind).toBe('focus');
    expect(gphoto2Problem('Canon EOS Capture failed to release: Perhaps no more memory on card?').kind).toBe('card');
    expect(gphoto2Problem('Canon EOS Capture failed: 2019').kind).toBe('busy');
    const claimed = gphoto2Problem("*** Error (-53: 'Could not claim the USB device') ***");
    expect(claimed.kind).toBe('claimed');
    expect(claimed.message.ja).toContain('別のプログラム');
    expect(gphoto2Problem('something else').kind).toBe('other');
  });
});

describe('camera service', () => {
  it('shares one live view, pauses it for a capture and resumes after', async () => {
    const sim = new SimulatedCamera(demoPhotos);
    const states: string[] = [];
    const svc = new CameraService({ camera: sim, reconnect: () => Promise.resolve(sim), onStatus: (s) => states.push(s.state), log: silentLogger });
    const a: number[] = [];
    const b: number[] = [];
    const stopA = svc.watch(() => a.push(1));
    const stopB = svc.watch(() => b.push(1));
    await wait(400);
    expect(a.length).toBeGreaterThan(3);
    expect(b.length).toBe(a.length);
    const still = await svc.capture();
    expect(still[0]).toBe(0xff);
    expect(states).toEqual(expect.arrayContaining(['live', 'capturing', 'ready']));
    expect(svc.status().state).toBe('live');
    stopA();
    stopB();
    await wait(50);
    expect(svc.status().state).toBe('ready');
    await svc.close();
  });

  it('never runs two gphoto2 at once: a snapshot during live view is its next frame, a card clear waits for the camera', async () => {
    const { svc, calls } = claimedCamera();
    await duringLiveView(svc, async () => {
      const snap = await svc.preview();
      expect(snap[0]).toBe(0xff);
      expect((await svc.clearCard()).remaining).toBe(0);
    });
    await wait(100);
    // Nobody watching: the snapshot is asked of the camera itself.
    expect((await svc.preview())[0]).toBe(0xff);
    expect(calls()).not.toContain('REFUSED');
    expect(calls()).toContain('--capture-preview');
    expect(calls().match(/--capture-movie/g)?.length).toBe(2);
    await svc.close();
  });

  it('reads the body’s settings with the camera to itself: the live view pauses, is never refused, and comes back', async () => {
    const { svc, calls } = claimedCamera();
    await duringLiveView(svc, async () => {
      expect(await svc.settings()).toEqual({ captureTarget: 'Internal RAM', noCaptureTarget: false, imageFormat: 'Large Fine JPEG' });
    });
    expect(calls()).not.toContain('REFUSED');
    expect(calls().match(/--capture-movie/g)?.length).toBe(2);
    // The simulated camera has no settings to read.
    await expect(new CameraService({ camera: new SimulatedCamera(demoPhotos), reconnect: () => Promise.resolve(null), onStatus: () => {}, log: silentLogger }).settings()).rejects.toBeInstanceOf(AppError);
    await svc.close();
  });

  it('looks for a lost camera again with backoff, says so, and resumes live view when it is back', async () => {
    const { camera: flaky, lose: ends } = cameraThatGoesAway();
    const back = new SimulatedCamera(demoPhotos);
    let attempts = 0;
    const statuses: CameraServiceStatus[] = [];
    const svc = new CameraService({
      camera: flaky,
      reconnect: () => Promise.resolve(++attempts < 3 ? null : back),
      onStatus: (s) => statuses.push(s),
      log: silentLogger,
      backoffMs: [20, 40, 80],
    });
    const frames: number[] = [];
    svc.watch(() => frames.push(1));
    ends(new AppError('unavailable', text('カメラとの接続が切れました。', 'The camera was disconnected.')));
    await wait(10);
    expect(svc.status().state).toBe('reconnecting');
    expect(svc.status().problem?.ja).toContain('接続が切れました');
    await expect(svc.capture()).rejects.toBeInstanceOf(AppError);
    await wait(400);
    expect(attempts).toBe(3);
    expect(svc.status()).toMatchObject({ state: 'live', problem: null, simulated: true });
    expect(frames.length).toBeGreaterThan(0);
    await svc.close();
  });
});

describe('camera service, a camera found but not working', () => {
  it('looks again with growing waits while it fails at once, and from the shortest once it sends a frame', async () => {
    // Listed by auto-detect every time, but its live view ends at once (a USB mode for copying files).
    let working = false;
    let unplug: (e: AppError) => void = () => {};
    const failing = cameraWith('Sony', (onFrame): LiveView => {
      if (working) {
        const timer = setInterval(() => onFrame(readFileSync(jpegFile)), 10);
        const ended = new Promise<AppError | null>((r) => (unplug = r)).finally(() => clearInterval(timer));
        return { stop: () => Promise.resolve(clearInterval(timer)), ended };
      }
      return { stop: () => Promise.resolve(), ended: Promise.resolve(new AppError('unavailable', text('非対応', 'unsupported'))) };
    });
    const losses: number[] = [];
    const log = createLogger((line) => {
      const e = JSON.parse(line) as { event: string; attempt?: number };
      if (e.event === 'camera.lost') losses.push(e.attempt ?? -1);
    });
    const svc = new CameraService({ camera: failing, reconnect: () => Promise.resolve(failing), onStatus: () => {}, log, backoffMs: [5, 10, 20, 40] });
    svc.watch(() => {});
    while (losses.length < 5) await wait(5);
    // Found each time, yet the waits grow: not a look every second for ever.
    expect(losses.slice(0, 5)).toEqual([0, 1, 2, 3, 4]);
    // Set right, it sends frames: the next loss starts from the shortest wait again.
    working = true;
    let frames = 0;
    svc.watch(() => (frames += 1));
    while (frames < 2) await wait(5);
    const before = losses.length;
    unplug(new AppError('unavailable', text('切断', 'gone')));
    while (losses.length === before) await wait(5);
    expect(losses[before]).toBe(0);
    await svc.close();
  });
});

describe('camera service, a shot the camera refused', () => {
  it('keeps a camera that could not focus: no looking for it, live view back, and the next shot taken', async () => {
    const focus = path.join(mkdtempSync(path.join(os.tmpdir(), 'madoguchi-focus-')), 'focus');
    writeFileSync(focus, 'none');
    process.env.FAKE_GPHOTO2_FOCUS = focus;
    const states: string[] = [];
    const { svc } = claimedCamera((s) => states.push(s.state));
    const frames: number[] = [];
    const stop = svc.watch(() => frames.push(1));
    while (frames.length < 2) await wait(10);
    const err = await svc.capture().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CameraRefusedShot);
    expect((err as AppError).body.message.ja).toContain('ピントが合わず');
    const after = frames.length;
    while (frames.length < after + 2) await wait(10);
    expect(states).not.toContain('reconnecting');
    writeFileSync(focus, 'ok');
    expect((await svc.capture())[0]).toBe(0xff);
    stop();
    await svc.close();
  }, 20_000);
});

describe('camera service, staff bring the camera back', () => {
  it('looks for it at once when staff say so, instead of at the end of the wait', async () => {
    const { camera: lost, lose: ends } = cameraThatGoesAway();
    const back = new SimulatedCamera(demoPhotos);
    let plugged = false;
    let looks = 0;
    // Waits far longer than this test: only staff's word brings a look.
    const svc = new CameraService({ camera: lost, reconnect: () => (looks++, Promise.resolve(plugged ? back : null)), onStatus: () => {}, log: silentLogger, backoffMs: [60_000] });
    // Nothing lost: nothing to look for.
    expect((await svc.reconnectNow()).state).toBe('ready');
    expect(looks).toBe(0);
    const frames: number[] = [];
    svc.watch(() => frames.push(1));
    ends(new AppError('unavailable', text('カメラとの接続が切れました。', 'The camera was disconnected.')));
    await wait(10);
    expect(svc.status().state).toBe('reconnecting');
    // Pressed before the camera is back: one look, still lost, still saying why.
    const early = await svc.reconnectNow();
    expect(looks).toBe(1);
    expect(early).toMatchObject({ state: 'reconnecting', problem: { ja: 'カメラとの接続が切れました。' } });
    // Pressed once it is back: found, and the live view resumes for whoever watches.
    plugged = true;
    expect(await svc.reconnectNow()).toMatchObject({ state: 'live', problem: null });
    expect(looks).toBe(2);
    await wait(200);
    expect(frames.length).toBeGreaterThan(0);
    await svc.close();
  });
});

describe('camera service, watchers coming and going at once', () => {
  it('keeps live view running when a window stops and starts watching in the same moment', async () => {
    const sim = new SimulatedCamera(demoPhotos);
    const svc = new CameraService({ camera: sim, reconnect: () => Promise.resolve(sim), onStatus: () => {}, log: silentLogger });
    const frames: number[] = [];
    // What a React page does when it mounts twice in development: on, off, on.
    svc.watch(() => frames.push(1))();
    svc.watch(() => frames.push(2));
    await wait(300);
    expect(frames.filter((f) => f === 2).length).toBeGreaterThan(2);
    expect(svc.status().state).toBe('live');
    await svc.close();
  });

  it('starts the next gphoto2 only once the last live view has let go of the camera', async () => {
    // The same on, off, on with gphoto2, which refuses a second process the USB device: the new
    // live view waits for the old one to end instead of being refused and taken for a lost camera.
    // A body takes a moment to leave live view.
    process.env.FAKE_GPHOTO2_STOP_MS = '300';
    const states: string[] = [];
    const { svc, calls } = claimedCamera((s) => states.push(s.state));
    const frames: number[] = [];
    for (let round = 0; round < 3; round += 1) {
      const stop = svc.watch(() => frames.push(1));
      while (frames.length === 0) await wait(10);
      stop();
      // Watched again while the last gphoto2 is still stopping; and a still taken right after.
      const again = svc.watch(() => frames.push(2));
      const still = await svc.capture();
      expect(still[0]).toBe(0xff);
      const before = frames.filter((f) => f === 2).length;
      while (frames.filter((f) => f === 2).length < before + 3) await wait(10);
      again();
      frames.length = 0;
    }
    expect(states).not.toContain('reconnecting');
    expect(calls()).not.toContain('REFUSED');
    await svc.close();
  }, 30_000);
});
