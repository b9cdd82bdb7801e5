import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { detectCameras, Gphoto2Camera, gphoto2Problem, listedFolders, NOT_JPEG, parseAutoDetect, readCameraSettings } from '../../../src/main/devices/camera/gphoto2.js';
import { exec } from '../../../src/main/system/exec.js';
import { CameraRefusedShot } from '../../../src/main/devices/camera/camera.js';
import { AppError } from '../../../src/shared/errors.js';
import { demoPhotos, repoRoot, tempDir } from '../../support/test-app.js';

const fakeBin = path.join(repoRoot, 'tests', 'support', 'fake-bin');
const jpeg = path.join(demoPhotos, 'astronaut-eileen-collins.jpg');
const saved = { ...process.env };

beforeEach(() => {
  process.env.PATH = `${fakeBin}:${saved.PATH}`;
  process.env.FAKE_GPHOTO2_JPEG = jpeg;
});
afterEach(() => {
  process.env = { ...saved };
});

describe('gphoto2 --list-files', () => {
  it('reads which folders hold how many files, as gphoto2 2.5.28 prints them', () => {
    const out = "There is no file in folder '/'.\nThere is no file in folder '/DCIM'.\nThere are 2 files in folder '/DCIM/100CANON'.\n#1     IMG_0001.JPG               rd    83 KB image/jpeg 1795572382\n#2     IMG_0002.CR3               rd    83 KB image/x-raw 1795572382\nThere is 1 file in folder '/DCIM/101CANON'.\n#3     IMG_0003.JPG               rd    83 KB image/jpeg 1795572382\n";
    expect(listedFolders(out)).toEqual([
      { folder: '/DCIM/100CANON', files: 2 },
      { folder: '/DCIM/101CANON', files: 1 },
    ]);
    expect(listedFolders("There is no file in folder '/'.\n")).toEqual([]);
  });
});

