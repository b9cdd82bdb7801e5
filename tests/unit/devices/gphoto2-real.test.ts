// The gphoto2 adapter against the real gphoto2 (Debian's, with libgphoto2's own drivers), beside
// the tests on the fake one. No camera is plugged into a build machine, but libgphoto2 ships a
// "Directory Browse" driver that shows a folder as a camera's card (port disk:/folder): the
// adapter's card clearing, and the words it gives staff for the tool's refusals, are checked
// against what the real tool prints.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectCameras, Gphoto2Camera, gphoto2Problem } from '../../../src/main/devices/camera/gphoto2.js';
import { exec } from '../../../src/main/system/exec.js';
import { AppError } from '../../../src/shared/errors.js';
import { demoPhotos, tempDir } from '../../support/test-app.js';

const installed = ['/usr/bin/gphoto2', '/usr/local/bin/gphoto2'].some((f) => existsSync(f));
// CI installs gphoto2 (scripts/setup/system-packages.sh): there these must run, never quietly skip.
if (!installed && process.env.CI) throw new Error('the real gphoto2 tests cannot run: gphoto2 is not installed');

const still = readFileSync(path.join(demoPhotos, 'astronaut-eileen-collins.jpg'));

/** A folder laid out as a camera's card, with `files` pictures left on it. */
function card(files: string[]): string {
  const dir = tempDir('madoguchi-card-');
  for (const f of files) {
    mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    writeFileSync(path.join(dir, f), still);
  }
  return dir;
}

/** Every file under `dir`. */
function filesIn(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe.skipIf(!installed)('gphoto2, the real tool', () => {
  it('reads the real --auto-detect table (on a build machine: no camera)', async () => {
    const probe = await detectCameras(exec);
    expect(probe.found).toBe(true);
    if (!probe.found) return;
    for (const c of probe.cameras) expect(c.port).toMatch(/^(?:usb|ptpip|serial|disk|ip):/);
    if (process.env.CI) expect(probe.cameras).toEqual([]);
  });

  it('empties a card through the real --list-files and --delete-all-files, and lists it again', async () => {
    // (The folder driver shows only pictures and films: a real card's other files are not stood in for.)
    const dir = card(['DCIM/100CANON/IMG_0001.JPG', 'DCIM/100CANON/IMG_0002.CR3', 'DCIM/100CANON/MVI_0003.MOV', 'DCIM/101CANON/IMG_0004.JPG']);
    const camera = new Gphoto2Camera(exec, { model: 'Directory Browse', port: `disk:${dir}` });
    expect(await camera.clearCard()).toEqual({ found: 4, deleted: 4, remaining: 0, throughCard: 0 });
    expect(filesIn(dir)).toEqual([]);
    // An empty card is listed once and left alone.
    expect(await camera.clearCard()).toEqual({ found: 0, deleted: 0, remaining: 0, throughCard: 0 });
  });

  it('deletes what it can when a file will not go, and says the card is not empty, from listing it again', async (ctx) => {
    const dir = card(['DCIM/100CANON/IMG_0001.JPG', 'DCIM/100CANON/IMG_0002.JPG', 'DCIM/101CANON/IMG_0003.JPG']);
    const stuck = path.join(dir, 'DCIM/100CANON/IMG_0001.JPG');
    // A file the card will not give up: made immutable (root, on a file system that has the flag).
    if ((await exec('chattr', ['+i', stuck], { timeoutMs: 5000 })).code !== 0) ctx.skip();
    try {
      const camera = new Gphoto2Camera(exec, { model: 'Directory Browse', port: `disk:${dir}` });
      // gphoto2 stops at the first file it cannot delete, leaving the one after it too: that one
      // goes on its own. The stuck one is counted from listing the card again, and the next
      // visit waits for staff.
      expect(await camera.clearCard()).toEqual({ found: 3, deleted: 2, remaining: 1, throughCard: 0 });
      expect(filesIn(dir)).toEqual(['DCIM/100CANON/IMG_0001.JPG']);
    } finally {
      await exec('chattr', ['-i', stuck], { timeoutMs: 5000 });
    }
  });

  it('turns the real tool’s refusals into words for staff', async () => {
    const dir = card([]);
    // A body that cannot be shot from a computer (libgphoto2's -6): the driver of a folder is one.
    const folder = new Gphoto2Camera(exec, { model: 'Directory Browse', port: `disk:${dir}` }, { preview: 5000, capture: 10000 });
    const unsupported = gphoto2Problem('*** Error (-6: \'Unsupported operation\') ***').message;
    expect((await refusal(folder.capture())).body.message).toEqual(unsupported);
    expect((await refusal(folder.preview())).body.message).toEqual(unsupported);
    // Its live view ends at once, with exit status 0 and no error number: still not "try again".
    const live = folder.startLiveView(() => undefined);
    expect((await live.ended)?.body.message).toEqual(unsupported);
    expect(filesIn(dir)).toEqual([]);

    // A camera unplugged since it was found: its port answers "No camera found".
    const gone = new Gphoto2Camera(exec, { model: 'Canon EOS Kiss X10', port: 'usb:999,999' }, { preview: 5000, capture: 10000 });
    expect((await refusal(gone.capture())).body.message).toEqual(gphoto2Problem('*** Error: No camera found. ***').message);
    expect(gphoto2Problem('*** Error: No camera found. ***').kind).toBe('gone');
    await expect(gone.clearCard()).rejects.toThrow(AppError);
  }, 30_000);
});