describe('gphoto2 --auto-detect', () => {
  it('parses the model and port table', () => {
    const out = 'Model                          Port\n----------------------------------------------------------\nCanon EOS Kiss X10             usb:001,006\nNikon DSC D3500                usb:001,007   \n';
    expect(parseAutoDetect(out)).toEqual([
      { model: 'Canon EOS Kiss X10', port: 'usb:001,006' },
      { model: 'Nikon DSC D3500', port: 'usb:001,007' },
    ]);
    expect(parseAutoDetect('Model Port\n----------------\n')).toEqual([]);
    expect(parseAutoDetect('garbage')).toEqual([]);
  });

  it('finds the camera through the real child process', async () => {
    expect(await detectCameras(exec)).toEqual({ found: true, cameras: [{ model: 'Canon EOS Kiss X10', port: 'usb:001,006' }] });
    process.env.FAKE_GPHOTO2 = 'none';
    expect(await detectCameras(exec)).toEqual({ found: true, cameras: [] });
  });

  it('kills a hung gphoto2 at the timeout', async () => {
    process.env.FAKE_GPHOTO2 = 'hang';
    const started = Date.now();
    const r = await detectCameras(exec, 300);
    expect(r).toMatchObject({ found: false, reason: 'timeout' });
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('says when gphoto2 is not installed', async () => {
    process.env.PATH = tempDir();
    expect(await detectCameras(exec)).toMatchObject({ found: false, reason: 'not_installed' });
  });
});

describe('Gphoto2Camera', () => {
  const cam = { model: 'Canon EOS Kiss X10', port: 'usb:001,006' };

  it('delivers the capture to memory, setting the capture target to RAM first', async () => {
    const log = path.join(tempDir(), 'calls');
    process.env.FAKE_GPHOTO2_LOG = log;
    const camera = new Gphoto2Camera(exec, cam);
    const img = await camera.capture();
    expect(img.equals(readFileSync(jpeg))).toBe(true);
    expect(readFileSync(log, 'utf8').trim()).toBe('--port usb:001,006 --set-config capturetarget=0 --capture-image-and-download --stdout');
    expect(camera.status()).toMatchObject({ kind: 'camera', simulated: false, name: 'Canon EOS Kiss X10', state: 'ready' });
  });

  it('shoots a body that has no capture target: refused once for setting one, then shot without asking again', async () => {
    const log = path.join(tempDir(), 'calls');
    process.env.FAKE_GPHOTO2_LOG = log;
    process.env.FAKE_GPHOTO2_TARGET = 'none';
    const sony = { model: 'Sony ILCE-7M3', port: 'usb:001,008' };
    const camera = new Gphoto2Camera(exec, sony);
    expect((await camera.capture()).equals(readFileSync(jpeg))).toBe(true);
    expect((await camera.capture()).equals(readFileSync(jpeg))).toBe(true);
    expect(readFileSync(log, 'utf8').trim().split('\n')).toEqual([
      '--port usb:001,008 --set-config capturetarget=0 --capture-image-and-download --stdout',
      '--port usb:001,008 --capture-image-and-download --stdout',
      '--port usb:001,008 --capture-image-and-download --stdout',
    ]);
    expect(camera.status().state).toBe('ready');
    // The same body looked for again (a new adapter) is not refused once more.
    const again = new Gphoto2Camera(exec, sony);
    await again.capture();
    expect(readFileSync(log, 'utf8').trim().split('\n').at(-1)).toBe('--port usb:001,008 --capture-image-and-download --stdout');
    expect((await again.clearCard()).throughCard).toBe(1);
    // Both shots went through the card, where gphoto2 deleted them after the download: said once.
    expect(await camera.clearCard()).toEqual({ found: 0, deleted: 0, remaining: 0, throughCard: 2 });
    expect(await camera.clearCard()).toEqual({ found: 0, deleted: 0, remaining: 0, throughCard: 0 });
    // A body with a target never counts one.
    delete process.env.FAKE_GPHOTO2_TARGET;
    const canon = new Gphoto2Camera(exec, { model: 'Canon EOS R8', port: 'usb:001,007' });
    await canon.capture();
    expect((await canon.clearCard()).throughCard).toBe(0);
  });

  it('deletes the files after one the camera protects one by one, and says the card is not empty', async () => {
    const dir = tempDir();
    for (const f of ['IMG_0001.JPG', 'IMG_0002.JPG', 'IMG_0003.JPG']) writeFileSync(path.join(dir, f), 'x');
    process.env.FAKE_GPHOTO2_CARD = dir;
    process.env.FAKE_GPHOTO2 = 'protected-first';
    const log = path.join(tempDir(), 'log');
    process.env.FAKE_GPHOTO2_LOG = log;
    expect(await new Gphoto2Camera(exec, cam).clearCard()).toEqual({ found: 3, deleted: 2, remaining: 1, throughCard: 0 });
    expect(readdirSync(dir)).toEqual(['IMG_0001.JPG']);
    // Last first, so the numbers of those still to go hold.
    expect(readFileSync(log, 'utf8').trim().split('\n').filter((l) => l.includes('--delete-file'))).toEqual([3, 2, 1].map((n) => `--port usb:001,006 --folder /store_00020001/DCIM/100CANON --delete-file ${n}`));
  });

  it('reads the capture target and the recording format through gphoto2 --get-config', async () => {
    expect(await readCameraSettings(exec, cam)).toEqual({ captureTarget: 'Internal RAM', noCaptureTarget: false, imageFormat: 'Large Fine JPEG' });
    process.env.FAKE_GPHOTO2_TARGET = 'none';
    process.env.FAKE_GPHOTO2_STILL = 'raw+jpeg';
    expect(await readCameraSettings(exec, cam)).toEqual({ captureTarget: null, noCaptureTarget: true, imageFormat: 'RAW + Large Fine JPEG' });
    // A camera that does not answer: nothing known, no error.
    process.env.FAKE_GPHOTO2 = 'hang';
    expect(await readCameraSettings(exec, cam, 300)).toEqual({ captureTarget: null, noCaptureTarget: false, imageFormat: null });
  });

  it('reads gphoto2 refusing a capture target as just that, not as a camera gone', () => {
    const stderr = "\n*** Error ***              \ncapturetarget not found in configuration tree.\n*** Error (-1: 'Unspecified error') ***       \n";
    expect(gphoto2Problem(stderr).kind).toBe('no_target');
    expect(gphoto2Problem('*** Error ***\nProperty capturetarget is read only.\n').kind).toBe('no_target');
    expect(gphoto2Problem('*** Error: No camera found. ***').kind).toBe('gone');
  });

  it('tells staff to set the USB mode for shooting when the body cannot be shot from the computer', () => {
    // gphoto2's words for a body in a USB mode for copying files.
    const stderr = "*** Error ***\nSorry, your camera does not support generic capture\nERROR: Could not capture image.\nERROR: Could not capture.\n*** Error (-6: 'Unsupported operation') ***\n";
    const p = gphoto2Problem(stderr);
    expect(p.kind).toBe('unsupported');
    expect(p.message.ja).toContain('パソコンから操作して撮影するモード');
    expect(gphoto2Problem("*** Error (-6: 'Unsupported operation') ***").kind).toBe('unsupported');
    // Its live view: the real gphoto2 2.5.28 prints this, without an error number, and exits 0.
    expect(gphoto2Problem("Capturing preview frames as movie to 'stdout'. Press Ctrl-C to abort.\n\n*** Error ***\nThis camera can not capture previews.\nERROR: Movie capture error... Exiting.\nMovie capture finished (0 frames)\n").kind).toBe('unsupported');
    // A lost camera's I/O error stays what it is.
    expect(gphoto2Problem("*** Error (-7: 'I/O problem') ***").kind).toBe('gone');
  });

  it('tells staff to set JPEG when the body records RAW or HEIF, and takes the JPEG of RAW+JPEG', async () => {
    const camera = new Gphoto2Camera(exec, cam);
    for (const still of ['raw', 'raw+jpeg', 'heif']) {
      process.env.FAKE_GPHOTO2_STILL = still;
      const err = await camera.capture().catch((e: unknown) => e);
      // The camera is fine, only its setting is wrong: kept, not looked for again.
      expect(err, still).toBeInstanceOf(CameraRefusedShot);
      expect((err as AppError).body.message).toEqual(NOT_JPEG);
      expect(camera.status().state).toBe('ready');
    }
    process.env.FAKE_GPHOTO2_STILL = 'jpeg+raw';
    const img = await camera.capture();
    expect(img.equals(readFileSync(jpeg))).toBe(true);
    // What came after it (the RAW) is zeroed where it lies.
    const after = Buffer.from(img.buffer, img.byteOffset + img.length, 4096 + 12);
    expect(after.every((b) => b === 0)).toBe(true);
  });

  it('turns a camera error into a clear message and marks it offline', async () => {
    // The USB device refused: another program holds the camera.
    process.env.FAKE_GPHOTO2 = 'error';
    const camera = new Gphoto2Camera(exec, cam);
    const err = await camera.preview().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).body.message.ja).toContain('別のプログラムがカメラを使っています');
    expect(camera.status().state).toBe('offline');
  });

  it('turns a hang into a clear message', async () => {
    process.env.FAKE_GPHOTO2 = 'hang';
    const camera = new Gphoto2Camera(exec, cam, { preview: 300, capture: 300 });
    const err = (await camera.capture().catch((e: unknown) => e)) as AppError;
    expect(err.body.code).toBe('unavailable');
    expect(err.body.message.ja).toContain('応答しません');
  });
});
